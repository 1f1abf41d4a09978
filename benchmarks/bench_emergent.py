"""Benchmark: grouping claims into emergent issues, against parsing their evidence (``nlp.pipe``).

Evidence texts: the sentences (six words or more) of the PolNeAR articles when
../shared/corpora/polnear is present, else of the seed article, repeated with
a number so they are not all the same, up to N. In one process it times bare
``nlp.pipe`` over those texts (the baseline), :func:`issue_phrases` and
:func:`issue_context` over the parsed texts, and :func:`group_claims` over all
of them at once; it prints each time, the grouping's ratio to the baseline,
the number and size of the groups, and the peak RSS.
Usage: ``python benchmarks/bench_emergent.py [N_CLAIMS]`` (default 10000).
"""

from __future__ import annotations

import re
import resource
import sys
import time
from pathlib import Path

from stancegraph.extract.emergent import group_claims, issue_phrases
from stancegraph.extract.emergent.phrases import issue_context
from stancegraph.extract.model import load_model

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
SEED = ROOT / "seeds" / "000_1358605536fd3371.txt"
_SENTENCE = re.compile(r"(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z])")


def evidence_texts(limit: int) -> tuple[list[str], str]:
    """Up to *limit* sentences to stand for claims' evidence, and where they come from."""
    paths = sorted(POLNEAR.glob("*/text/*.txt")) if POLNEAR.is_dir() else []
    source = "PolNeAR sentences" if paths else "seed sentences, numbered"
    texts: list[str] = []
    round_ = 0
    while len(texts) < limit:
        for path in paths or [SEED]:
            for line in path.read_text(encoding="utf-8").splitlines():
                for sentence in _SENTENCE.split(line.strip()):
                    if len(sentence.split()) >= 6:
                        texts.append(f"{sentence} ({round_})" if round_ else sentence)
                        if len(texts) == limit:
                            return texts, source
        round_ += 1
    return texts, source


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    texts, source = evidence_texts(limit)
    model = load_model()
    print(f"{len(texts)} evidence texts ({source}), model {model.label}")
    start = time.perf_counter()
    docs = list(model.nlp.pipe(texts, batch_size=256))
    parse = time.perf_counter() - start
    print(f"bare nlp.pipe, 1 process      {parse:8.2f} s")
    start = time.perf_counter()
    phrases = {f"c{i:06d}": issue_phrases(doc) for i, doc in enumerate(docs)}
    context = {f"c{i:06d}": issue_context(doc) for i, doc in enumerate(docs)}
    read = time.perf_counter() - start
    print(f"issue_phrases + issue_context {read:8.2f} s  {read / parse:5.2f}x the parse")
    del docs
    start = time.perf_counter()
    issues = group_claims(phrases, context=context)
    grouping = time.perf_counter() - start
    print(f"group_claims                  {grouping:8.2f} s  {grouping / parse:5.2f}x the parse")
    sizes = sorted((len(i.members) for i in issues), reverse=True)
    grouped = sum(sizes)
    print(
        f"{len(issues)} issues for {grouped} claims ({len(phrases) - grouped} without a phrase); "
        f"largest {sizes[:5]}, singletons {sum(s == 1 for s in sizes)}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB (this process)")


if __name__ == "__main__":
    main()
