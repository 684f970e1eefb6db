# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


class TestConnectorMenus(TransactionCase):
    """The Connectors menu is for Connector Managers only."""

    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_manager_sees_the_connectors_menu(self):
        manager = new_test_user(
            self.env,
            login="menu_connector_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        visible = self._visible_menus(manager)
        for xmlid in (
            "connector.menu_connector_root",
            "connector.menu_checkpoint",
            "connector.menu_connector_queue_job",
        ):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)
        self.assertNotIn(
            self.env.ref("connector.menu_connector_configuration").id,
            visible,
            "settings are for administrators",
        )

    def test_plain_user_does_not(self):
        user = new_test_user(self.env, login="menu_plain_user")
        visible = self._visible_menus(user)
        for xmlid in ("connector.menu_connector_root", "connector.menu_checkpoint"):
            self.assertNotIn(self.env.ref(xmlid).id, visible, xmlid)

    def test_views_render(self):
        views = self.env["connector.checkpoint"].get_views(
            [(False, "list"), (False, "form"), (False, "search")]
        )
        self.assertEqual(set(views["views"]), {"list", "form", "search"})
        self.assertIn('name="reviewed"', views["views"]["form"]["arch"])
        wizard = self.env["connector.checkpoint.review"].get_views([(False, "form")])
        self.assertIn('name="review"', wizard["views"]["form"]["arch"])
        settings = self.env["res.config.settings"].get_views([(False, "form")])
        self.assertIn('name="connector"', settings["views"]["form"]["arch"])


@tagged("post_install", "-at_install")
class TestCheckpointTour(HttpCase):
    """Connectors > Checkpoints in a real browser."""

    def test_review_a_checkpoint(self):
        backend = self.env["test.backend"].create({"name": "Tour backend"})
        record = self.env["connector.test.record"].create(
            {"name": "Tour record to review"}
        )
        checkpoint = backend.add_checkpoint(
            model="connector.test.record", record_id=record.id
        )
        self.start_tour("/odoo", "connector_checkpoint_review_tour", login="admin")
        checkpoint.invalidate_recordset()
        self.assertEqual(checkpoint.state, "reviewed")
