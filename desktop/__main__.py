"""`python -m desktop` is the command line `liaison-desk` (without arguments: the window)."""

import sys

from desktop.cli import main

sys.exit(main())
