"""The command line: option parsing, rendering and process lifetime; the work is done by claimcheck.api and the core."""
