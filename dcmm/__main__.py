"""Entry point for ``python -m dcmm``."""

import sys

from dcmm.cli import main

sys.exit(main())
