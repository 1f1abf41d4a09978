"""Actor files in YAML and CSV, given with --vocab: actors, memberships, and bad files."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from stancegraph.errors import VocabularyError
from stancegraph.vocab.model import load_vocabulary

YAML = """\
actors:
  - name: Subrahmanyam Jaishankar
    aliases: [S. Jaishankar]
    side: india
    role: External Affairs Minister
    from: 2019-05-30
  - name: Bilawal Bhutto Zardari
    side: pakistan
    role: Foreign Minister
    from: 2022-04-27
    to: 2023-08-10
"""


def test_a_yaml_actor_file_adds_actors_with_dated_memberships(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(YAML, encoding="utf-8")
    vocabulary = load_vocabulary([path])
    jaishankar = vocabulary.actors["subrahmanyam-jaishankar"]
    assert jaishankar.aliases == ("S. Jaishankar",)
    assert jaishankar.sides_at(dt.date(2024, 1, 1)) == ("india",)
    bhutto = vocabulary.actors["bilawal-bhutto-zardari"]
    assert bhutto.sides_at(dt.date(2023, 1, 1)) == ("pakistan",)
    assert bhutto.sides_at(dt.date(2024, 1, 1)) == ()
    assert bhutto.memberships[0].role_label == "Foreign Minister"
    # the gazetteer side an actor uses is described in the vocabulary graph
    assert "india" in vocabulary.sides and "india" not in vocabulary.generated_sides


def test_a_csv_actor_file_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,side,role,from,to\n"
        "Subrahmanyam Jaishankar,S. Jaishankar;Jaishankar,india,External Affairs Minister,"
        "2019-05-30,\n",
        encoding="utf-8",
    )
    actor = load_vocabulary([path]).actors["subrahmanyam-jaishankar"]
    assert actor.aliases == ("Jaishankar", "S. Jaishankar")
    assert actor.sides_at(None) == ("india",)


def test_an_actor_without_a_side_is_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - name: Someone Unplaced\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        vocabulary = load_vocabulary([path])
    assert "someone-unplaced" in vocabulary.actors
    assert "line 2" in caplog.text and "has no side" in caplog.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.yaml", "actors: [\n", "malformed YAML"),
        ("a.yaml", "people: []\n", "no `actors:` list"),
        ("a.yaml", "actors:\n  - name: X\n    side: atlantis\n", "line 2: side 'atlantis'"),
        ("a.yaml", "actors:\n  - name: X\n    sid: india\n", "unknown key 'sid'"),
        ("a.yaml", "actors:\n  - name: X\n    side: india\n    from: May\n", "is not a date"),
        (
            "a.yaml",
            "actors:\n  - name: A\n    aliases: [Shared]\n  - name: B\n    aliases: [Shared]\n",
            "line 4: alias 'Shared' is also 'a''s (line 2)",
        ),
        (
            "a.yaml",
            "actors:\n  - name: Tony B\n    aliases: [Antony Blinken]\n    side: india\n",
            "alias 'Antony Blinken' already names actor 'antony-blinken'",
        ),
        ("a.csv", "who,side\nX,india\n", "with `name` among them"),
        ("a.csv", "name,side\nX,india,extra\n", "line 2: more cells than columns"),
    ],
)
def test_a_bad_actor_file_is_one_line_naming_file_line_and_fix(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as info:
        load_vocabulary([path])
    assert message in str(info.value)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
