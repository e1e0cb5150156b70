"""cli: the ``kgraph`` command line, a thin click layer over the library.

It owns parsing options, calling the library, printing answers and mapping errors to exit codes.
It may import every other wing; nothing imports it.
"""

from kgraph.cli.commands import main

__all__ = ["main"]
