# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Migrate a 9.0 or 10.0 connector addon to Odoo 18 and this port.

Plain Python (no Odoo import): :func:`migrate` rewrites a copy of an addon
folder and returns a :class:`Report`; ``odoo-bin connector_migrate`` (see
:mod:`odoo.addons.connector.cli`) and ``python -m
odoo.addons.connector.migration`` run it from a shell. One module per kind
of rewrite:

* :mod:`.manifest` — the series of an addon, ``__manifest__.py`` for 18.0;
* :mod:`.py2to3` — Python 2 to 3 (the 2to3 fixers of ``fissix``);
* :mod:`.odoo_python` — the Odoo API rewrites of Python code;
* :mod:`.odoo_fields` — field declarations (``decimal_precision``,
  ``oldname``);
* :mod:`.odoo_api` — calls of Odoo APIs that are gone
  (``Environment.manage()``, ``RegistryManager``, workflows...);
* :mod:`.connector_rules` — the connector's and queue_job's;
* :mod:`.xml_views`, :mod:`.modifiers` — data files and view modifiers;
* :mod:`.report` — what changed and what is left to a human;
* :mod:`.command` — the migration of a folder, all or nothing, and the
  command line.

The guide ``doc/guides/migration.rst`` walks through a migration.
"""

from .command import main, migrate, migrate_python
from .errors import MigrationError
from .report import Entry, Report

__all__ = ["Entry", "MigrationError", "Report", "main", "migrate", "migrate_python"]
