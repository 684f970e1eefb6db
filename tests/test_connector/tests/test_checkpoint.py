# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.connector.checkpoint import add_checkpoint, add_checkpoint_message
from odoo.addons.connector.checkpoint import checkpoint as checkpoint_module
from odoo.addons.connector.session import ConnectorSession

RECORD = "connector.test.record"
MANAGER_GROUPS = "base.group_user,connector.group_connector_manager"


class TestCheckpointCase(TransactionCase):
    """A backend, a record to review, a Connector Manager and a plain user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend_record = cls.env["test.backend"].create(
            {"name": "Checkpoint backend", "version": "1"}
        )
        cls.record = cls.env[RECORD].create({"name": "Imported product"})
        cls.manager = new_test_user(
            cls.env, login="checkpoint_manager", groups=MANAGER_GROUPS
        )
        cls.user = new_test_user(cls.env, login="checkpoint_plain_user")
        cls.Checkpoint = cls.env["connector.checkpoint"]

    def _add(self, record=None, **kwargs):
        record = record or self.record
        return self.backend_record.add_checkpoint(
            model=record._name, record_id=record.id, **kwargs
        )


class TestCheckpoint(TestCheckpointCase):
    """Creating checkpoints and notifying the managers."""

    def test_add_checkpoint_on_a_record(self):
        checkpoint = self._add()
        self.assertEqual(checkpoint.state, "need_review")
        self.assertEqual(checkpoint.model_id.model, RECORD)
        self.assertEqual(checkpoint.record_id, self.record.id)
        self.assertEqual(checkpoint.record, self.record)
        self.assertEqual(checkpoint.backend_id, self.backend_record)
        self.assertEqual(checkpoint.backend_name, "Checkpoint backend")
        self.assertEqual(checkpoint.name, "Imported product")
        self.assertFalse(checkpoint.message)

    def test_add_checkpoint_with_a_message(self):
        checkpoint = self._add(message="Check the price")
        self.assertEqual(checkpoint.record, self.record)
        self.assertEqual(checkpoint.message, "Check the price")
        self.assertEqual(checkpoint.message_ids[0].body, "<p>Check the price</p>")

    def test_add_checkpoint_message_only(self):
        checkpoint = self.backend_record.add_checkpoint(message="3 orders skipped")
        self.assertFalse(checkpoint.model_id)
        self.assertFalse(checkpoint.record)
        self.assertEqual(checkpoint.name, "3 orders skipped")
        self.assertEqual(checkpoint.backend_id, self.backend_record)

    def test_add_checkpoint_with_nothing_to_review(self):
        self.assertIsNone(self.backend_record.add_checkpoint())
        self.assertIsNone(self.backend_record.add_checkpoint(model=RECORD))
        self.assertFalse(self.Checkpoint.search([]))

    def test_legacy_helpers(self):
        session = ConnectorSession.from_env(self.env)
        for env_or_session in (self.env, session):
            checkpoint = add_checkpoint(
                env_or_session,
                RECORD,
                self.record.id,
                "test.backend",
                self.backend_record.id,
            )
            self.assertEqual(checkpoint.record, self.record)
            self.assertEqual(checkpoint.backend_id, self.backend_record)
        checkpoint = add_checkpoint_message(
            session, "test.backend", self.backend_record.id, "A message"
        )
        self.assertEqual(checkpoint.name, "A message")

    def test_legacy_helpers_of_the_9_0_module(self):
        """9.0 code reaches the helpers through the module checkpoint of the
        package connector.checkpoint."""
        session = ConnectorSession.from_env(self.env)
        self.assertIs(checkpoint_module.add_checkpoint, add_checkpoint)
        checkpoint = checkpoint_module.add_checkpoint(
            session, RECORD, self.record.id, "test.backend", self.backend_record.id
        )
        self.assertEqual(checkpoint.record, self.record)
        checkpoint = checkpoint_module.add_checkpoint_message(
            session, "test.backend", self.backend_record.id, "Another message"
        )
        self.assertEqual(checkpoint.name, "Another message")

    def test_unknown_model(self):
        with self.assertRaisesRegex(ValueError, "no.such.model"):
            self.backend_record.add_checkpoint(model="no.such.model", record_id=1)

    @mute_logger("odoo.sql_db")
    def test_record_or_message_required(self):
        with self.assertRaisesRegex(IntegrityError, "required_fields"):
            with self.cr.savepoint():
                self.Checkpoint.create({"backend_id": self.backend_record})
                self.env.flush_all()

    def test_deleted_record(self):
        record = self.env[RECORD].create({"name": "Short-lived"})
        checkpoint = self._add(record)
        record_id = record.id
        record.unlink()
        checkpoint.invalidate_recordset()
        self.assertFalse(checkpoint.record)
        self.assertEqual(checkpoint.name, f"{RECORD} {record_id} (deleted)")

    def test_managers_follow_and_are_notified(self):
        checkpoint = self._add()
        followers = checkpoint.message_partner_ids
        self.assertIn(self.manager.partner_id, followers)
        self.assertNotIn(self.user.partner_id, followers)
        message = checkpoint.message_ids.filtered(
            lambda message: "needs a review" in message.body
        )
        self.assertEqual(len(message), 1)
        self.assertIn("Record bound by the test bindings", message.body)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(self.manager.partner_id, message.notified_partner_ids)
        self.assertNotIn(self.user.partner_id, message.notified_partner_ids)

    def test_checkpoint_as_a_manager(self):
        checkpoint = self.backend_record.with_user(self.manager).add_checkpoint(
            model=RECORD, record_id=self.record.id
        )
        self.assertEqual(checkpoint.env.uid, self.manager.id)
        self.assertEqual(checkpoint.message_ids[0].author_id, self.manager.partner_id)


class TestCheckpointReview(TestCheckpointCase):
    """Reviewing one checkpoint or several."""

    def test_reviewed(self):
        checkpoint = self._add()
        self.assertTrue(checkpoint.reviewed())
        self.assertEqual(checkpoint.state, "reviewed")

    def test_reviewing_twice(self):
        checkpoint = self._add()
        checkpoint.reviewed()
        with self.assertRaisesRegex(UserError, "already reviewed.*Imported product"):
            checkpoint.reviewed()

    def test_review_wizard(self):
        first, second, done = self._add(), self._add(), self._add()
        done.reviewed()
        wizard = (
            self.env["connector.checkpoint.review"]
            .with_context(
                active_model="connector.checkpoint",
                active_ids=(first | second | done).ids,
            )
            .create({})
        )
        self.assertEqual(wizard.checkpoint_ids, first | second, "not the done one")
        self.assertEqual(wizard.checkpoint_count, 2)
        action = wizard.review()
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(set((first | second).mapped("state")), {"reviewed"})

    def test_review_wizard_of_another_model(self):
        checkpoint = self._add()
        wizard = (
            self.env["connector.checkpoint.review"]
            .with_context(active_model="res.partner", active_ids=[checkpoint.id])
            .create({})
        )
        self.assertFalse(wizard.checkpoint_ids)
        with self.assertRaisesRegex(UserError, "no checkpoint to review"):
            wizard.review()

    def test_review_wizard_is_bound_to_the_checkpoints(self):
        action = self.env.ref("connector.action_connector_checkpoint_review")
        self.assertEqual(action.binding_model_id.model, "connector.checkpoint")
        self.assertEqual(action.res_model, "connector.checkpoint.review")

    def test_review_is_tracked(self):
        checkpoint = self._add()
        # mail tracks no change of a record created in the same transaction
        self.env.flush_all()
        self.env.cr.flush()
        checkpoint.reviewed()
        self.env.flush_all()
        self.env.cr.flush()
        checkpoint.invalidate_recordset(["message_ids"])
        tracked = checkpoint.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(tracked.new_value_char, "Reviewed")


class TestCheckpointSearch(TestCheckpointCase):
    """Searching checkpoints by the name of their record or backend."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_record = cls.env[RECORD].create({"name": "Another thing"})
        cls.other_backend = cls.env["test.backend"].create(
            {"name": "Second shop", "version": "1"}
        )
        cls.on_record = cls.backend_record.add_checkpoint(
            model=RECORD, record_id=cls.record.id
        )
        cls.on_other = cls.other_backend.add_checkpoint(
            model=RECORD, record_id=cls.other_record.id
        )
        cls.on_message = cls.backend_record.add_checkpoint(message="Unknown tax")
        cls.on_partner = cls.backend_record.add_checkpoint(
            model="res.partner", record_id=cls.env.user.partner_id.id
        )

    def _search(self, domain):
        return self.Checkpoint.search(domain)

    def test_search_by_record_name(self):
        self.assertEqual(self._search([("name", "ilike", "imported")]), self.on_record)
        self.assertEqual(self._search([("name", "=", "Another thing")]), self.on_other)
        partner_name = self.env.user.partner_id.name
        self.assertEqual(self._search([("name", "=", partner_name)]), self.on_partner)

    def test_search_by_message(self):
        self.assertEqual(self._search([("name", "ilike", "tax")]), self.on_message)

    def test_search_negative(self):
        self.assertEqual(
            self._search([("name", "not ilike", "imported")]),
            self.on_other | self.on_message | self.on_partner,
        )

    def test_search_nothing(self):
        self.assertFalse(self._search([("name", "ilike", "no such name")]))

    def test_search_by_backend_name(self):
        self.assertEqual(
            self._search([("backend_name", "ilike", "second")]), self.on_other
        )
        self.assertEqual(
            self._search([("backend_name", "not ilike", "second")]),
            self.on_record | self.on_message | self.on_partner,
        )
        self.assertFalse(self._search([("backend_name", "ilike", "none like it")]))

    def test_search_by_state_and_model(self):
        self.on_other.reviewed()
        self.assertEqual(
            self._search([("state", "=", "reviewed")]), self.on_other, "filter"
        )
        self.assertEqual(
            self._search([("model_id.model", "=", "res.partner")]), self.on_partner
        )


