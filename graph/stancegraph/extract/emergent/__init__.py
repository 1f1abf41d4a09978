"""Emergent issues: corpus-level issues for the claims that no proposition of the scheme fits.

A claim the scheme cannot place (issue ``unclassified``) is still about
something: a proposal, a policy, an act, a place or a relation. This
sub-package finds that thing and groups claims by it across the whole corpus,
so that two sides' statements about one thing meet on one issue:

- :mod:`~stancegraph.extract.emergent.phrases`: the key phrases of one parsed
  evidence span (:func:`issue_phrases`) and the names of the places and
  parties its article is about (:func:`issue_context`);
- :mod:`~stancegraph.extract.emergent.grouping`: :func:`group_claims` turns
  claim key -> phrases into :class:`EmergentIssue` values (id, label, CAP
  topic, member claim keys), deterministically;
- :mod:`~stancegraph.extract.emergent.lexicon`: the word lists and CAP topic
  keywords, as data (``extract/rules/emergent.yaml``).

It imports the extraction rules (for cue verbs and person titles) and nothing
else of the extractor; it never touches claims files, RDF or a store.
"""

from stancegraph.extract.emergent.grouping import EmergentIssue, group_claims
from stancegraph.extract.emergent.phrases import issue_context, issue_phrases

__all__ = ["EmergentIssue", "group_claims", "issue_context", "issue_phrases"]
