"""The page is offline, escapes everything, links out safely and is byte-identical."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from stancegraph.viz.model import View
from stancegraph.viz.render import render_html, safe_color, safe_url, to_notebook_html
from tests.viz.factory import HOSTILE, tiny_view


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, dict[str, str | None]]] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts.append(found)
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            if found.get(name) is not None:
                self.links.append((tag, name, found))


def external_links(page: str) -> list[str]:
    """Every src/href that would reach the network, except safe anchors to articles."""
    parser = _Links()
    parser.feed(page)
    bad = []
    for tag, name, attrs in parser.links:
        value = attrs[name] or ""
        if value.startswith(("#", "data:")) or not re.match(
            r"^[a-z][a-z0-9+.-]*:|^//", value, re.I
        ):
            continue
        anchor_ok = (
            tag == "a"
            and name == "href"
            and re.match(r"^https?://", value)
            and "noopener" in (attrs.get("rel") or "").split()
        )
        if not anchor_ok:
            bad.append(f"<{tag} {name}={value!r}>")
    assert all("src" not in s for s in parser.scripts), "no script may load a file"
    return bad


def test_page_is_offline_with_only_safe_article_links() -> None:
    page = render_html(tiny_view())
    assert external_links(page) == []
    assert '<a href="https://example.org/wire/1" rel="noopener noreferrer" target="_blank">' in page
    assert "<link" not in page
    assert "bootstrap" not in page.lower()
    assert 'meta charset="utf-8"' in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
        "http://a b",
        "ftp://x/y",
    ],
)
def test_unsafe_article_urls_are_dropped(url: str) -> None:
    page = render_html(tiny_view(url=url))
    assert "<a " not in page
    data = json.loads(re.search(r'id="sg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data["articles"]["a0"]["url"] is None


def test_hostile_text_never_reaches_the_markup_raw() -> None:
    page = render_html(tiny_view(label=HOSTILE, quote=HOSTILE))
    assert "<img" not in page
    assert "window.__pwned=2</script>" not in page
    payload = re.search(r'id="sg-data">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    data = json.loads(payload)
    assert {n["label"] for n in data["nodes"]} >= {HOSTILE}
    assert data["edges"][1]["evidence"][0]["quote"] == HOSTILE


def test_ids_are_opaque() -> None:
    page = render_html(tiny_view())
    data = json.loads(re.search(r'id="sg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert [n["id"] for n in data["nodes"]] == ["n0", "n1", "n2", "n3"]
    assert all(re.fullmatch(r"e\d+", e["id"]) for e in data["edges"])
    assert "actor/rufus" not in page


def test_same_view_same_bytes() -> None:
    assert render_html(tiny_view()) == render_html(tiny_view())


def test_empty_view_says_so_and_loads_no_script() -> None:
    page = render_html(
        View(title="Nothing", empty_message="No claims to draw: code an article first.")
    )
    assert "No claims to draw: code an article first." in page
    assert "<script" not in page


def test_long_labels_are_cut_on_the_canvas_but_kept_whole() -> None:
    long = "x" * 500
    page = render_html(tiny_view(label=long))
    data = json.loads(re.search(r'id="sg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    node = next(n for n in data["nodes"] if n["label"] == long)
    assert len(node["vis"]["label"]) == 60
    assert node["vis"]["label"].endswith("…")


def test_notebook_iframe_carries_the_page_escaped() -> None:
    page = render_html(tiny_view(label=HOSTILE))
    frame = to_notebook_html(page, height=500)
    assert frame.startswith('<iframe srcdoc="') and "height: 500px" in frame
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1)  # type: ignore[union-attr]
    assert html.unescape(srcdoc) == page
    assert 'sandbox="allow-scripts' in frame and "allow-same-origin" not in frame


def test_safe_url_and_colour() -> None:
    assert safe_url("https://apnews.com/a?b=1#c") == "https://apnews.com/a?b=1#c"
    assert safe_url("http://x.org") == "http://x.org"
    assert safe_url(" javascript:alert(1)") is None
    assert safe_url("https://x.org/\nfoo") is None
    assert safe_url(None) is None
    assert safe_color("#1b7a3d") == "#1b7a3d"
    assert safe_color("red;background:url(http://evil)") == "#90a4ae"


VIS_NETWORK_SHA256 = "6e30a2350474cdf92a0932c6d55b8adcb91929066817ed3eec7b87907a4612f3"


def test_vis_network_is_our_own_package_data_with_its_licences() -> None:
    import hashlib
    from importlib import resources

    from stancegraph.viz.render import VIS_NETWORK_JS

    folder = resources.files("stancegraph.viz").joinpath(*VIS_NETWORK_JS[:-1])
    build = folder.joinpath(VIS_NETWORK_JS[-1]).read_bytes()
    assert hashlib.sha256(build).hexdigest() == VIS_NETWORK_SHA256
    mit = folder.joinpath("LICENSE-MIT").read_text(encoding="utf-8")
    apache = folder.joinpath("LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    assert "Almende" in mit and "Permission is hereby granted" in mit
    assert "Apache License" in apache and "Version 2.0" in apache
    assert VIS_NETWORK_SHA256 in folder.joinpath("SOURCE.md").read_text(encoding="utf-8")


def test_page_does_not_read_pyvis_files_and_drops_the_source_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import resources

    from stancegraph.viz import render

    real = resources.files

    def guarded(package: str):  # type: ignore[no-untyped-def]
        assert not str(package).startswith("pyvis"), "the page must not read pyvis' files"
        return real(package)

    render._assets.cache_clear()
    monkeypatch.setattr(render.resources, "files", guarded)
    try:
        page = render_html(tiny_view())
    finally:
        render._assets.cache_clear()
    assert "vis.Network" in page or "Network=" in page
    assert "sourceMappingURL" not in page
    assert "@version 9.1.2" in page
