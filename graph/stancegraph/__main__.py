"""``python -m stancegraph``."""

from stancegraph.cli.app import main

main()
