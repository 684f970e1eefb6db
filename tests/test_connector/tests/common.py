# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.tests.common import ConnectorTestCase


class TestConnectorCase(ConnectorTestCase):
    """A test backend record (version 1) in ``cls.backend_record``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend_record = cls.env["test.backend"].create(
            {"name": "Test backend", "version": "1"}
        )
