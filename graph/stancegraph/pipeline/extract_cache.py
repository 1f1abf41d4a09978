"""Extraction results kept between runs, so that an unchanged article is not parsed again.

An article's entry is keyed by a SHA-256 of everything its extraction depends on: the
article (its text, metadata, excluded spans and where its text file is) and the
extractor's fingerprint (stancegraph's version and the source of the packages that
extract, the spaCy model's name and version, spaCy's version, the rules and vocabulary
files given). Change any of these and the key changes; an unchanged article is read
back from ``<out>/cache/extract/<key>.json`` instead of being run through spaCy.

What is kept is the extraction before the corpus-wide grouping of emergent issues, so
that grouping still sees every article of the run: a changed article can regroup the
issues of the others, and their claims files are rewritten when it does.

Entries are JSON (never pickle: the output folder may be shared), written atomically;
one that cannot be read is treated as missing and extracted again. Entries no article
of the run used are removed at its end, so the cache holds one corpus, not every
version ever seen.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from stancegraph import __version__
from stancegraph.claims.model import ClaimsFile
from stancegraph.extract.assemble import AssembledArticle
from stancegraph.extract.source import ArticleSource
from stancegraph.textio import write_atomic

__all__ = ["CACHE_FOLDER", "ExtractionCache", "extractor_fingerprint"]

#: Where, under a run's output folder, the extraction cache lives.
CACHE_FOLDER = Path("cache") / "extract"

#: What an entry's name is (other files in the folder are not entries).
_KEY = re.compile(r"[0-9a-f]{64}")
#: The packages whose code decides what an extraction gives.
_CODE_PACKAGES = ("extract", "claims", "vocab")


def _package_digest(digest: hashlib._Hash) -> None:
    root = Path(__file__).resolve().parent.parent
    for package in _CODE_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())


def _distribution_version(name: str) -> str:
    for candidate in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(candidate)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def extractor_fingerprint(
    model: str | None = None, rules: Sequence[Path] = (), vocab: Sequence[Path] = ()
) -> str:
    """A SHA-256 of what, besides the article, an extraction depends on (see the module
    docstring), found without loading the model."""
    from stancegraph.extract.model import choose_model

    digest = hashlib.sha256()
    package = choose_model(model)
    for part in (__version__, package, _distribution_version(package)):
        digest.update(part.encode() + b"\0")
    digest.update(_distribution_version("spacy").encode() + b"\0")
    _package_digest(digest)
    for kind, files in (("rules", rules), ("vocab", vocab)):
        for path in files:
            digest.update(f"{kind}\0{Path(path).name}\0".encode())
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


class ExtractionCache:
    """The entries of one output folder's cache, for one extractor fingerprint."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()

    def key(self, source: ArticleSource, text_file: str) -> str:
        """The key of *source* extracted with its offsets into *text_file*."""
        digest = hashlib.sha256(self.fingerprint.encode())
        for part in (text_file, repr(source.meta), repr(source.excluded), str(source.derived)):
            digest.update(b"\0" + part.encode())
        digest.update(b"\0" + source.text.encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
        self._used.add(key)
        return key

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry is kept under *key* (:meth:`get` may still find it unreadable)."""
        return self._path(key).is_file()

    def get(self, key: str) -> AssembledArticle | None:
        """The extraction kept under *key*, or None (missing or unreadable)."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            found = AssembledArticle(
                data=ClaimsFile.model_validate(entry["data"]),
                about={k: tuple(v) for k, v in entry["about"].items()},
                context=tuple(entry["context"]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, assembled: AssembledArticle) -> None:
        """Keep *assembled* under *key* (not waiting for the disk: a stopped process loses
        nothing the system holds, and an entry a power cut leaves unreadable is a miss)."""
        entry = {
            "data": assembled.data.model_dump(mode="json"),
            "about": {k: list(v) for k, v in assembled.about.items()},
            "context": list(assembled.context),
        }
        text = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        write_atomic(self._path(key), text, durable=False)

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Remove the entries not in *keep* (default: the keys asked for so far); how many."""
        kept = set(self._used if keep is None else keep)
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if _KEY.fullmatch(path.stem) and path.stem not in kept:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed
