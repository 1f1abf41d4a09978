"""Vocabularies: the packaged ontology files, the actor registry, issue and stance schemes."""
