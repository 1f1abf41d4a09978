"""Divergence analysis: claims from RDF -> NetworkX graphs, verdicts, indexes, networks."""
