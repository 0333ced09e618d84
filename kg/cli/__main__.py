"""python -m kg.cli: the ikg command."""

from kg.cli import main

main()
