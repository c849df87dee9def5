"""`python -m claimcheck`."""

from claimcheck.cli.app import run

run()
