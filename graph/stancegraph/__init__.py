"""stancegraph: news articles -> an issue-position knowledge graph.

Who asserted what position on which issue, with what stance, on the evidence
of which sentence; and where two sides converge, diverge, or talk past each
other. Every stage is a plain function here and a command of the CLI.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
