"""`python -m claimcheck`."""

from .cli import main

raise SystemExit(main())
