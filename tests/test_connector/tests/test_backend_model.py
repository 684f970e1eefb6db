# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
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
        ):
            record.get_backend()

    def test_external_binding_has_a_sync_date(self):
        self.assertEqual(
            self.env["connector.test.binding"]._fields["sync_date"].type, "datetime"
        )
