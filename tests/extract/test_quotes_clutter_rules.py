"""Quotation marks, page clutter and paragraphs, and the rules file."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from stancegraph.errors import InputError
from stancegraph.extract.clutter import MAX_CHUNK, body_paragraphs, clutter_spans
from stancegraph.extract.quotes import find_quotes
from stancegraph.extract.rules import load_rules


def test_curly_and_straight_quotes_pair_and_trim_trailing_comma() -> None:
    text = '“Tariffs hurt us,” he said. "Talks go on here."'
    quotes = find_quotes(text)
    assert [text[q.inner[0] : q.inner[1]] for q in quotes] == [
        "Tariffs hurt us",
        "Talks go on here.",
    ]
    assert all(q.closed for q in quotes)


def test_two_apostrophes_quote_like_a_double_quote_but_one_does_not() -> None:
    text = "''Tariffs hurt us,'' he said. ''Rassendyll's talks go on.'' It's late."
    quotes = find_quotes(text)
    assert [text[q.inner[0] : q.inner[1]] for q in quotes] == [
        "Tariffs hurt us",
        "Rassendyll's talks go on.",
    ]


def test_unclosed_quote_runs_to_paragraph_end_and_is_flagged() -> None:
    text = "He said: “We will keep talking to the end  "
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert text[quote.inner[0] : quote.inner[1]] == "We will keep talking to the end"


def test_stray_closing_mark_is_ignored() -> None:
    assert find_quotes("no opening” here") == []


def test_clutter_is_spans_and_offsets_stay_in_the_original_text() -> None:
    rules = load_rules()
    text = (
        "A Headline Without A Full Stop\n\nFacebookXEmailShare\n"
        "Minister Rassendyll in Zenda\nMinister Rassendyll in Zenda waves. (AP Photo/Someone)\n\n"
        "    Rassendyll said talks would go on.\n\n    Story Continues\n"
    )
    clutter = [text[s:e].strip() for s, e in clutter_spans(text, rules)]
    assert "FacebookXEmailShare" in clutter
    assert "Story Continues" in clutter
    assert "A Headline Without A Full Stop" in clutter
    assert any("(AP Photo" in c for c in clutter)
    paragraphs = body_paragraphs(text, clutter_spans(text, rules))
    assert [text[s:e] for s, e in paragraphs] == ["Rassendyll said talks would go on."]


def test_long_paragraphs_are_chunked_at_sentence_ends() -> None:
    text = "He said it went well. " * (MAX_CHUNK // 10)
    chunks = body_paragraphs(text, [])
    assert len(chunks) > 1
    assert all(e - s <= MAX_CHUNK for s, e in chunks)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text.rstrip())
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))


def test_rules_load_validate_and_extend(tmp_path: Path) -> None:
    rules = load_rules()
    assert rules.cue_by_lemma["say"].tone == "neutral"
    assert rules.cue_by_lemma["slam"].tone == "critical"
    assert rules.adjective_cue_by_word["skeptical"].preps == ("of", "about")
    assert rules.tone_of("proud") == "positive"
    extra = tmp_path / "more.yaml"
    extra.write_text("cues:\n  - {lemma: opine}\n  - {lemma: say, tone: positive}\n")
    extended = load_rules([extra])
    assert "opine" in extended.cue_by_lemma
    assert extended.cue_by_lemma["say"].tone == "positive"
    bad = tmp_path / "bad.yaml"
    bad.write_text("cues:\n  - {lemma: say, colour: red}\n")
    with pytest.raises(InputError, match=r"bad.yaml: cues.0.colour"):
        load_rules([bad])
    broken = tmp_path / "broken.yaml"
    broken.write_text("clutter_lines: ['(']\n")
    with pytest.raises(InputError, match="not a regular expression"):
        load_rules([broken])
