"""Stores: the embedded Oxigraph store and (later) remote SPARQL endpoints, behind one protocol."""
