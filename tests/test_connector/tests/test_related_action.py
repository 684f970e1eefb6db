# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import TestConnectorCase


class TestRelatedActionUnwrapBinding(TestConnectorCase):
    """The related action of binding jobs opens the bound record."""

    def _job(self, bindings):
        """Store (without running it) a job on ``bindings`` whose function
        declares ``related_action_unwrap_binding``."""
        job = bindings.with_delay().job_related_action_unwrap()
        return job.db_record()

    def _binding(self, model_name, **vals):
        return self.env[model_name].create(
            dict({"name": "Bound", "backend_id": self.backend_record.id}, **vals)
        )

    def test_job_function_declares_the_related_action(self):
        config = self.env["queue.job.function"].job_config(
            "<connector.test.binding>.job_related_action_unwrap"
        )
        self.assertEqual(
            config.related_action_func_name, "related_action_unwrap_binding"
        )

    def test_opens_the_unwrapped_record(self):
        binding = self._binding("connector.test.binding")
        action = self._job(binding).open_related_action()
        # the whole action, as 10.0 returned it
        self.assertEqual(
            action,
            {
                "name": "Related Record",
                "type": "ir.actions.act_window",
                "view_type": "form",
                "view_mode": "form",
                "res_model": "connector.test.record",
                "res_id": binding.odoo_id.id,
            },
        )

    def test_legacy_binder(self):
        """A 9.0 binding (openerp_id) is unwrapped by its own binder."""
        binding = self._binding("connector.test.legacy.binding")
        action = self._job(binding).open_related_action()
        self.assertEqual(action["res_model"], "connector.test.record")
        self.assertEqual(action["res_id"], binding.openerp_id.id)

    def test_binding_without_inherits_opens_the_binding(self):
        binding = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend_record.id}
        )
        action = self._job(binding).open_related_action()
        self.assertEqual(action["res_model"], "no.inherits.binding")
        self.assertEqual(action["res_id"], binding.id)

    def test_several_bindings_open_a_list(self):
        bindings = self._binding("connector.test.binding") | self._binding(
            "connector.test.binding", name="Second"
        )
        action = self._job(bindings).open_related_action()
        self.assertEqual(action["res_model"], "connector.test.record")
        self.assertEqual(action["view_mode"], "list,form")
        self.assertEqual(action["domain"], [("id", "in", bindings.odoo_id.ids)])

    def test_deleted_binding(self):
        """The message begins as queue_job's when there is no action, as
        the original's did, and tells why."""
        binding = self._binding("connector.test.binding")
        job = self._job(binding)
        binding.unlink()
        with self.assertRaisesRegex(
            UserError, "^No action available for this job: .* no longer exist"
        ):
            job.open_related_action()

    def test_as_a_queue_job_manager(self):
        manager = new_test_user(
            self.env,
            login="related_action_job_manager",
            groups="base.group_user,queue_job.group_queue_job_manager",
        )
        binding = self._binding("connector.test.binding")
        job = self._job(binding).with_user(manager)
        action = job.open_related_action()
        self.assertEqual(action["res_id"], binding.odoo_id.id)


class TestJobStateButtons(TestConnectorCase):
    """Connector Managers read the jobs; Job Queue Managers operate them."""

    def _job(self):
        binding = self.env["connector.test.binding"].create(
            {"name": "Bound", "backend_id": self.backend_record.id}
        )
        job = binding.with_delay().job_related_action_unwrap().db_record()
        job.state = "failed"
        return job

    def test_connector_manager_reads_but_cannot_requeue(self):
        manager = new_test_user(
            self.env,
            login="job_buttons_connector_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        job = self._job().with_user(manager)
        self.assertEqual(job.state, "failed")
        for button in ("requeue", "button_done", "button_cancelled"):
            with self.subTest(button=button), self.assertRaises(AccessError):
                getattr(job, button)()
        self.assertEqual(job.state, "failed")

    def test_job_queue_manager_requeues(self):
        manager = new_test_user(
            self.env,
            login="job_buttons_queue_manager",
            groups="base.group_user,queue_job.group_queue_job_manager",
        )
        job = self._job().with_user(manager)
        job.requeue()
        self.assertEqual(job.state, "pending")
