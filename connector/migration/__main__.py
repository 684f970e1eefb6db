# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``python -m odoo.addons.connector.migration SRC DEST``."""

import sys

from .command import main

sys.exit(main(prog="python -m odoo.addons.connector.migration"))
