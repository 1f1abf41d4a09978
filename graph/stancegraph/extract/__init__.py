"""Extraction: article text -> claims (quotes, reported speech, speakers, actors, issues, stance).

Public surface: :class:`~stancegraph.extract.extractor.Extractor`. It yields
claims files only; it never touches RDF or a store.
"""

from stancegraph.extract.extractor import Extractor

__all__ = ["Extractor"]
