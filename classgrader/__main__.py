"""``python -m classgrader ASSIGNMENT``: see ``classgrader.cli``."""

import sys

from classgrader.cli import main

sys.exit(main())
