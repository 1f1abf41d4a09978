"""``build``: claims files -> one RDF dataset (one named graph per article) -> a file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from stancegraph.claims.io import ArticleClaims, load_claims, with_article_text
from stancegraph.claims.model import ClaimsFile
from stancegraph.errors import InputError
from stancegraph.rdf.build import claims_to_dataset, sides_used
from stancegraph.rdf.files import write_rdf
from stancegraph.vocab.check import check_claims_vocabulary
from stancegraph.vocab.model import Vocabulary, vocabulary_for_claims

__all__ = [
    "BuildResult",
    "build_claims",
    "check_unique_articles",
    "claims_dataset",
    "load_checked_claims",
]


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` wrote: the file, its format, and how much went in."""

    output: Path
    format: str
    articles: int
    claims: int


def load_checked_claims(
    paths: Iterable[Path],
    vocabulary: Vocabulary,
    *,
    parsed: Mapping[Path, ClaimsFile] | None = None,
) -> list[ArticleClaims]:
    """Load every claims file in *paths* and check its ids against *vocabulary*; a file
    in *parsed* (just written from that data) is not parsed again, only its article
    text read and checked."""
    articles = []
    parsed = parsed or {}
    for path in paths:
        data = parsed.get(Path(path))
        article = load_claims(Path(path)) if data is None else with_article_text(data, path)
        check_claims_vocabulary(article, vocabulary)
        articles.append(article)
    return articles


def check_unique_articles(articles: Iterable[ArticleClaims]) -> None:
    """Raise :class:`InputError` naming both files when two claims files code one article."""
    seen: dict[str, Path | None] = {}
    for article in articles:
        aid = article.data.article.id
        if aid in seen:
            raise InputError(
                f"{article.path} and {seen[aid]} both code article {aid!r}: give each article "
                "one claims file"
            )
        seen[aid] = article.path


def claims_dataset(
    paths: Sequence[Path], vocabulary: Vocabulary
) -> tuple[Dataset, list[ArticleClaims]]:
    """The RDF dataset of the claims files *paths*, and the loaded files."""
    if not paths:
        raise InputError("no claims files given: name at least one *.claims.yaml file")
    articles = load_checked_claims(paths, vocabulary)
    check_unique_articles(articles)
    sides = vocabulary.sides_to_define(s for a in articles for s in sides_used(a.data))
    issues = vocabulary.issues_to_define(c.issue for a in articles for c in a.data.claims)
    return claims_to_dataset(articles, sides=sides, issues=issues), articles


def build_claims(
    paths: Sequence[Path],
    output: Path,
    *,
    fmt: str | None = None,
    vocab: Sequence[Path] = (),
) -> BuildResult:
    """Build the RDF of the claims files *paths* and write it to *output* (the emergent
    issues of a generated scheme beside the claims files are read with *vocab*)."""
    vocabulary = vocabulary_for_claims(paths, vocab)
    dataset, articles = claims_dataset(paths, vocabulary)
    used = write_rdf(dataset, output, fmt)
    return BuildResult(
        output=Path(output),
        format=used,
        articles=len(articles),
        claims=sum(len(a.data.claims) for a in articles),
    )
