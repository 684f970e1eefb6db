# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backend's credentials never leave the request that uses them.

Jobs run as queue_job's runner runs them (the stored job, loaded and
performed; a failure stored with its traceback as the runner stores it)
against ``rpc_endpoint.py`` on loopback: neither the backend's password nor
the password of a URL's user info appears in an exception message, a
traceback, a log line (captured at DEBUG level), a job's arguments, result
or stored failure, nor in the uid cache the client keeps for the process.
"""

import contextlib
import gc
import logging
import traceback

from odoo.addons.connector.exception import InvalidDataError, NetworkRetryableError
from odoo.addons.connector_example_odoo.exception import (
    RemoteAuthenticationError,
    RemoteConfigurationError,
)
from odoo.addons.connector_example_odoo.units import client as client_module
from odoo.addons.queue_job.job import Job

from .common import PARTNER, ExampleCase, RpcEndpoint, closed_port

_logger = logging.getLogger(__name__)

PASSWORD = "Pw-5ecret-4a7f"
PROXY_PASSWORD = "Proxy-5ecret-91c2"
VERSIONS = ("18.0", "18.0-jsonrpc")
PARTNERS = {
    "7": {
        "id": 7,
        "name": "Azure Interior",
        "email": False,
        "phone": False,
        "street": False,
        "city": False,
        "zip": False,
        "country_code": False,
        "is_company": True,
        "active": True,
        "lang": False,
        "category_id": [],
        "write_date": "2024-05-01 10:00:00",
    }
}


class TestCredentials(ExampleCase):
    """What the jobs of a backend store and log, when they succeed and when
    they fail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = RpcEndpoint()
        cls.addClassCleanup(cls.endpoint.stop)
        cls.backend.password = PASSWORD

    def setUp(self):
        super().setUp()
        self.endpoint.set_data(
            database="remote_db",
            login="admin",
            password=PASSWORD,
            http_auth=None,
            records={"res.partner": PARTNERS},
            search={"res.partner": [7]},
        )
        self.addCleanup(client_module._UID_CACHE.clear)

    def assert_secret_free(self, text, what):
        self.assertNotIn(PASSWORD, text, f"the password is in {what}")
        self.assertNotIn(PROXY_PASSWORD, text, f"the proxy password is in {what}")

    @contextlib.contextmanager
    def logs_checked(self):
        """Capture every log line at DEBUG level meanwhile, and check them."""
        with self.assertLogs(level=logging.DEBUG) as logs:
            _logger.debug("capturing the logs of a job")
            yield
        self.assert_secret_free("\n".join(logs.output), "the logs")

    def run_job(self, method, *args):
        """Enqueue ``method`` of the partner bindings and run it as the
        runner does; ``(exception or None, result)``. The stored job (its
        arguments, result, failure and traceback) is checked."""
        delayed = getattr(self.env[PARTNER].with_delay(), method)(*args)
        # what the test wrote is flushed before: only the job's logs are read
        self.env.flush_all()
        stored = Job.load(self.env, delayed.uuid)
        error = result = None
        with self.logs_checked():
            stored.set_started()
            try:
                result = stored.perform()
            except Exception as err:
                error = err
                text = "".join(traceback.format_exception(err))
                self.assert_secret_free(text, "the traceback")
                stored.set_failed(
                    exc_info=text,
                    exc_name=type(err).__name__,
                    exc_message=str(err),
                )
            else:
                stored.set_done(result=result)
            stored.store()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT row_to_json(queue_job)::text FROM queue_job WHERE uuid = %s",
            [delayed.uuid],
        )
        self.assert_secret_free(self.env.cr.fetchone()[0], "the stored job")
        return error, result

    def assert_job_fails(self, url, exc_class, *texts):
        """An import of the backend with ``url`` fails with ``exc_class``,
        naming the backend and ``texts``, over both protocols."""
        for version in VERSIONS:
            with self.subTest(version=version, url=url):
                self.backend.write({"version": version, "location": url})
                error, __ = self.run_job("import_batch", self.backend)
                self.assertIsInstance(error, exc_class)
                self.assertIn("on backend 'Remote test' (", str(error))
                for text in texts:
                    self.assertIn(text, str(error))

    def test_import_keeps_no_credentials(self):
        """A successful import: nothing stored or kept names a password, and
        no client outlives its job."""
        self.endpoint.set_data(http_auth=["proxy", PROXY_PASSWORD])
        url = self.endpoint.url("data").replace("://", f"://proxy:{PROXY_PASSWORD}@")
        for version in VERSIONS:
            with self.subTest(version=version):
                self.backend.write({"version": version, "location": url})
                error, result = self.run_job("import_record", self.backend, "7")
                self.assertIsNone(error)
                self.assertIn("created", result)
                self.assert_secret_free(repr(client_module._UID_CACHE), "the uids")
                self.assertEqual(len(client_module._UID_CACHE), 1)
                self.env[PARTNER].search([]).odoo_id.unlink()
                client_module._UID_CACHE.clear()
        gc.collect()
        clients = [
            obj for obj in gc.get_objects() if isinstance(obj, client_module.OdooClient)
        ]
        self.assertFalse(clients)

    def test_uid_kept_per_password(self):
        """The uid kept for a password is not the one of another password."""
        self.backend.location = self.endpoint.url("odoo17")
        client = self.unit(client_module.OdooClient, PARTNER)
        self.assertEqual(client.authenticate(), 2)
        key = client._uid_cache_key()
        self.assertNotIn(PASSWORD, repr(key))
        self.backend.password = "another"
        other = self.unit(client_module.OdooClient, PARTNER)
        self.assertNotEqual(other._uid_cache_key(), key)

    def test_unreachable_url_is_retried(self):
        url = f"http://127.0.0.1:{closed_port()}"
        self.assert_job_fails(url, NetworkRetryableError, f"cannot reach {url}")

    def test_wrong_password(self):
        self.endpoint.set_data(
            database="remote_db", login="admin", password="not the backend's"
        )
        url = self.endpoint.url("data")
        self.assert_job_fails(
            url, RemoteAuthenticationError, url, "the login 'admin' or its password"
        )

    def test_html_instead_of_rpc(self):
        url = self.endpoint.url("html")
        self.assert_job_fails(url, RemoteConfigurationError, url, "is it the URL")

    def test_refused_access(self):
        url = self.endpoint.url("fault-auth")
        self.assert_job_fails(url, RemoteAuthenticationError, url)

    def test_url_with_user_info(self):
        """The user info of a URL is sent as a basic authentication header,
        and no message names its password."""
        self.endpoint.set_data(http_auth=["proxy", PROXY_PASSWORD])
        base = self.endpoint.url("data")
        url = base.replace("://", f"://proxy:{PROXY_PASSWORD}@")
        for version in VERSIONS:
            with self.subTest(version=version):
                self.backend.write({"version": version, "location": url})
                error, result = self.run_job("import_batch", self.backend)
                self.assertIsNone(error)
                self.assertIn("1 example.odoo.res.partner records", result)
        wrong = base.replace("://", "://proxy:wrong@")
        self.assert_job_fails(wrong, RemoteConfigurationError, f"{base}/", "HTTP 401")
        down = f"http://proxy:{PROXY_PASSWORD}@127.0.0.1:{closed_port()}"
        self.assert_job_fails(down, NetworkRetryableError, "cannot reach http://127")

    def test_refused_data_names_no_password(self):
        url = self.endpoint.url("fault-data")
        self.assert_job_fails(url, InvalidDataError, url)
