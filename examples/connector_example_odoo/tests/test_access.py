# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Who reads and changes what: real users, over the ORM and over XML-RPC.

The users are those of the access table of ``doc/guides/security.rst``
(:data:`EXPECTED` is that table: keep both in step). Each check is one call
as a user makes it, ``execute_kw(model, method, args, kwargs)``: run with
``odoo.api.call_kw`` in the user's environment, then over XML-RPC through
the test server (``/xmlrpc/2/object``), each in a savepoint rolled back
afterwards.
"""

import contextlib
import xmlrpc.client

from odoo import api
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BACKEND, CATEGORY, PARTNER, ExampleCase

PASSWORD = "Acc3ss-5ecret-77d1"

#: The users, in the order of the columns of the table.
USERS = (
    "internal",
    "portal",
    "internal_b",
    "manager_b",
    "manager",
    "job_manager",
)
#: check: the users for whom it is granted (the others are refused).
EXPECTED = {
    "backend: name": {"manager"},
    "backend: URL, database, login": {"manager"},
    "backend: password read": {"manager"},
    "backend: password written": {"manager"},
    "backend: found by its password": {"manager"},
    "backend: password in an unrestricted read": {"manager"},
    "backend of company B: name": {"manager_b"},
    "partner bindings": {"manager"},
    "category bindings": {"manager"},
    "checkpoints": {"manager"},
    "jobs: read": {"manager", "job_manager"},
    "jobs: requeue": {"job_manager"},
    "jobs: related action": {"manager", "job_manager"},
}


@tagged("post_install", "-at_install")
class TestAccess(ExampleCase, HttpCase):
    """The access table, over the ORM and over XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Example Co B"})
        in_a = {"company_id": cls.company_a.id, "company_ids": cls.company_a.ids}
        in_b = {"company_id": cls.company_b.id, "company_ids": cls.company_b.ids}
        manager_groups = "base.group_user,connector.group_connector_manager"
        groups = {
            "internal": ("base.group_user", in_a),
            "portal": ("base.group_portal", in_a),
            "internal_b": ("base.group_user", in_b),
            "manager_b": (manager_groups, in_b),
            "manager": (manager_groups, in_a),
            "job_manager": ("base.group_user,queue_job.group_queue_job_manager", in_a),
        }
        cls.users = {
            name: new_test_user(
                cls.env,
                login=f"access_{name}",
                password=f"access_{name}_pw",
                groups=user_groups,
                **companies,
            )
            for name, (user_groups, companies) in groups.items()
        }
        cls.backend.password = PASSWORD
        cls.backend_b = cls.backend.copy(
            {"name": "Remote of B", "company_id": cls.company_b.id}
        )
        no_export = cls.env(context=dict(cls.env.context, connector_no_export=True))
        category = no_export[CATEGORY].create(
            {"name": "Gold", "backend_id": cls.backend.id, "external_id": "1"}
        )
        cls.binding = no_export[PARTNER].create(
            {
                "name": "Bound partner",
                "backend_id": cls.backend.id,
                "external_id": "7",
                "category_id": [(6, 0, category.odoo_id.ids)],
            }
        )
        cls.category = category
        cls.checkpoint = cls.backend.add_checkpoint(message="Review the import")
        as_manager = cls.env(user=cls.users["manager"])
        cls.job = (
            as_manager[PARTNER]
            .with_delay()
            .import_batch(cls.backend.with_env(as_manager))
            .db_record()
        )
        cls.export_job = (
            cls.binding.with_env(as_manager).with_delay().export_record().db_record()
        )
        cls.calls = cls._calls()

    @classmethod
    def _calls(cls):
        """check: (model, method, args, kwargs, granted(result))."""
        backend, job = cls.backend.id, cls.job.id

        def some(result):
            return bool(result)

        return {
            "backend: name": (BACKEND, "read", [[backend], ["name"]], {}, some),
            "backend: URL, database, login": (
                BACKEND,
                "read",
                [[backend], ["location", "database", "login"]],
                {},
                some,
            ),
            "backend: password read": (
                BACKEND,
                "read",
                [[backend], ["password"]],
                {},
                lambda result: result[0]["password"] == PASSWORD,
            ),
            "backend: password written": (
                BACKEND,
                "write",
                [[backend], {"password": "changed"}],
                {},
                some,
            ),
            "backend: found by its password": (
                BACKEND,
                "search",
                [[("password", "=", PASSWORD)]],
                {},
                lambda result: result == [backend],
            ),
            "backend: password in an unrestricted read": (
                BACKEND,
                "search_read",
                [[("id", "=", backend)]],
                {},
                lambda result: PASSWORD in repr(result),
            ),
            "backend of company B: name": (
                BACKEND,
                "read",
                [cls.backend_b.ids, ["name"]],
                {},
                some,
            ),
            "partner bindings": (
                PARTNER,
                "search_read",
                [[("id", "=", cls.binding.id)], ["external_id", "backend_id"]],
                {},
                some,
            ),
            "category bindings": (
                CATEGORY,
                "search_read",
                [[("id", "=", cls.category.id)], ["external_id"]],
                {},
                some,
            ),
            "checkpoints": (
                "connector.checkpoint",
                "search_read",
                [[("id", "=", cls.checkpoint.id)], ["message"]],
                {},
                some,
            ),
            "jobs: read": (
                "queue.job",
                "search_read",
                # (args and kwargs hold records, which XML-RPC cannot send)
                [[("id", "=", job)], ["name", "func_string", "result", "exc_info"]],
                {},
                some,
            ),
            "jobs: requeue": ("queue.job", "requeue", [[job]], {}, lambda r: True),
            "jobs: related action": (
                "queue.job",
                "open_related_action",
                [cls.export_job.ids],
                {},
                lambda action: action["res_model"] == "res.partner"
                and action["res_id"] == cls.binding.odoo_id.id,
            ),
        }

    @contextlib.contextmanager
    def rolled_back(self):
        with contextlib.closing(self.env.cr.savepoint()):
            yield
        self.env.invalidate_all()

    def orm_call(self, user, model, method, args, kwargs):
        """The call in the user's environment; ``(granted, result)``."""
        env = api.Environment(self.env.cr, user.id, {})
        try:
            return True, api.call_kw(env[model], method, args, kwargs)
        except AccessError:
            return False, None
        finally:
            env.flush_all()

    def rpc_call(self, user, model, method, args, kwargs):
        """The call over XML-RPC as the user; ``(granted, result)``."""
        try:
            return True, self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                user.id,
                user.login + "_pw",
                model,
                method,
                args,
                kwargs,
            )
        except xmlrpc.client.Fault as fault:
            # 4: AccessError, as odoo.addons.base.controllers.rpc sends it
            self.assertEqual(fault.faultCode, 4, fault.faultString)
            self.assertNotIn(PASSWORD, fault.faultString)
            return False, None

    def check_table(self, call):
        for check, (model, method, args, kwargs, granted) in self.calls.items():
            for name in USERS:
                user = self.users[name]
                with self.subTest(check=check, user=name), self.rolled_back():
                    allowed, result = call(user, model, method, args, kwargs)
                    allowed = allowed and granted(result)
                    self.assertEqual(allowed, name in EXPECTED[check])
                    if name not in EXPECTED["backend: password read"]:
                        self.assertNotIn(PASSWORD, repr(result))

    def test_orm(self):
        self.check_table(self.orm_call)

    def test_xmlrpc(self):
        self.check_table(self.rpc_call)

    def test_table_covers_every_check(self):
        self.assertEqual(set(self.calls), set(EXPECTED))

    def test_settings_stay_hidden_when_the_model_is_opened(self):
        """An addon granting internal users the backends (e.g. to show their
        names) does not give them the settings: the fields have groups, and
        cannot be read, described, searched or grouped by."""
        self.env["ir.model.access"].create(
            {
                "name": "backends for internal users",
                "model_id": self.env["ir.model"]._get_id(BACKEND),
                "group_id": self.env.ref("base.group_user").id,
                "perm_read": True,
            }
        )
        backend = self.backend.with_user(self.users["internal"])
        self.assertEqual(backend.name, "Remote test")
        settings = ("location", "database", "login", "password")
        described = backend.fields_get()
        (record,) = backend.search_read([("id", "=", backend.id)])
        for name in settings:
            with self.subTest(field=name):
                self.assertNotIn(name, described)
                self.assertNotIn(name, record)
                with self.assertRaises(AccessError):
                    backend.read([name])
                with self.assertRaises(AccessError):
                    backend.search([(name, "=", PASSWORD)])
                with self.assertRaises(AccessError):
                    backend.read_group([], [name], [name])
        self.assertNotIn(PASSWORD, repr(record))

    def test_menus(self):
        """A Job Queue Manager has queue_job's Jobs menu, not the
        Connectors one; a Connector Manager has both Connectors menus."""
        menus = self.env["ir.ui.menu"]
        visible = menus.with_user(self.users["job_manager"])._visible_menu_ids()
        self.assertIn(self.env.ref("queue_job.menu_queue_job").id, visible)
        self.assertNotIn(self.env.ref("connector.menu_connector_root").id, visible)
        visible = menus.with_user(self.users["manager"])._visible_menu_ids()
        self.assertIn(self.env.ref("connector.menu_connector_queue_job").id, visible)
        self.assertIn(
            self.env.ref("connector_example_odoo.example_odoo_backend_menu").id, visible
        )

    def test_job_managers_are_not_connector_managers(self):
        group = self.env.ref("connector.group_connector_manager")
        self.assertNotIn(
            group, self.env.ref("queue_job.group_queue_job_manager").implied_ids
        )
        self.assertNotIn(group, self.users["job_manager"].groups_id)
