"""`python -m escalation` runs the command-line interface."""

from escalation.cli import main

main()
