# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.connector import ConnectorUnit
from odoo.addons.connector.unit import backend_adapter
from odoo.addons.connector.unit.backend_adapter import BackendAdapter, CRUDAdapter
from odoo.addons.test_connector_sync.units import PartnerAdapter

from .common import PARTNER, SyncCase


class TestCRUDAdapter(SyncCase):
    """The adapter shells, until a connector implements them."""

    def test_classes(self):
        self.assertTrue(issubclass(BackendAdapter, ConnectorUnit))
        self.assertTrue(issubclass(CRUDAdapter, BackendAdapter))
        self.assertIsNone(CRUDAdapter._model_name)
        self.assertEqual(backend_adapter.__all__, ["BackendAdapter", "CRUDAdapter"])

    def test_methods_not_implemented(self):
        adapter = CRUDAdapter(self.connector_env(PARTNER))
        calls = {
            "search": ((), {"filters": {"a": 1}}),
            "read": (("42",), {}),
            "search_read": ((), {}),
            "create": (({"name": "x"},), {}),
            "write": (("42", {"name": "x"}), {}),
            "delete": (("42",), {}),
        }
        for method, (args, kwargs) in calls.items():
            with self.subTest(method=method):
                with self.assertRaises(NotImplementedError) as cm:
                    getattr(adapter, method)(*args, **kwargs)
                message = str(cm.exception)
                self.assertIn(f"CRUDAdapter.{method}()", message)
                self.assertIn(PARTNER, message)
                self.assertIn("test_connector_sync", message)

    def test_a_connector_adapter_is_found(self):
        adapter = self.unit(BackendAdapter, PARTNER)
        self.assertIsInstance(adapter, PartnerAdapter)
        self.assertIsInstance(self.unit(CRUDAdapter, PARTNER), PartnerAdapter)
        # what it does not implement still says so
        with self.assertRaisesRegex(NotImplementedError, "PartnerAdapter.search_read"):
            adapter.search_read()
