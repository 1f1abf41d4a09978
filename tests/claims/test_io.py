from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.claims.io import claims_to_yaml, dump_claims, load_claims, parse_claims
from stancegraph.claims.model import ClaimsFile
from stancegraph.errors import ClaimsFileError
from tests.conftest import MINI_CLAIMS, SEED_CLAIMS


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_load_mini(mini_copy: Path) -> None:
    article = load_claims(mini_copy)
    assert article.data.article.id == "wire-ruritania-freedonia-steel"
    assert [c.id for c in article.data.claims] == ["c1", "c2", "c3"]
    c3 = article.data.claims[2]
    assert c3.conditional and c3.strength == 0.8 and c3.target == "freedonia"
    assert article.text[c3.evidence.start : c3.evidence.end] == c3.evidence.text


def test_seed_loads_with_every_span_checked() -> None:
    article = load_claims(SEED_CLAIMS)
    assert len(article.data.claims) >= 25
    for claim in article.data.claims:
        assert article.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_malformed_yaml_names_line(mini_copy: Path) -> None:
    _edit(mini_copy, "claims:\n- id: c1", "claims:\n- id: [c1")
    with pytest.raises(ClaimsFileError, match=r"article\.claims\.yaml:1[0-9]:\d+: malformed YAML"):
        load_claims(mini_copy)


def test_bad_field_names_file_line_and_field(mini_copy: Path) -> None:
    _edit(mini_copy, "stance: oppose", "stance: 7")
    with pytest.raises(
        ClaimsFileError, match=r"article\.claims\.yaml:27: field claims\[1\]\.stance"
    ):
        load_claims(mini_copy)


def test_unknown_key_is_refused(mini_copy: Path) -> None:
    _edit(mini_copy, "  target: ruritania", "  targte: ruritania")
    with pytest.raises(ClaimsFileError, match=r":32: field claims\[1\]\.targte: Extra inputs"):
        load_claims(mini_copy)


def test_offsets_outside_text(mini_copy: Path) -> None:
    _edit(mini_copy, "{start: 179, end: 211,", "{start: 979, end: 1011,")
    with pytest.raises(
        ClaimsFileError, match=r"claim 'c2' \(claims\[1\]\) evidence: offsets 979-1011 fall outside"
    ):
        load_claims(mini_copy)


def test_quote_not_matching_text(mini_copy: Path) -> None:
    _edit(mini_copy, "{start: 179, end: 211,", "{start: 180, end: 212,")
    with pytest.raises(ClaimsFileError, match=r"claim 'c2' .*the text at 180-212 is"):
        load_claims(mini_copy)


def test_changed_article_text_is_detected(mini_copy: Path) -> None:
    text = mini_copy.parent / "article.txt"
    text.write_text(text.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    with pytest.raises(ClaimsFileError, match="sha256 does not match"):
        load_claims(mini_copy)


def test_missing_article_text(mini_copy: Path) -> None:
    (mini_copy.parent / "article.txt").unlink()
    with pytest.raises(ClaimsFileError, match="article.text_file: article text .* does not exist"):
        load_claims(mini_copy)


def test_wrong_version_and_not_a_mapping() -> None:
    with pytest.raises(ClaimsFileError, match="format version 2 is not supported"):
        parse_claims("stancegraph: 2\n", name="x.yaml")
    with pytest.raises(ClaimsFileError, match="is a YAML mapping"):
        parse_claims("- a\n- b\n", name="x.yaml")


def test_duplicate_claim_ids(mini_copy: Path) -> None:
    _edit(mini_copy, "- id: c2", "- id: c1")
    with pytest.raises(ClaimsFileError, match="claim id 'c1' is used twice"):
        load_claims(mini_copy)


@pytest.mark.parametrize("path", [MINI_CLAIMS, SEED_CLAIMS])
def test_dump_then_load_is_lossless_and_canonical(path: Path, tmp_path: Path) -> None:
    article = load_claims(path)
    (tmp_path / article.data.article.text_file).write_text(article.text, encoding="utf-8")
    out = tmp_path / "again.claims.yaml"
    dump_claims(article.data, out)
    again = load_claims(out)
    assert again.data == article.data
    assert claims_to_yaml(again.data) == out.read_text(encoding="utf-8")


def test_model_refuses_inconsistent_span() -> None:
    raw = {
        "stancegraph": 1,
        "article": {"id": "a", "text_file": "a.txt", "sha256": "0" * 64, "title": "t"},
        "coder": {"kind": "person", "name": "me"},
        "claims": [],
    }
    assert ClaimsFile.model_validate(raw).claims == ()
    bad = dict(raw, article=dict(raw["article"], id="Not A Slug"))  # type: ignore[arg-type]
    with pytest.raises(ClaimsFileError, match="field article.id"):
        parse_claims(__import__("yaml").safe_dump(bad), name="x.yaml")


@pytest.mark.parametrize("path", [MINI_CLAIMS, SEED_CLAIMS])
def test_the_c_dumper_writes_the_pure_python_dumpers_bytes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    import stancegraph.claims.io as io

    data = load_claims(path).data
    odd = data.claims[0].model_copy(
        update={"position": "“Quoted” — Ünïcode: yes; 'single' \"double\" #hash - dash\tend"}
    )
    data = data.model_copy(update={"claims": (odd, *data.claims[1:])})
    fast = claims_to_yaml(data)
    monkeypatch.setattr(io, "_DUMPER", yaml.SafeDumper)
    assert claims_to_yaml(data) == fast
    assert parse_claims(fast, name="x") == data