class TestCheckpointAccess(TestCheckpointCase):
    """Only Connector Managers see backends, bindings and checkpoints."""

    def test_plain_user_cannot_read_or_write_checkpoints(self):
        checkpoint = self._add()
        as_user = checkpoint.with_user(self.user)
        with self.assertRaises(AccessError):
            as_user.read(["state"])
        with self.assertRaises(AccessError):
            as_user.reviewed()
        with self.assertRaises(AccessError):
            self.backend_record.with_user(self.user).add_checkpoint(message="no")
        with self.assertRaises(AccessError):
            self.Checkpoint.with_user(self.user).search([])
        self.assertEqual(checkpoint.state, "need_review")

    def test_plain_user_cannot_use_the_review_wizard(self):
        checkpoint = self._add()
        with self.assertRaises(AccessError):
            self.env["connector.checkpoint.review"].with_user(self.user).with_context(
                active_model="connector.checkpoint", active_ids=checkpoint.ids
            ).create({})

    def test_plain_user_cannot_read_backends_or_bindings(self):
        binding = self.env["connector.test.binding"].create(
            {"name": "bound", "backend_id": self.backend_record.id}
        )
        with self.assertRaises(AccessError):
            self.backend_record.with_user(self.user).read(["name"])
        with self.assertRaises(AccessError):
            binding.with_user(self.user).read(["external_id"])
        with self.assertRaises(AccessError):
            binding.with_user(self.user).write({"external_id": "X"})
        # the bound record itself is a business record: users work on it
        self.assertEqual(binding.odoo_id.with_user(self.user).name, "bound")

    def test_manager_reads_reviews_and_uses_the_wizard(self):
        checkpoint = self._add()
        as_manager = checkpoint.with_user(self.manager)
        self.assertEqual(as_manager.name, "Imported product")
        self.assertEqual(as_manager.read(["state"])[0]["state"], "need_review")
        as_manager.reviewed()
        self.assertEqual(checkpoint.state, "reviewed")
        other = self._add()
        wizard = (
            self.env["connector.checkpoint.review"]
            .with_user(self.manager)
            .with_context(active_model="connector.checkpoint", active_ids=other.ids)
            .create({})
        )
        wizard.review()
        self.assertEqual(other.state, "reviewed")
        binding = self.env["connector.test.binding"].create(
            {"name": "bound", "backend_id": self.backend_record.id}
        )
        self.assertFalse(binding.with_user(self.manager).external_id)


