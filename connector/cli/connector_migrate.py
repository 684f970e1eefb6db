# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``odoo-bin connector_migrate SRC DEST``: the migration command as an Odoo
command (Odoo finds the commands of the addons of its addons path that have
a ``cli`` package)."""

import pathlib
import sys

from odoo.cli import Command

from ..migration.command import main


class ConnectorMigrate(Command):
    """Migrate a 9.0/10.0 connector addon to Odoo 18 and this connector"""

    name = "connector_migrate"

    def run(self, cmdargs):
        """Run the command with its arguments; exit with its status."""
        prog = f"{pathlib.Path(sys.argv[0]).name} {self.name}"
        sys.exit(main(cmdargs, prog=prog))
