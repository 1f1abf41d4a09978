"""Store, RDF file and claims files give identical records; bad data names the claim."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from stancegraph.analysis.source import (
    ClaimRecord,
    claims_query,
    filter_records,
    records_from_claims,
    records_from_store,
)
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import NonConformingError, RDFError
from stancegraph.store.open import open_source
from stancegraph.vocab.model import Vocabulary
from tests.analysis.conftest import Built


def records_from(source: Path, vocabulary: Vocabulary) -> tuple[ClaimRecord, ...]:
    with open_source(source) as store:
        return records_from_store(store, vocabulary)


def test_the_query_file_documents_its_bindings() -> None:
    text = claims_query()
    assert text.startswith("# Every claim as one flat row")
    assert "# @internal used by stancegraph.analysis.source" in text
    assert "# Binds: ?claim ?claimId" in text


@pytest.mark.parametrize("which", ["seed", "mini"])
def test_every_path_gives_identical_records(
    which: str,
    request: pytest.FixtureRequest,
    seed: ArticleClaims,
    mini: ArticleClaims,
    seed_vocab: Vocabulary,
    mini_vocab: Vocabulary,
) -> None:
    built: Built = request.getfixturevalue(f"{which}_built")
    article, vocab = (seed, seed_vocab) if which == "seed" else (mini, mini_vocab)
    from_claims = records_from_claims([article], vocab)
    assert len(from_claims) == len(article.data.claims)
    assert records_from(built.store, vocab) == from_claims
    assert records_from(built.trig, vocab) == from_claims
    assert records_from(built.ttl, vocab) == from_claims


def test_record_fields(mini_built: Built, mini_vocab: Vocabulary) -> None:
    records = {r.claim: r for r in records_from(mini_built.trig, mini_vocab)}
    c3 = records["c3"]
    assert (c3.claimant_name, c3.side, c3.polarity, c3.target) == (
        "Rudolf Rassendyll",
        "ruritania",
        1,
        "freedonia",
    )
    assert c3.conditional and c3.strength == 0.8 and c3.confidence == 0.9
    assert c3.quote == "Ruritania would impose tariffs if Freedonia kept dumping cheap steel"
    assert records["c2"].polarity == -1 and records["c2"].published.isoformat() == "2024-05-06"
    assert [r.claim for r in filter_records(tuple(records.values()), min_confidence=0.95)] == [
        "c1",
        "c2",
    ]


def test_data_that_breaks_the_shapes_names_the_claim(
    tmp_path: Path, mini_built: Built, mini_vocab: Vocabulary
) -> None:
    lines = mini_built.trig.read_text(encoding="utf-8")
    no_side = tmp_path / "no-side.trig"
    no_side.write_text(lines.replace("sg:side side:freedonia", "sg:formerSide side:freedonia"))
    with pytest.raises(
        NonConformingError, match=r"claim .*/c2 has no side: .*stancegraph validate"
    ):
        records_from(no_side, mini_vocab)
    bad_stance = tmp_path / "bad-stance.trig"
    bad_stance.write_text(lines.replace("stance:oppose", "stance:opose"))
    with pytest.raises(
        NonConformingError, match=r"unknown stance id 'opose' \(did you mean 'oppose'"
    ):
        records_from(bad_stance, mini_vocab)
    with pytest.raises(NonConformingError, match="has an unknown issue id '"):
        records_from(mini_built.trig, dataclasses.replace(mini_vocab, issues={}))
    bad_offset = tmp_path / "bad-offset.trig"
    bad_offset.write_text(re.sub(r'oa:start "?\d+"?(\^\^xsd:\w+)?', 'oa:start "x"', lines))
    with pytest.raises(NonConformingError, match=r"has start 'x', which is not an offset"):
        records_from(bad_offset, mini_vocab)
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(RDFError, match="is not valid trig"):
        records_from(broken, mini_vocab)
