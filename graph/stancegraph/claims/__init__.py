"""Claims: the claim model and claims-file IO. Imports nothing else of stancegraph."""
