"""Reading BRAT attribution annotations in the PolNeAR format (Source / Cue / Content).

``T`` lines are spans (``T3<TAB>Content 115 290<TAB>text``, possibly
discontinuous ``a b;c d``, pieces in any order: counted from the smallest start
to the largest end);
``E`` lines tie an attribution together (``Attribution:T4 Content:T3 Cue:T2
Source:T1``). The reader never stops on bad data: malformed lines and spans
whose text does not match the article are counted and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stancegraph.textio import read_text

__all__ = ["BratArticle", "GoldAttribution", "ReadProblems", "parse_ann", "read_corpus"]


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: its content span and (if any) its source span and text."""

    content: tuple[int, int]
    source: tuple[int, int] | None = None
    source_text: str | None = None


@dataclass
class ReadProblems:
    """What the reader survived."""

    malformed_lines: int = 0
    span_mismatches: int = 0
    missing_refs: int = 0
    files: int = 0


@dataclass(frozen=True)
class BratArticle:
    """An article's text and its gold attributions."""

    name: str
    text: str
    gold: tuple[GoldAttribution, ...] = field(default=())


def _span(field_text: str) -> tuple[str, tuple[int, int]] | None:
    parts = field_text.split(" ", 1)
    if len(parts) != 2:
        return None
    label, ranges = parts
    bounds: list[int] = []
    for piece in ranges.split(";"):
        numbers = piece.split()
        if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
            return None
        bounds += [int(numbers[0]), int(numbers[1])]
    start, end = min(bounds[0::2]), max(bounds[1::2])
    if end <= start:
        return None
    return label, (start, end)


def parse_ann(source: str, text: str, problems: ReadProblems) -> tuple[GoldAttribution, ...]:
    """The attributions with a Content span in the BRAT *source* annotating *text*."""
    spans: dict[str, tuple[str, tuple[int, int], str]] = {}
    events: list[dict[str, str]] = []
    for line in source.splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T"):
            parsed = _span(fields[1]) if len(fields) >= 2 else None
            if parsed is None:
                problems.malformed_lines += 1
                continue
            label, (start, end) = parsed
            surface = fields[2] if len(fields) >= 3 else ""
            if end > len(text) or (";" not in fields[1] and text[start:end] != surface):
                problems.span_mismatches += 1
            spans[fields[0]] = (label, (start, min(end, len(text))), surface)
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, str] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), ref)
            events.append(roles)
    gold: list[GoldAttribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            if "Content" in roles:
                problems.missing_refs += 1
            continue
        source_span = spans.get(roles.get("Source", ""))
        gold.append(
            GoldAttribution(
                content=content[1],
                source=source_span[1] if source_span else None,
                source_text=source_span[2] if source_span else None,
            )
        )
    return tuple(sorted(set(gold), key=lambda g: (g.content, g.source or (0, 0))))


def read_corpus(
    folder: Path, *, limit: int | None = None
) -> tuple[list[BratArticle], ReadProblems]:
    """Articles of a split folder (``text/*.txt`` + ``attributions/<name>_<annotator>.ann``).

    Per article the first annotator file in sorted order is gold.
    """
    folder = Path(folder)
    problems = ReadProblems()
    articles: list[BratArticle] = []
    texts = sorted((folder / "text").glob("*.txt"))
    for path in texts[:limit] if limit else texts:
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = read_text(path, what="article", allow_empty=True)
        problems.files += 1
        source = read_text(anns[0], what="annotation file", allow_empty=True)
        articles.append(BratArticle(path.stem, text, parse_ann(source, text, problems)))
    return articles, problems
