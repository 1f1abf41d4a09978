"""Benchmark: extraction and the divergence map on the disputes corpus, end to end.

Reads ``../shared/corpora/disputes/`` (24 official texts on 13 disputes in 6 genres,
hand-coded speaker, side, issue and stance) and scores with
``../shared/tools/score_disputes.py``: statements recall / precision, speaker and
side accuracy, issue-pair P/R/F1, stance-pair agreement and verdict accuracy. The
extraction runs as ``stancegraph extract`` does (all texts at once, so emergent
issues are grouped across the corpus), timed against bare ``nlp.pipe`` over the
same texts in the same process as the baseline. Skips (exit 0, one line) when the
corpus or the scorer is absent.

Usage: ``python benchmarks/bench_disputes.py [--verbose]``.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

from stancegraph.extract.model import load_model
from stancegraph.pipeline.extract import extract_files

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "disputes"
SCORER = SHARED / "tools" / "score_disputes.py"


def main(argv: list[str]) -> int:
    if not (CORPUS / "gold.yaml").is_file() or not SCORER.is_file():
        print(f"skipped: the disputes corpus is not at {CORPUS}")
        return 0
    spec = importlib.util.spec_from_file_location("score_disputes", SCORER)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    texts = sorted((CORPUS / "text").glob("*.txt"))
    nlp = load_model().nlp
    start = time.perf_counter()
    for _ in nlp.pipe((p.read_text(encoding="utf-8") for p in texts), batch_size=64):
        pass
    bare = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        extract_files(texts, Path(tmp) / "claims")
        took = time.perf_counter() - start
        result = scorer.score(CORPUS / "text", Path(tmp), CORPUS / "gold.yaml", verbose=True)
    if "--verbose" in argv:
        for note in result["notes"]:
            print(note)
    ip, sp, v = result["issue_pairs"], result["stance_pairs"], result["verdicts"]
    print(
        f"{len(texts)} texts; extract {took:.2f} s, bare nlp.pipe {bare:.2f} s "
        f"({took / bare:.2f}x, model load excluded from both)"
    )
    print(
        f"statements R {result['recall']:.2f} ({result['found']}/{result['statements']}) "
        f"P {result['precision']:.2f}; speaker {result['speaker_accuracy']:.2f} "
        f"side {result['side_accuracy']:.2f}; issue-pairs F1 {ip['f1']:.2f} "
        f"(P {ip['precision']:.2f} R {ip['recall']:.2f}); stance-pairs {sp['accuracy']:.2f} "
        f"(n={sp['pairs']}); verdicts {v['accuracy']:.2f} (n={v['issues']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
