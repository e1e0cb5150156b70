"""Run the kgraph command line: ``python -m kgraph``."""

from kgraph.cli import main

main()
