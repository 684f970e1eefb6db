# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Helpers for tests of connectors built on this framework."""

from odoo.addons.connector.backend import BACKENDS


class RestoreBackendsMixin:
    """Restore the process-wide backend registry after each test.

    Tests creating :class:`~odoo.addons.connector.backend.Backend` instances
    register them in :data:`~odoo.addons.connector.backend.BACKENDS`; mixing
    this class in removes them again when the test ends.
    """

    def setUp(self):
        super().setUp()
        saved = set(BACKENDS.backends)

        def restore():
            BACKENDS.backends.clear()
            BACKENDS.backends.update(saved)

        self.addCleanup(restore)
