# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.connector.session import ConnectorSession, ConnectorSessionHandler


class TestConnectorSession(TransactionCase):
    """The 9.0 session over an Odoo environment."""

    def test_session_from_cursor(self):
        session = ConnectorSession(self.env.cr, self.env.uid, context={"lang": "en_US"})
        self.assertIs(session.cr, self.env.cr)
        self.assertEqual(session.uid, self.env.uid)
        self.assertEqual(session.context["lang"], "en_US")
        self.assertIs(session.pool, self.env.registry)
        self.assertIsInstance(session.env, api.Environment)

    def test_session_from_env(self):
        env = self.env(context=dict(self.env.context, marker=1))
        session = ConnectorSession.from_env(env)
        self.assertIs(session.env, env)
        self.assertEqual(session.context["marker"], 1)

    def test_change_user(self):
        user = new_test_user(self.env, login="connector_session_user")
        session = ConnectorSession.from_env(self.env)
        with session.change_user(user.id):
            self.assertEqual(session.uid, user.id)
            self.assertEqual(session.env.user, user)
        self.assertEqual(session.uid, self.env.uid)

    def test_change_user_is_restored_on_error(self):
        user = new_test_user(self.env, login="connector_session_user2")
        session = ConnectorSession.from_env(self.env)
        with self.assertRaises(RuntimeError), session.change_user(user.id):
            raise RuntimeError("fails inside")
        self.assertEqual(session.uid, self.env.uid)

    def test_change_context(self):
        session = ConnectorSession.from_env(self.env)
        with session.change_context(lang="fr_FR"):
            self.assertEqual(session.context["lang"], "fr_FR")
        self.assertNotEqual(session.context.get("lang"), "fr_FR")
        with session.change_context({"only": True}, extra=2):
            self.assertEqual(dict(session.context), {"only": True, "extra": 2})
        with self.assertRaises(RuntimeError), session.change_context(x=1):
            raise RuntimeError("fails inside")
        self.assertNotIn("x", session.context)

    def test_is_module_installed(self):
        session = ConnectorSession.from_env(self.env)
        self.assertTrue(session.is_module_installed("connector"))
        self.assertFalse(session.is_module_installed("not_an_addon_at_all"))

    def test_commit_is_a_no_op_in_tests(self):
        """In tests, commit() says it is ignored and commits nothing (the
        test cursor would raise if it did): what it would have committed is
        still undone by a rollback."""
        savepoint = self.env.cr.savepoint()
        partner = self.env["res.partner"].create({"name": "Never committed"})
        with self.assertLogs("odoo.addons.connector.session", "DEBUG") as logs:
            ConnectorSession.from_env(self.env).commit()
        self.assertEqual(
            logs.output,
            ["DEBUG:odoo.addons.connector.session:session.commit() ignored in tests"],
        )
        savepoint.close(rollback=True)
        self.env.invalidate_all()
        self.assertFalse(partner.exists())

    def test_repr(self):
        session = ConnectorSession.from_env(self.env)
        self.assertIn(f"db_name: {self.env.cr.dbname}", repr(session))
        self.assertIn(f"uid: {self.env.uid}", repr(session))


class TestConnectorSessionHandler(TransactionCase):
    """Sessions on their own cursor, committed or rolled back."""

    def _partner_count(self, name):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["res.partner"].search_count([("name", "=", name)])

    def _delete_partners(self, name):
        with ConnectorSessionHandler(
            self.env.cr.dbname, SUPERUSER_ID
        ).session() as session:
            session.env["res.partner"].search([("name", "=", name)]).unlink()

    def test_session_is_committed(self):
        name = "connector session handler committed"
        self.addCleanup(self._delete_partners, name)
        handler = ConnectorSessionHandler(
            self.env.cr.dbname, SUPERUSER_ID, {"lang": "en_US"}
        )
        self.assertEqual(handler.context, {"lang": "en_US"})
        with handler.session() as session:
            self.assertIsInstance(session, ConnectorSession)
            self.assertIsNot(session.cr, self.env.cr)
            session.env["res.partner"].create({"name": name})
        self.assertEqual(self._partner_count(name), 1)

    def test_session_is_rolled_back_on_error(self):
        name = "connector session handler rolled back"
        handler = ConnectorSessionHandler(self.env.cr.dbname, SUPERUSER_ID)
        with self.assertRaises(RuntimeError), handler.session() as session:
            session.env["res.partner"].create({"name": name})
            session.env.flush_all()
            raise RuntimeError("fails inside")
        self.assertEqual(self._partner_count(name), 0)
