"""``python -m xxgk``: the command line."""

from xxgk.cli import main

main()
