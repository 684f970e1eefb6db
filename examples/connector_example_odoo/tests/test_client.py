# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.exception import InvalidDataError, NetworkRetryableError
from odoo.addons.connector_example_odoo.exception import (
    RemoteAccessError,
    RemoteAuthenticationError,
    RemoteConfigurationError,
    RemoteServerError,
)
from odoo.addons.connector_example_odoo.units.backend_adapter import PartnerAdapter
from odoo.addons.connector_example_odoo.units.client import (
    JsonRpcOdooClient,
    OdooClient,
)

from .common import PARTNER, ExampleCase, RpcEndpoint, closed_port

VERSIONS = {"18.0": "XML-RPC", "18.0-jsonrpc": "JSON-RPC"}


class TestClientErrors(ExampleCase):
    """How both clients turn what goes wrong into the connector's exceptions,
    against a real endpoint on loopback (``rpc_endpoint.py``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = RpcEndpoint()
        cls.addClassCleanup(cls.endpoint.stop)

    def client(self, version, url, timeout=10):
        self.backend.write({"version": version, "location": url, "timeout": timeout})
        return self.unit(OdooClient, PARTNER)

    def assert_error(self, exc_class, url, *texts, timeout=10):
        """Asking the server version at ``url`` raises ``exc_class`` with
        a message naming the backend and ``texts``, over both protocols."""
        for version, protocol in VERSIONS.items():
            with self.subTest(version=version):
                client = self.client(version, url, timeout=timeout)
                with self.assertRaises(exc_class) as cm:
                    client.version("Asking the version")
                message = str(cm.exception)
                self.assertIn(
                    "Asking the version on backend 'Remote test' "
                    f"({url}, database 'remote_db')",
                    message,
                )
                for text in texts:
                    self.assertIn(text.format(protocol=protocol), message)

    def test_connection_refused_is_retried(self):
        url = f"http://127.0.0.1:{closed_port()}"
        self.assert_error(
            NetworkRetryableError, url, f"cannot reach {url}: Connection refused"
        )

    def test_dropped_connection_is_retried(self):
        self.assert_error(
            NetworkRetryableError,
            self.endpoint.url("drop"),
            f"cannot reach {self.endpoint.url('drop')}",
        )

    def test_timeout_is_retried(self):
        self.assert_error(
            NetworkRetryableError,
            self.endpoint.url("slow"),
            "no answer within 1 s",
            timeout=1,
        )

    def test_unavailable_server_is_retried(self):
        self.assert_error(
            NetworkRetryableError,
            self.endpoint.url("http503"),
            "answers HTTP 503",
            "unavailable for now",
        )

    def test_no_odoo_at_the_url(self):
        self.assert_error(
            RemoteConfigurationError,
            self.endpoint.url("http404"),
            "answers HTTP 404: there is no Odoo {protocol} endpoint there, check "
            "the URL",
        )

    def test_redirect(self):
        self.assert_error(
            RemoteConfigurationError,
            self.endpoint.url("redirect"),
            "redirects to https://odoo.example.com/: use that URL",
        )

    def test_not_an_rpc_answer(self):
        self.assert_error(
            RemoteConfigurationError,
            self.endpoint.url("html"),
            "does not answer {protocol}",
            "is it the URL of an Odoo server?",
        )

    def test_access_denied(self):
        self.assert_error(
            RemoteAuthenticationError,
            self.endpoint.url("fault-auth"),
            "the login 'admin' or its password is refused by the database "
            "'remote_db'",
        )

    def test_access_error(self):
        self.assert_error(
            RemoteAccessError,
            self.endpoint.url("fault-access"),
            "the user 'admin' is not allowed to: You are not allowed to modify "
            "'Contact' (res.partner) records.",
        )

    def test_refused_data(self):
        self.assert_error(
            InvalidDataError,
            self.endpoint.url("fault-data"),
            "the remote database refused it: Contacts require a name",
        )

    def test_unknown_database(self):
        self.assert_error(
            RemoteConfigurationError,
            self.endpoint.url("fault-nodb"),
            f"the database 'nodb' does not exist on {self.endpoint.url('fault-nodb')}",
        )

    def test_remote_bug(self):
        self.assert_error(
            RemoteServerError,
            self.endpoint.url("fault-bug"),
            "the remote server failed: ZeroDivisionError: division by zero",
        )

    def test_invalid_url(self):
        """The backend refuses such a URL; a client given one anyway does
        not send anything."""
        for version in VERSIONS:
            with self.subTest(version=version):
                client = self.client(version, self.endpoint.url("odoo17"))
                client.url = "ftp://odoo.example.com"
                with self.assertRaisesRegex(
                    RemoteConfigurationError,
                    "the URL 'ftp://odoo.example.com' is not valid",
                ):
                    client.version()

    def test_version_mismatch_is_a_warning(self):
        for version, protocol in VERSIONS.items():
            with self.subTest(version=version):
                client = self.client(version, self.endpoint.url("odoo17"))
                message, warnings = client.check_connection()
                self.assertIn(f"Connected over {protocol} to Odoo 17.0", message)
                self.assertEqual(
                    warnings,
                    [
                        f"the backend's version is {version}, the server runs "
                        "Odoo 17.0"
                    ],
                )

    def test_the_version_chooses_the_client(self):
        self.backend.version = "18.0"
        self.assertIs(type(self.unit(OdooClient, PARTNER)), OdooClient)
        self.backend.version = "18.0-jsonrpc"
        self.assertIs(type(self.unit(OdooClient, PARTNER)), JsonRpcOdooClient)


class TestAdapterErrors(ExampleCase):
    """The adapters name the binding model and the external id."""

    def test_network_error_names_the_record(self):
        adapter = self.unit(PartnerAdapter, PARTNER)
        with self.assertRaises(NetworkRetryableError) as cm:
            adapter.read("7")
        self.assertIn(
            "Reading external id 7 of example.odoo.res.partner on backend "
            "'Remote test'",
            str(cm.exception),
        )
        self.assertIn("Connection refused", str(cm.exception))

    def test_external_id_must_be_a_remote_id(self):
        adapter = self.unit(PartnerAdapter, PARTNER)
        for external_id in ("abc", "0", "-3", "7.5", None):
            with self.subTest(external_id=external_id):
                with self.assertRaisesRegex(
                    InvalidDataError,
                    f"The external id {external_id!r} of example.odoo.res.partner "
                    "is not a record id of res.partner on backend 'Remote test'",
                ):
                    adapter.read(external_id)
