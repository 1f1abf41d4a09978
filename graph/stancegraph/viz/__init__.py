"""Offline, safe, interactive HTML views of the analysis: divergence, actors, issues.

:mod:`.model` holds the view model, :mod:`.layout` places nodes, :mod:`.limit`
cuts large views down, :mod:`.render` writes the page, :mod:`.views` turns
analysis results into views.
"""
