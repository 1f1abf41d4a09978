"""A claims file with more than two sides, written from the mini article (for run/analyze)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI_CLAIMS

#: Claims added to the mini article's three (Ruritania x2, Freedonia x1): a Chinese envoy
#: on both of its issues, and a spokesman nobody resolved (unknown side), once on an
#: issue and once on none. Evidence reuses the mini article's spans.
EXTRA_CLAIMS = """\
- id: c4
  claimant: an-envoy
  side: china
  issue: tariffs-justified
  stance: oppose
  position: Tariffs hurt both peoples.
  evidence: {start: 179, end: 211, text: Tariffs hurt both of our peoples}
- id: c5
  claimant: an-envoy
  side: china
  issue: dialogue-should-continue
  stance: support
  position: Dialogue must continue.
  evidence: {start: 129, end: 175, text: dialogue between the two nations must continue}
- id: c6
  claimant: a-spokesman
  side: unknown
  issue: unclassified
  stance: support
  position: Dialogue must continue.
  evidence: {start: 129, end: 175, text: dialogue between the two nations must continue}
- id: c7
  claimant: a-spokesman
  side: unknown
  issue: tariffs-justified
  stance: support
  position: Tariffs would follow dumping.
  evidence: {start: 289, end: 357, text: Ruritania would impose tariffs if Freedonia kept dumping cheap steel}
"""

ACTORS = """\
actors:
- {id: an-envoy, name: An Envoy, side: china}
- {id: a-spokesman, name: A Spokesman, side: unknown}
"""


def write_multiside(folder: Path) -> Path:
    """Write the article and its claims file (four sides, one of them unknown) into
    *folder*; return the claims file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_bytes((MINI_CLAIMS.parent / "article.txt").read_bytes())
    text = MINI_CLAIMS.read_text(encoding="utf-8").replace("claims:\n", ACTORS + "claims:\n", 1)
    path = folder / "article.claims.yaml"
    path.write_text(text.rstrip("\n") + "\n" + EXTRA_CLAIMS, encoding="utf-8")
    return path
