# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Helpers for tests of connectors built on this framework."""

from odoo.tests import common as odoo_test_common

from odoo.addons.connector.backend import BACKENDS

# queue_job 18.0.4's test helpers register one of their paths in Odoo's
# SETATTR_SOURCES, which Odoo 18 builds from before late 2025 lack: an empty
# registry lets them import there (it only silences a patching warning).
if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

# pylint: disable=wrong-import-position
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

__all__ = ["RestoreBackendsMixin", "trap_jobs"]


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
