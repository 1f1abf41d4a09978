"""The world gazetteer: the shipped data, phrase lookups, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancegraph.errors import VocabularyError
from stancegraph.vocab.gazetteer import Entity, Gazetteer, load_gazetteer, read_gazetteer
from stancegraph.vocab.model import load_vocabulary


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return load_gazetteer()


def test_every_un_member_observer_kosovo_and_taiwan_is_there(world: Gazetteer) -> None:
    kinds = [e.kind for e in world.entities.values()]
    assert kinds.count("state") + kinds.count("observer") >= 195
    for entity_id in ("kosovo", "taiwan", "palestine", "united-nations", "european-union"):
        assert entity_id in world.entities
    assert all(e.wikidata for e in world.entities.values() if e.kind in ("state", "observer"))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Russian Federation", "russia"),
        ("Azerbaijani", "azerbaijan"),
        ("Azeri", "azerbaijan"),
        ("Beijing", "china"),
        ("the Kremlin", "russia"),
        ("Downing Street", "united-kingdom"),
        ("Pristina", "kosovo"),
        ("Ministry of External Affairs", "india"),
        ("Pakistani", "pakistan"),
        ("Hamas", "hamas"),
        ("the Houthis", "houthis"),
        ("RSF", "rapid-support-forces"),
        ("DPRK", "north-korea"),
        ("U.S.", "united-states"),
        ("Israel's", "israel"),
    ],
)
def test_phrases_name_their_entity(world: Gazetteer, phrase: str, expected: str) -> None:
    assert world.find(phrase) == expected


def test_abbreviations_match_only_in_their_own_case(world: Gazetteer) -> None:
    assert world.find("US") == "united-states"
    assert world.find("us") is None


def _words(text: str) -> list[str]:
    return text.split()


def test_the_longest_phrase_among_words_wins(world: Gazetteer) -> None:
    words = _words("the representative of the Democratic People's Republic of Korea said")
    assert world.find_in(words) == "north-korea"
    assert world.find_in(_words("Iran's Foreign Minister Abbas Araghchi")) == "iran"


def test_every_entity_is_a_side_with_its_wikidata_iri() -> None:
    vocabulary = load_vocabulary()
    side = vocabulary.sides["azerbaijan"]
    assert side.label == "Azerbaijan"
    assert side.same_as == ("http://www.wikidata.org/entity/Q227",)
    assert "azerbaijan" in vocabulary.generated_sides
    # a side of a vocabulary file is not replaced by the gazetteer's
    assert "united-states" not in vocabulary.generated_sides


def test_a_phrase_two_entities_share_names_neither() -> None:
    both = Gazetteer(
        [
            Entity(id="a", label="A", kind="state", names=("Common Land",)),
            Entity(id="b", label="B", kind="state", names=("Common Land",)),
        ]
    )
    assert both.find("Common Land") is None
    assert both.find("A") == "a"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"entities": {}}', "no `entities` list"),
        ('{"entities": [{"id": "Bad Id", "label": "x", "kind": "state"}]}', "is not a slug"),
        ('{"entities": [{"id": "x", "label": "X", "kind": "planet"}]}', "kind 'planet'"),
        (
            '{"entities": [{"id": "x", "label": "X", "kind": "state", "wikidata": "42"}]}',
            "is not a Q-id",
        ),
        (
            '{"entities": [{"id": "x", "label": "X", "kind": "state"},'
            ' {"id": "x", "label": "Y", "kind": "state"}]}',
            "given twice",
        ),
    ],
)
def test_a_malformed_gazetteer_is_one_line_naming_the_fix(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "gazetteer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError, match="gazetteer file") as info:
        read_gazetteer(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_the_shipped_file_records_its_sources() -> None:
    from stancegraph.vocab.gazetteer import GAZETTEER_FILE

    about = json.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["about"]
    assert about["sources"] and all(s.get("licence") for s in about["sources"])
