"""Reading an article to extract from: plain text, Markdown or HTML, plus its metadata.

Offsets in a claims file always point into a text file. For plain text and
Markdown that is the input file itself, byte for byte (YAML front matter stays
in the file and is excluded from extraction as a span). For HTML it is the
article's main text as plain text (one paragraph per block element, blocks
separated by a blank line): the extractor writes that text beside the claims
file as ``<stem>.txt`` and the claims file names it, so every offset can be
checked against a file a reader can open.

Metadata (id, title, published, publisher, dateline, url, authors) comes from
YAML front matter, then a sidecar ``<stem>.meta.yaml`` (which wins), then HTML
``<meta>`` tags; the title falls back to the first line of text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from stancegraph.errors import InputError
from stancegraph.textio import read_text
from stancegraph.yamlguard import UnsafeYAMLError, check_yaml, yaml_problem

__all__ = ["ArticleMeta", "ArticleSource", "html_to_text", "read_article", "slug_of"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_META_KEYS = ("id", "title", "published", "publisher", "dateline", "url", "authors", "language")


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    id: str
    title: str
    published: dt.date | None = None
    publisher: str | None = None
    dateline: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class ArticleSource:
    """An article ready for extraction: the text offsets refer to, and its metadata."""

    path: Path
    text: str
    meta: ArticleMeta
    derived: bool = False
    excluded: tuple[tuple[int, int], ...] = field(default=())


def slug_of(value: str) -> str:
    """A lower-case IRI-safe slug of *value* ('' when nothing is left)."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", value.lower()).strip("-._")
    return slug[:200]


class _MainText(HTMLParser):
    """Collects the text of block elements, skipping scripts, navigation and figures."""

    SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "nav",
            "header",
            "footer",
            "aside",
            "figure",
            "figcaption",
            "form",
            "button",
            "svg",
            "iframe",
            "template",
            "select",
        }
    )
    BLOCK = frozenset(
        {
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "blockquote",
            "br",
            "tr",
            "section",
            "article",
            "main",
            "pre",
            "dd",
            "dt",
            "td",
            "ul",
            "ol",
            "table",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"])
            return
        if tag == "link" and values.get("rel") == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
            return
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.current.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current = []


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The main text of *html* (blocks separated by blank lines) and its metadata tags."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    parser._flush()
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title).split())
    if title:
        meta.setdefault("title", title)
    return "\n\n".join(parser.blocks) + "\n", meta


def _load_yaml(source: str, where: str) -> dict[str, Any]:
    try:
        check_yaml(source)
        raw = yaml.safe_load(source)
    except UnsafeYAMLError as exc:
        raise InputError(f"{where}: unsafe YAML metadata, {exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(
            f"{where}: malformed YAML metadata ({yaml_problem(exc)}): fix the syntax"
        ) from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(f"{where}: metadata is not a YAML mapping: give key: value lines")
    return {str(k): v for k, v in raw.items() if str(k) in _META_KEYS}


def _date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"{where}: published {value!r} is not a date: use YYYY-MM-DD") from exc


def _first_line(text: str, start: int) -> str:
    for line in text[start:].splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return "untitled"


def read_article(path: Path) -> ArticleSource:
    """Read the article at *path* (text, Markdown or HTML) and its metadata."""
    path = Path(path)
    raw_text = read_text(path, what="article")
    derived = path.suffix.lower() in HTML_SUFFIXES
    meta: dict[str, Any] = {}
    excluded: list[tuple[int, int]] = []
    if derived:
        text, tags = html_to_text(raw_text)
        if not text.strip():
            raise InputError(f"article {path} has no text outside its markup: give the article")
        meta = {
            "title": tags.get("og:title") or tags.get("title"),
            "published": (tags.get("article:published_time") or "")[:10] or None,
            "publisher": tags.get("og:site_name"),
            "url": tags.get("og:url") or tags.get("canonical"),
        }
        meta = {k: v for k, v in meta.items() if v}
    else:
        text = raw_text
        front = _FRONT_MATTER.match(text)
        if front:
            meta = _load_yaml(front.group(1), f"{path} (front matter)")
            excluded.append((0, front.end()))
    sidecar = path.with_name(f"{path.stem}.meta.yaml")
    if sidecar.is_file():
        meta.update(_load_yaml(read_text(sidecar, what="metadata file"), str(sidecar)))
    body_start = excluded[0][1] if excluded else 0
    article_id = slug_of(str(meta.get("id") or path.stem)) or "article"
    authors = meta.get("authors") or ()
    return ArticleSource(
        path=path,
        text=text,
        derived=derived,
        excluded=tuple(excluded),
        meta=ArticleMeta(
            id=article_id,
            title=str(meta.get("title") or _first_line(text, body_start)),
            published=_date(meta.get("published"), str(path)),
            publisher=str(meta["publisher"]) if meta.get("publisher") else None,
            dateline=str(meta["dateline"]) if meta.get("dateline") else None,
            url=str(meta["url"]) if meta.get("url") else None,
            authors=tuple(str(a) for a in authors) if isinstance(authors, list) else (),
            language=str(meta.get("language") or "en"),
        ),
    )
