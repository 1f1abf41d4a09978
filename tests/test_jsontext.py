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


def test_chunks_join_to_the_text_and_a_lazy_mapping_is_asked_value_by_value() -> None:
    from collections.abc import Iterator, Mapping

    from stancegraph.jsontext import json_chunks

    made: list[str] = []

    class Lazy(Mapping[str, Any]):
        def __init__(self, keys: list[str]) -> None:
            self.keys_ = keys

        def __getitem__(self, key: str) -> Any:
            made.append(key)
            return {"key": key, "n": len(key)}

        def __iter__(self) -> Iterator[str]:
            return iter(self.keys_)

        def __len__(self) -> int:
            return len(self.keys_)

    keys = [f"k{i:05d}" for i in range(20_000, 0, -1)]
    value = {"claims": Lazy(keys), "n": 3}
    plain = {"claims": {k: {"key": k, "n": len(k)} for k in keys}, "n": 3}
    chunks = list(json_chunks(value))
    assert len(chunks) > 2  # handed on as made, not at the end
    assert "".join(chunks) == json_text(plain)
    assert made == sorted(keys)  # each value asked for once, in the order written
