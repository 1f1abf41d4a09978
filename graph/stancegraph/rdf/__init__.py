"""RDF: claims <-> RDF, RDF files, and SHACL validation."""
