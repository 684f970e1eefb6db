# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Test helpers: a backend record, a failing endpoint, and the test server
itself as the remote Odoo.

* :class:`ExampleCase`: a backend record (``cls.backend``), and the testing
  kit's helpers (:class:`~odoo.addons.connector.tests.common.ConnectorTestCase`:
  ``unit``, ``create_binding``, ``binding``, the backend registry restored
  after each test);
* :class:`RpcEndpoint`: ``rpc_endpoint.py`` run in a subprocess on a free
  port of 127.0.0.1;
* :class:`SelfRemoteCase`: the backend points to the HTTP server of the
  test run and to the test database: the "remote" partners are records of
  the test's own transaction, reached over real XML-RPC (or JSON-RPC)
  requests. A test creates them with :meth:`SelfRemoteCase.remote_partner`
  and the imports create other, bound, partners.
"""

import json
import os
import urllib.request

from odoo.tests import HttpCase

from odoo.addons.connector.tests.common import (
    ConnectorTestCase,
    LoopbackProcess,
    closed_port,
)

from ..backend import BACKEND_MODEL, CATEGORY_BINDING, PARTNER_BINDING

# the short names the tests use
BACKEND, PARTNER, CATEGORY = BACKEND_MODEL, PARTNER_BINDING, CATEGORY_BINDING

ENDPOINT_SCRIPT = os.path.join(os.path.dirname(__file__), "rpc_endpoint.py")


class RpcEndpoint(LoopbackProcess):
    """``rpc_endpoint.py`` in a subprocess; :meth:`url` gives the URL of a
    mode."""

    def __init__(self):
        super().__init__(ENDPOINT_SCRIPT)

    def url(self, mode):
        """The backend URL making the endpoint behave as ``mode``."""
        return f"{self.base_url}/{mode}"

    def set_data(self, **data):
        """Set what the ``data`` mode serves (see ``rpc_endpoint.py``):
        ``database``, ``login``, ``password``, ``http_auth``, ``records``,
        ``search``."""
        request = urllib.request.Request(
            f"{self.base_url}/_data", data=json.dumps(data).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=10):
            pass


class ExampleCase(ConnectorTestCase):
    """A backend record of version 18.0 in ``cls.backend`` whose URL refuses
    connections unless a subclass changes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.backend = cls.env[BACKEND].create(
            {
                "name": "Remote test",
                "version": "18.0",
                "location": f"http://127.0.0.1:{closed_port()}",
                "database": "remote_db",
                "login": "admin",
                "password": "admin",
                "timeout": 10,
            }
        )
        cls.backend_record = cls.backend


class SelfRemoteCase(ExampleCase, HttpCase):
    """The remote Odoo is the test server and database (see the module
    documentation)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend.write({"location": cls.base_url(), "database": cls.env.cr.dbname})

    def remote_partner(self, **values):
        """A partner of the "remote" database (the test transaction)."""
        values.setdefault("name", "Remote partner")
        partner = self.env["res.partner"].create(values)
        self.env.flush_all()
        return partner

    def remote_category(self, name="Remote category", **values):
        """A category of the "remote" database."""
        category = self.env["res.partner.category"].create(dict(values, name=name))
        self.env.flush_all()
        return category

    def remote_write(self, records, values):
        """Write on records of the "remote" database: the test server's
        requests read the database, where the ORM writes on flush."""
        records.write(values)
        self.env.flush_all()
