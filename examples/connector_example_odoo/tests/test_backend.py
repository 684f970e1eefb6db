# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.connector.unit.mapper import ImportMapper
from odoo.addons.connector.unit.synchronizer import RecordImporter
from odoo.addons.connector_example_odoo.backend import (
    example_odoo,
    example_odoo_18,
    example_odoo_18_jsonrpc,
)
from odoo.addons.connector_example_odoo.models.example_odoo_backend import (
    IMPORT_OVERLAP,
)
from odoo.addons.connector_example_odoo.units.importer import PartnerImporter
from odoo.addons.connector_example_odoo.units.mapper import PartnerImportMapper

from .common import (
    CATEGORY,
    PARTNER,
    ExampleCase,
    RpcEndpoint,
    SelfRemoteCase,
    closed_port,
)


class TestBackendModel(ExampleCase):
    """Settings, versions, access to the password, the buttons that enqueue
    jobs."""

    def jobs(self, method):
        return self.env["queue.job"].search([("method_name", "=", method)], order="id")

    def test_versions(self):
        self.assertIs(self.backend.get_backend(), example_odoo_18)
        self.backend.version = "18.0-jsonrpc"
        self.assertIs(self.backend.get_backend(), example_odoo_18_jsonrpc)
        # units not registered on the version come from the service
        self.assertIs(type(self.unit(RecordImporter, PARTNER)), PartnerImporter)

    def test_an_addon_replacing_a_unit(self):
        """The tutorial's horizontal extension: a unit registered with
        ``replacing=`` on the service serves every version."""

        @example_odoo(replacing=PartnerImportMapper)
        class PartnerImportMapperWithRef(PartnerImportMapper):
            direct = PartnerImportMapper.direct + [("ref", "ref")]

        self.addCleanup(example_odoo.unregister_class, PartnerImportMapperWithRef)
        for version in ("18.0", "18.0-jsonrpc"):
            self.backend.version = version
            mapper = self.unit(ImportMapper, PARTNER)
            self.assertIsInstance(mapper, PartnerImportMapperWithRef)
            values = mapper.map_record({"name": "A", "ref": "R1"}).values()
            self.assertEqual(values["ref"], "R1")

    def test_invalid_url(self):
        for url in ("odoo.example.com", "ftp://odoo.example.com", "http://"):
            with (
                self.subTest(url=url),
                self.assertRaisesRegex(
                    ValidationError,
                    f"Backend Remote test: the URL '{url}' is not valid",
                ),
                self.env.cr.savepoint(),
            ):
                self.backend.location = url

    def test_invalid_timeout(self):
        with self.assertRaisesRegex(
            ValidationError,
            "Backend Remote test: the timeout must be a positive number of "
            "seconds, not 0",
        ):
            self.backend.timeout = 0

    def test_backend_for_connector_managers_only(self):
        """Internal users no longer read backends at all (their settings are
        half of the credentials); see test_access for every kind of user."""
        user = self.env["res.users"].create(
            {
                "name": "Internal user",
                "login": "example_internal",
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        backend = self.backend.with_user(user)
        for names in (["name"], ["database"], ["password"]):
            with self.subTest(fields=names), self.assertRaises(AccessError):
                backend.read(names)
        with self.assertRaises(AccessError):
            backend.write({"database": "other"})
        manager = self.env.ref("base.user_admin")
        self.assertEqual(self.backend.with_user(manager).password, "admin")

    def test_import_partners_enqueues_a_batch(self):
        """The first import takes everything, the next ones what changed
        since the latest remote change the previous batch found (minus the
        overlap); the batch job, not the button, moves that date."""
        self.backend.action_import_partners()
        first = self.jobs("import_batch")
        self.assertEqual(len(first), 1)
        self.assertEqual(first.model_name, PARTNER)
        self.assertEqual(first.channel, "root.connector_example")
        self.assertEqual(first.kwargs["filters"], {})
        self.assertFalse(self.backend.import_partners_since)

        previous = fields.Datetime.to_datetime("2030-05-06 07:08:09")
        self.backend.import_partners_since = previous
        self.backend.action_import_partners()
        second = self.jobs("import_batch") - first
        self.assertEqual(
            second.kwargs["filters"]["from_date"],
            fields.Datetime.to_string(previous - IMPORT_OVERLAP),
        )
        self.assertEqual(self.backend.import_partners_since, previous)

    def test_import_partners_passes_the_choice_of_jobs_to_the_batch(self):
        """``bulk=False`` (e.g. over XML-RPC) asks the batch for one job per
        partner; the button lets the importer decide."""
        self.backend.action_import_partners(bulk=False)
        self.backend.action_import_partners()
        per_record, default = self.jobs("import_batch").sorted("id")
        self.assertIs(per_record.kwargs["bulk"], False)
        self.assertIsNone(default.kwargs["bulk"])

    def test_export_enqueues_the_changed_partners(self):
        """Bindings synchronized after their partner's last change are not
        exported again."""
        partners = self.env["res.partner"].create(
            [{"name": "Changed"}, {"name": "Synchronized"}, {"name": "Never"}]
        )
        bindings = (
            self.env[PARTNER]
            .with_context(connector_no_export=True)
            .create(
                [
                    {
                        "backend_id": self.backend.id,
                        "odoo_id": partners[0].id,
                        "external_id": "1",
                        "sync_date": partners[0].write_date - timedelta(hours=1),
                    },
                    {
                        "backend_id": self.backend.id,
                        "odoo_id": partners[1].id,
                        "external_id": "2",
                        "sync_date": partners[1].write_date + timedelta(hours=1),
                    },
                    {
                        "backend_id": self.backend.id,
                        "odoo_id": partners[2].id,
                        "external_id": "3",
                    },
                ]
            )
        )
        self.backend.action_export_partners()
        jobs = self.jobs("export_record")
        self.assertEqual([job.records for job in jobs], [bindings[0], bindings[2]])
        self.assertTrue(self.backend.export_partners_date)

    def test_check_deletions_enqueues_both_models(self):
        self.backend.action_check_deletions()
        self.assertEqual(
            self.jobs("check_remote_deletions").mapped("model_name"),
            [PARTNER, CATEGORY],
        )


@tagged("post_install", "-at_install")
class TestCheckConnection(SelfRemoteCase):
    """The *Check connection* button against a real Odoo (the test server):
    it names what is wrong."""

    def check(self, **values):
        self.backend.write(values)
        return self.backend.action_check_connection()

    def assert_refused(self, text, **values):
        # written outside assertRaises, whose savepoint would undo it
        self.backend.write(values)
        with self.assertRaises(UserError) as cm:
            self.backend.action_check_connection()
        self.assertIn(text, str(cm.exception))
        self.assertIn("backend 'Remote test'", str(cm.exception))

    def test_connected(self):
        for version, protocol in (("18.0", "XML-RPC"), ("18.0-jsonrpc", "JSON-RPC")):
            with self.subTest(version=version):
                action = self.check(version=version)
                self.assertEqual(action["params"]["type"], "success")
                self.assertEqual(
                    action["params"]["message"],
                    f"Connected over {protocol} to Odoo 18.0 at {self.base_url()}, "
                    f"database {self.env.cr.dbname!r}, as 'admin' (remote user id "
                    f"{self.env.ref('base.user_admin').id}), allowed to read, "
                    "create and write partners and categories.",
                )

    def test_wrong_url(self):
        url = f"http://127.0.0.1:{closed_port()}"
        self.assert_refused(f"cannot reach {url}: Connection refused", location=url)

    def test_not_an_odoo_server(self):
        endpoint = RpcEndpoint()
        self.addCleanup(endpoint.stop)
        self.assert_refused(
            "answers HTTP 404: there is no Odoo XML-RPC endpoint there, check the URL",
            location=endpoint.url("http404"),
        )

    # the test server logs the failure of the JSON-RPC request
    @mute_logger("odoo.http")
    def test_wrong_database(self):
        for version in ("18.0", "18.0-jsonrpc"):
            with self.subTest(version=version):
                self.assert_refused(
                    "the database 'example_no_such_db' does not exist on "
                    f"{self.base_url()}",
                    version=version,
                    database="example_no_such_db",
                )

    def test_wrong_credentials(self):
        for version in ("18.0", "18.0-jsonrpc"):
            for values in ({"password": "wrong"}, {"login": "nobody"}):
                with self.subTest(version=version, values=values):
                    self.backend.write({"login": "admin", "password": "admin"})
                    login = values.get("login", "admin")
                    self.assert_refused(
                        f"Logging in on backend 'Remote test' ({self.base_url()}, "
                        f"database {self.env.cr.dbname!r}): the login {login!r} or "
                        "its password is refused by the database "
                        f"{self.env.cr.dbname!r}",
                        version=version,
                        **values,
                    )

    def test_missing_rights(self):
        self.env["res.users"].create(
            {
                "name": "Portal user",
                "login": "example_portal",
                "password": "example-portal-password",
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        self.assert_refused(
            "Checking the access rights on backend 'Remote test'",
            login="example_portal",
            password="example-portal-password",
        )
        with self.assertRaisesRegex(
            UserError,
            "the user 'example_portal' is not allowed to create res.partner, "
            "write res.partner, read res.partner.category, create "
            "res.partner.category",
        ):
            self.backend.action_check_connection()
