# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.exception import NoBackendError
from odoo.addons.test_connector.backend import test_backend, test_backend_1

from .common import TestConnectorCase


class TestBackendModel(TestConnectorCase):
    """connector.backend records and their Backend."""

    def test_get_backend_of_a_version(self):
        self.assertIs(self.backend_record.get_backend(), test_backend_1)

    def test_empty_version_gives_the_generic_backend(self):
        record = self.env["test.backend"].create({"name": "No version"})
        self.assertFalse(record.version)
        self.assertIs(record.get_backend(), test_backend)

    def test_version_without_backend(self):
        record = self.env["test.backend"].create({"name": "Version 2", "version": "2"})
        with self.assertRaisesRegex(NoBackendError, "'test_connector'.*'2'"):
            record.get_backend()

    def test_model_without_backend_type(self):
        record = self.env["test.backend"].create({"name": "Typeless"})
        self.patch(type(record), "_backend_type", None)
        with self.assertRaisesRegex(
            NoBackendError, "test.backend has no _backend_type"
        ) as caught:
            record.get_backend()
        message = str(caught.exception)
        self.assertIn(f"record test.backend({record.id},)", message)
        self.assertIn("set it to the service name of its Backend", message)
        self.assertRegex(message, r"services registered: .*test_connector")

    def test_environment_of_a_model_without_backend_type(self):
        """The error an author meets first: building the units' environment."""
        self.patch(type(self.backend_record), "_backend_type", None)
        with self.assertRaisesRegex(NoBackendError, "has no _backend_type"):
            ConnectorEnvironment(self.backend_record, "connector.test.binding")

    def test_external_binding_has_a_sync_date(self):
        self.assertEqual(
            self.env["connector.test.binding"]._fields["sync_date"].type, "datetime"
        )
