"""Measuring extraction against gold: hand-coded claims files and BRAT attribution data."""
