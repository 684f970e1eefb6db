# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import os

import requests

from odoo.addons.connector.tests.common import ConnectorTestCase, LoopbackProcess

CATEGORY = "connector.sync.category.binding"
PARTNER = "connector.sync.partner.binding"
LINE = "connector.sync.partner.line"
WEBSITE = "connector.sync.website.binding"
STORE = "connector.sync.store.binding"

SERVICE_SCRIPT = os.path.join(os.path.dirname(__file__), "remote_service.py")


class RemoteService(LoopbackProcess):
    """The remote JSON service (``remote_service.py``) run in a subprocess
    on a free port of 127.0.0.1, with helpers to seed and inspect it."""

    def __init__(self):
        super().__init__(SERVICE_SCRIPT)
        self.url = self.base_url

    def _request(self, method, path, payload=None):
        response = requests.request(
            method, f"{self.url}/{path}", json=payload, timeout=10
        )
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self):
        self._request("POST", "_admin/reset")

    def put_record(self, collection, record_id, **values):
        """Store a record with this id (replacing the one there), as is,
        without logging the request."""
        self._request(
            "POST", f"_admin/records/{collection}", dict(values, id=record_id)
        )

    def get_record(self, collection, record_id):
        """A record, or ``None`` when it does not exist."""
        response = requests.get(f"{self.url}/{collection}/{record_id}", timeout=10)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.json()

    def ids(self, collection):
        return self._request("GET", collection)["ids"]

    def add_fault(self, method, path, action="drop", count=1):
        """Make the next ``count`` requests ``method path`` fail: connection
        closed without answer (``drop``) or an HTTP status."""
        self._request(
            "POST",
            "_admin/faults",
            {"method": method, "path": path, "action": action, "count": count},
        )

    def requests_log(self):
        """The API requests received since the last reset
        (``"GET /partners/1"``...)."""
        return self._request("GET", "_admin/log")["requests"]


class SyncCase(ConnectorTestCase):
    """A backend record (version 1) in ``cls.backend_record``, with
    helpers to build bindings (and the kit's ``unit``, ``connector_env``).

    With ``remote_service = True``, a remote service is started for the
    class (``cls.remote``), emptied before each test, and the backend points
    to it.
    """

    remote_service = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        values = {"name": "Sync backend", "version": "1"}
        if cls.remote_service:
            cls.remote = RemoteService()
            cls.addClassCleanup(cls.remote.stop)
            values["location"] = cls.remote.url
        cls.backend_record = cls.env["connector.sync.backend"].create(values)

    def setUp(self):
        super().setUp()
        if self.remote_service:
            self.remote.reset()

    def bound_category(self, external_id, name="Category", **values):
        """A category binding, with this external id unless ``None``."""
        return self.create_binding(CATEGORY, external_id, name=name, **values)

    def bound_partner(self, external_id, name="Partner", **values):
        """A partner binding, with this external id unless ``None``."""
        return self.create_binding(PARTNER, external_id, name=name, **values)
