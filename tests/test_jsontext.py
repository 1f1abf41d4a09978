"""json_text: indented outer levels, one line per record, the bytes json.dumps gives."""

from __future__ import annotations

import json
import random
from typing import Any

from stancegraph.jsontext import json_text


def _value(rng: random.Random, level: int = 0) -> Any:
    kind = rng.randrange(8 if level < 4 else 5)
    if kind == 0:
        return rng.randrange(-5, 5)
    if kind == 1:
        return rng.random()
    if kind == 2:
        return rng.choice(["", "a", 'é "q"', "line\nbreak", "</script>"])
    if kind == 3:
        return rng.choice([None, True, False])
    if kind == 4:
        return rng.choice([{}, []])
    if kind == 5:
        return [_value(rng, level + 1) for _ in range(rng.randrange(4))]
    return {rng.choice("bcaxy") + str(i): _value(rng, level + 1) for i in range(rng.randrange(4))}


def test_past_the_values_depth_it_writes_what_json_dumps_writes() -> None:
    rng = random.Random(7)
    for _ in range(300):
        value = _value(rng)
        expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        assert json_text(value, depth=99) == expected


def test_every_depth_reads_back_as_the_same_value() -> None:
    rng = random.Random(11)
    for _ in range(300):
        value = _value(rng)
        for depth in range(4):
            assert json.loads(json_text(value, depth=depth)) == value


def test_records_below_the_depth_are_one_line_each_with_sorted_keys() -> None:
    value = {"pairs": [{"b": 1, "a": [1, 2]}, {"c": "x"}], "n": 2, "empty": []}
    assert json_text(value) == (
        '{\n "empty": [],\n "n": 2,\n "pairs": [\n  {"a": [1, 2], "b": 1},\n  {"c": "x"}\n ]\n}\n'
    )


def test_keys_json_would_turn_into_text_are_left_to_it() -> None:
    value = {"counts": {2: "b", 1: "a"}}
    assert json_text(value, depth=5) == '{\n "counts": {"1": "a", "2": "b"}\n}\n'