class TestCheckpointMultiCompany(TestCheckpointCase):
    """Checkpoints and bindings follow the companies of their records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Connector Co B"})
        cls.manager_a = new_test_user(
            cls.env,
            login="checkpoint_manager_a",
            groups=MANAGER_GROUPS,
            company_id=cls.company_a.id,
            company_ids=[(6, 0, cls.company_a.ids)],
        )
        cls.record_b = cls.env[RECORD].create(
            {"name": "Record of B", "company_id": cls.company_b.id}
        )

    def test_checkpoint_follows_the_record_company(self):
        checkpoint = self._add(self.record_b)
        self.assertEqual(checkpoint.company_id, self.company_b)
        self.assertFalse(self._add().company_id, "a record without company")

    def test_checkpoint_follows_the_backend_company(self):
        """Without a record, the checkpoint takes its backend's company."""
        self.backend_record.company_id = self.company_b
        checkpoint = self.backend_record.add_checkpoint(message="About B")
        self.assertEqual(checkpoint.company_id, self.company_b)

    def test_record_company_wins_over_the_backend(self):
        self.backend_record.company_id = self.company_b
        self.assertFalse(self._add().company_id, "the record is shared")

    def test_manager_sees_the_checkpoints_of_their_companies(self):
        checkpoint_b = self._add(self.record_b)
        shared = self._add()
        visible = self.Checkpoint.with_user(self.manager_a).search([])
        self.assertIn(shared, visible)
        self.assertNotIn(checkpoint_b, visible)
        with self.assertRaises(AccessError):
            checkpoint_b.with_user(self.manager_a).read(["state"])

    def test_only_managers_of_the_company_follow(self):
        checkpoint_b = self._add(self.record_b)
        self.assertNotIn(self.manager_a.partner_id, checkpoint_b.message_partner_ids)
        self.assertIn(self.manager.partner_id, self._add().message_partner_ids)
        self.assertIn(self.manager_a.partner_id, self._add().message_partner_ids)

    def test_bindings_follow_the_record_company(self):
        binding_b = self.env["connector.test.binding"].create(
            {
                "name": "bound in B",
                "company_id": self.company_b.id,
                "backend_id": self.backend_record.id,
            }
        )
        binding_shared = self.env["connector.test.binding"].create(
            {"name": "bound, shared", "backend_id": self.backend_record.id}
        )
        bindings = self.env["connector.test.binding"].with_user(self.manager_a)
        visible = bindings.search([])
        self.assertIn(binding_shared, visible)
        self.assertNotIn(binding_b, visible)
        with self.assertRaises(AccessError):
            binding_b.with_user(self.manager_a).read(["external_id"])
