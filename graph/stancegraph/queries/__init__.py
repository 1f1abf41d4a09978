"""The named SPARQL queries (``*.rq``, shipped in the package), their catalog, typed
parameter values and result formatting."""
