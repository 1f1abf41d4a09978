"""YAML from outside: alias bombs and runaway nesting are refused before anything loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.claims.io import parse_claims
from stancegraph.errors import ClaimsFileError, InputError, VocabularyError
from stancegraph.extract.rules import load_rules
from stancegraph.extract.source import read_article
from stancegraph.vocab.model import load_vocabulary
from stancegraph.yamlguard import MAX_DEPTH, UnsafeYAMLError, check_yaml


def _bomb(levels: int = 9) -> str:
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghijk"[:levels]:
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text + f"title: *{previous}\n"


def _deep(depth: int) -> str:
    return "title: " + "[" * depth + "]" * depth + "\n"


def test_an_alias_is_refused_at_once_without_expanding() -> None:
    with pytest.raises(UnsafeYAMLError, match="line 2: YAML aliases"):
        check_yaml(_bomb())
    check_yaml("a: &anchor 1\nb: 2\n")  # an anchor alone expands nothing


def test_nesting_is_bounded() -> None:
    check_yaml(_deep(MAX_DEPTH - 1))
    with pytest.raises(UnsafeYAMLError, match=f"more than {MAX_DEPTH} levels"):
        check_yaml(_deep(MAX_DEPTH + 5))


@pytest.mark.parametrize("text", [_bomb(), _deep(20_000)])
def test_an_article_sidecar_bomb_is_one_line(tmp_path: Path, text: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nJohn Smith said the talks would go on.\n", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.meta\.yaml: (unsafe|malformed) YAML") as info:
        read_article(article)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text", [_bomb(), _deep(20_000)])
def test_claims_rules_and_actor_files_refuse_them_too(tmp_path: Path, text: str) -> None:
    with pytest.raises(ClaimsFileError, match="(unsafe|malformed) YAML"):
        parse_claims(text, name="x.claims.yaml")
    rules = tmp_path / "rules.yaml"
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="rules file .*(unsafe|malformed) YAML"):
        load_rules([rules])
    actors = tmp_path / "actors.yaml"
    actors.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match="actor file .*(unsafe|malformed) YAML"):
        load_vocabulary([actors])
