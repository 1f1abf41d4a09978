"""The Typer command-line interface: each command parses, calls one function, prints."""
