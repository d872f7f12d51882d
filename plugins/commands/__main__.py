"""`python -m commands ...` (the Makefile's entry point)."""

import sys

from .cli import main

sys.exit(main())
