"""The plain functions under the CLI commands: each chains stages and returns values."""
