# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Helpers for tests of connectors built on this framework."""

import subprocess
import sys

from odoo.tests import common as odoo_test_common

from odoo.addons.connector.backend import BACKENDS

# queue_job 18.0.4's test helpers register one of their paths in Odoo's
# SETATTR_SOURCES, which Odoo 18 builds from before late 2025 lack: an empty
# registry lets them import there (it only silences a patching warning).
if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

# pylint: disable=wrong-import-position
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

__all__ = ["LoopbackProcess", "RestoreBackendsMixin", "trap_jobs"]


class LoopbackProcess:
    """A real external system for tests: a Python script run in a subprocess,
    which listens on a free port of 127.0.0.1 and prints that port as its
    first line of output. :attr:`base_url` is its address; call :meth:`stop`
    (e.g. with ``addCleanup``) to end it.

    :param script: path of the script
    :raise RuntimeError: when the script exits without printing a port
    """

    def __init__(self, script):
        self.script = script
        self.process = subprocess.Popen(
            [sys.executable, script],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        port = self.process.stdout.readline().strip()
        if not port:
            self.stop()
            raise RuntimeError(f"{script} did not start")
        self.base_url = f"http://127.0.0.1:{port}"

    def stop(self):
        """Stop the process and wait for its end."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process.stdout.close()


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
