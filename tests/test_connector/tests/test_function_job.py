# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import functools
from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.connector.exception import (
    FailedJobError,
    JobFunctionError,
    NoSuchJobError,
    NotReadableJobError,
    RetryableJobError,
)
from odoo.addons.connector.queue.job import (
    JOB_REGISTRY,
    UNPICKLE_WHITELIST,
    Job,
    JobStorage,
    OpenERPJobStorage,
    identity_exact,
    job,
    related_action,
    whitelist_unpickle_global,
)
from odoo.addons.connector.session import ConnectorSession
from odoo.addons.connector.tests.common import mock_job_delay_to_direct, trap_jobs
from odoo.addons.queue_job.job import Job as StoredJob

from .. import jobs
from .common import TestConnectorCase

RECORD_CALL = "_function_job__test_connector__jobs__record_call"
# queue_job 18.0.2+ writes a retried or failed job's state with a cursor of
# its own, which the test's transaction (shared by the test server) rolls
# back with the job's: there only the end-to-end suites can see that state
STATE_IN_OTHER_CURSOR = hasattr(StoredJob, "in_temporary_env")


class TestJobDecorator(TestConnectorCase):
    """@job and @related_action on module-level functions (9.0)."""

    def test_returns_the_function_with_its_options(self):
        self.assertIn(jobs.record_call, JOB_REGISTRY)
        self.assertEqual(jobs.record_call.default_channel, "root")
        self.assertIsNone(jobs.record_call.retry_pattern)
        self.assertEqual(
            jobs.fail_retryable.default_channel, "root.test_connector.legacy"
        )
        self.assertEqual(jobs.fail_retryable.retry_pattern, {1: 7, 3: 30})

    def test_direct_call_runs_synchronously(self):
        session = ConnectorSession.from_env(self.env)
        with trap_jobs() as trap:
            result = jobs.record_call(session, "res.partner", 1)
            trap.assert_jobs_count(0)
        self.assertEqual(result, "called with res.partner (1,) {}")

    def test_without_function_returns_a_partial(self):
        partial = job(None, default_channel="root.x", retry_pattern={1: 5})
        self.assertIsInstance(partial, functools.partial)
        self.assertEqual(partial.keywords["default_channel"], "root.x")
        self.assertEqual(partial.keywords["retry_pattern"], {1: 5})

    def test_channel_outside_root_is_refused(self):
        def task(session, model_name):
            pass

        for channel in ("channel", "rooted.x", "root..x", "", None):
            with (
                self.subTest(channel=channel),
                self.assertRaisesRegex(
                    JobFunctionError, "task: default_channel must be 'root'"
                ),
            ):
                job(task, default_channel=channel)
        self.assertNotIn(task, JOB_REGISTRY)

    def test_malformed_retry_pattern_is_refused(self):
        def task(session, model_name):
            pass

        for pattern in ([1, 2], {"1": 5}, {1: "5"}, {1: (1, 2, 3)}):
            with (
                self.subTest(pattern=pattern),
                self.assertRaisesRegex(
                    JobFunctionError, "retry_pattern must be a dict"
                ),
            ):
                job(task, retry_pattern=pattern)

    def test_decorating_something_else_is_refused(self):
        with self.assertRaisesRegex(TypeError, "decorates functions"):
            job("not a function")
        with self.assertRaisesRegex(TypeError, "must be a callable"):
            related_action(action="a_method_name")(jobs.not_a_job)

    def test_related_action_keeps_its_arguments(self):
        action = jobs.with_url_action.related_action
        self.assertEqual(action.func, jobs.open_url)
        self.assertEqual(action.keywords, {"url": "https://example.com/{0}"})


class TestDelay(TestConnectorCase):
    """func.delay(session, model_name, ...) stores a real queue_job job."""

    def setUp(self):
        super().setUp()
        self.session = ConnectorSession.from_env(self.env)
        jobs.CALLS.clear()

    def _stored(self, uuid):
        return self.env["queue.job"].search([("uuid", "=", uuid)])

    def test_delay_returns_the_uuid_of_a_stored_job(self):
        uuid = jobs.record_call.delay(self.session, "res.partner", 42, "x", flag=True)
        stored = self._stored(uuid)
        self.assertEqual(len(stored), 1)
        self.assertEqual(stored.state, "pending")
        self.assertEqual(stored.model_name, "connector.function.job")
        self.assertEqual(stored.method_name, RECORD_CALL)
        self.assertEqual(list(stored.args), ["res.partner", 42, "x"])
        self.assertEqual(stored.kwargs, {"flag": True})
        self.assertEqual(stored.user_id, self.env.user)
        self.assertFalse(jobs.CALLS, "nothing runs before the job runner")

    def test_argument_json_cannot_store_is_refused(self):
        before = self.env["queue.job"].search_count([])
        with self.assertRaisesRegex(
            JobFunctionError,
            r"odoo.addons.test_connector.jobs.record_call.delay\(\): argument 4 "
            r"\(timedelta\) cannot be stored: queue_job stores the arguments of "
            r"jobs in JSON",
        ):
            jobs.record_call.delay(self.session, "res.partner", 1, timedelta(days=1))
        with self.assertRaisesRegex(JobFunctionError, r"argument 'when' \(set\)"):
            jobs.record_call.delay(self.session, "res.partner", when={1, 2})
        self.assertEqual(self.env["queue.job"].search_count([]), before)
        # dates and records are stored
        partner = self.env.ref("base.main_partner")
        uuid = jobs.record_call.delay(
            self.session, "res.partner", datetime(2016, 1, 2, 3, 4), partner
        )
        self.assertEqual(list(self._stored(uuid).args)[2], partner)

    def test_whitelist_and_storage_interface_of_90(self):
        class Money:
            pass

        self.assertIs(whitelist_unpickle_global(Money), Money)
        self.assertIn(Money, UNPICKLE_WHITELIST)
        self.assertTrue(issubclass(OpenERPJobStorage, JobStorage))
        for method, arg in (("store", None), ("load", "7e1f"), ("exists", "7e1f")):
            with self.assertRaises(NotImplementedError):
                getattr(JobStorage(), method)(arg)

    def test_default_options(self):
        stored = self._stored(jobs.record_call.delay(self.session, "res.partner"))
        self.assertEqual(stored.priority, 10)
        self.assertEqual(stored.max_retries, 5)
        self.assertFalse(stored.eta)
        self.assertEqual(stored.channel, "root")
        # first line of the docstring; else "Function <name>"
        self.assertEqual(stored.name, "Record the call")
        other = self._stored(jobs.fail_retryable.delay(self.session, "res.partner"))
        self.assertEqual(other.name, "Function fail_retryable")
        self.assertEqual(other.channel, "root.test_connector.legacy")

    def test_reserved_keywords(self):
        uuid = jobs.record_call.delay(
            self.session,
            "res.partner",
            1,
            priority=3,
            eta=60,
            max_retries=2,
            description="Import partner 1",
            channel="root.other",
        )
        stored = self._stored(uuid)
        self.assertEqual(stored.priority, 3)
        self.assertEqual(stored.max_retries, 2)
        self.assertEqual(stored.name, "Import partner 1")
        self.assertEqual(stored.channel, "root.other")
        self.assertAlmostEqual(
            stored.eta, datetime.now() + timedelta(seconds=60), delta=timedelta(5)
        )
        self.assertEqual(list(stored.args), ["res.partner", 1], "options are no args")
        self.assertEqual(stored.kwargs, {})

    def test_eta_as_timedelta_or_datetime(self):
        when = datetime(2030, 1, 2, 3, 4, 5)
        stored = self._stored(jobs.record_call.delay(self.session, "m", eta=when))
        self.assertEqual(stored.eta, when)
        uuid = jobs.record_call.delay(self.session, "m", eta=timedelta(hours=1))
        self.assertAlmostEqual(
            self._stored(uuid).eta,
            datetime.now() + timedelta(hours=1),
            delta=timedelta(seconds=5),
        )

    def test_identity_key_reuses_a_pending_job(self):
        first = jobs.record_call.delay(
            self.session, "res.partner", 7, identity_key=identity_exact
        )
        second = jobs.record_call.delay(
            self.session, "res.partner", 7, identity_key=identity_exact
        )
        third = jobs.record_call.delay(
            self.session, "res.partner", 8, identity_key=identity_exact
        )
        self.assertEqual(first, second)
        self.assertNotEqual(first, third)
        self.assertEqual(len(self._stored(first)), 1)
        key = self._stored(first).identity_key
        again = jobs.record_call.delay(self.session, "res.partner", 9, identity_key=key)
        self.assertEqual(again, first, "a string key works too")

    def test_identity_function_receives_a_legacy_job(self):
        seen = []

        def by_first_arg(job_):
            seen.append((job_.func_name, job_.args, job_.model_name))
            return f"first-arg-{job_.args[1]}"

        uuid = jobs.record_call.delay(
            self.session, "res.partner", 5, identity_key=by_first_arg
        )
        self.assertEqual(self._stored(uuid).identity_key, "first-arg-5")
        self.assertEqual(
            seen,
            [
                (
                    "odoo.addons.test_connector.jobs.record_call",
                    ("res.partner", 5),
                    "res.partner",
                )
            ],
        )

    def test_accepts_an_environment(self):
        uuid = jobs.record_call.delay(self.env, "res.partner", 3)
        self.assertEqual(list(self._stored(uuid).args), ["res.partner", 3])

    def test_undecorated_function_is_refused(self):
        storage = OpenERPJobStorage(self.session)
        with self.assertRaisesRegex(
            JobFunctionError,
            "odoo.addons.test_connector.jobs.not_a_job cannot be enqueued: it is "
            "not decorated with @job",
        ):
            storage.enqueue(jobs.not_a_job, model_name="res.partner")
        self.assertFalse(
            self.env["queue.job"].search([("method_name", "like", "not_a_job")])
        )

    def test_storage_enqueue_resolve_args(self):
        storage = OpenERPJobStorage(self.session)
        uuid = storage.enqueue_resolve_args(
            jobs.record_call, "a", model_name="res.partner", priority=4, b=1
        )
        stored = self._stored(uuid)
        self.assertEqual(list(stored.args), ["res.partner", "a"])
        self.assertEqual(stored.kwargs, {"b": 1})
        self.assertEqual(stored.priority, 4)

    def test_trap_jobs_sees_and_performs_function_jobs(self):
        with trap_jobs() as trap:
            jobs.record_call.delay(self.session, "res.partner", 1)
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        self.assertEqual([call[0] for call in jobs.CALLS], ["record_call"])

    def test_synchronous_mode_runs_at_once(self):
        env = self.env(context=dict(self.env.context, queue_job__no_delay=True))
        jobs.record_call.delay(ConnectorSession.from_env(env), "res.partner", 1)
        self.assertEqual(len(jobs.CALLS), 1)


@tagged("post_install", "-at_install")
class TestFunctionJobRun(TestConnectorCase):
    """A stored function job runs the function as the user who delayed it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="function_job_user", groups="base.group_user"
        )

    def setUp(self):
        super().setUp()
        jobs.CALLS.clear()

    def _run(self, uuid):
        stored = StoredJob.load(self.env, uuid)
        return stored, stored.perform()

    def test_runs_with_a_session_of_the_enqueuing_user(self):
        session = ConnectorSession.from_env(self.env(user=self.user))
        with session.change_context(lang="en_US", unrelated_key=1):
            uuid = jobs.record_call.delay(session, "res.partner", 1, b=2)
        _stored, result = self._run(uuid)
        self.assertEqual(result, "called with res.partner (1,) {'b': 2}")
        name, job_session, args, kwargs = jobs.CALLS[0]
        self.assertEqual(name, "record_call")
        self.assertIsInstance(job_session, ConnectorSession)
        self.assertEqual(job_session.uid, self.user.id)
        self.assertEqual(job_session.context["job_uuid"], uuid)
        self.assertEqual(job_session.context["lang"], "en_US")
        self.assertNotIn("unrelated_key", job_session.context)
        self.assertEqual((args, kwargs), (("res.partner", 1), {"b": 2}))

    def test_mock_job_delay_to_direct_runs_the_function(self):
        """9.0's test helper: delay() runs the job function at once."""
        path = "odoo.addons.test_connector.jobs.record_call"
        real = jobs.record_call
        before = self.env["queue.job"].search_count([])
        with mock_job_delay_to_direct(path) as patched:
            self.assertIsNot(jobs.record_call, real)
            result = jobs.record_call.delay(
                self.env, "res.partner", 3, b=4, priority=1, eta=60, description="x"
            )
        self.assertIs(jobs.record_call, real)
        self.assertEqual(result, "called with res.partner (3,) {'b': 4}")
        self.assertEqual(jobs.CALLS[0][0], "record_call")
        self.assertEqual(patched.delay.call_count, 1)
        self.assertEqual(self.env["queue.job"].search_count([]), before)

    def test_mock_job_delay_to_direct_refuses_unknown_paths(self):
        with self.assertRaisesRegex(ValueError, "no module odoo.addons.nowhere"):
            with mock_job_delay_to_direct("odoo.addons.nowhere.jobs.f"):
                pass
        with self.assertRaisesRegex(ValueError, "has no function not_there"):
            with mock_job_delay_to_direct("odoo.addons.test_connector.jobs.not_there"):
                pass

    def test_job_functions_are_registered_with_their_options(self):
        functions = self.env["queue.job.function"]
        config = functions.job_config(
            "<connector.function.job>._function_job__test_connector__jobs__fail_retryable"
        )
        self.assertEqual(config.channel, "root.test_connector.legacy")
        self.assertEqual(config.retry_pattern, {1: 7, 3: 30})
        channel = self.env["queue.job.channel"].search(
            [("complete_name", "=", "root.test_connector.legacy")]
        )
        self.assertEqual(channel.parent_id.complete_name, "root.test_connector")

    def test_registration_keeps_existing_records(self):
        functions = self.env["queue.job.function"]
        record = functions.search([("method", "=", RECORD_CALL)])
        record.retry_pattern = {1: 99}
        self.assertFalse(functions._register_jobs())
        self.assertEqual(record.retry_pattern, {"1": 99})

    def test_retry_follows_the_function_retry_pattern(self):
        stored = StoredJob.load(
            self.env, jobs.fail_retryable.delay(self.env, "res.partner")
        )
        with self.assertRaises(RetryableJobError):
            stored.perform()
        self.assertEqual(stored.retry, 1)
        self.assertEqual(stored._get_retry_seconds(), 7)
        stored.retry = 4
        self.assertEqual(stored._get_retry_seconds(), 30)

    def test_last_retry_fails_the_job(self):
        uuid = jobs.fail_retryable.delay(self.env, "res.partner", max_retries=1)
        with self.assertRaisesRegex(FailedJobError, r"Max. retries \(1\) reached"):
            self._run(uuid)

    def test_stored_job_of_an_undecorated_function_is_refused(self):
        storage = OpenERPJobStorage(self.env)
        refused = Job(func=jobs.not_a_job, model_name="res.partner")
        storage.store(refused)
        with self.assertRaisesRegex(
            JobFunctionError,
            "odoo.addons.test_connector.jobs.not_a_job is not a function "
            "decorated with @job",
        ):
            self._run(refused.uuid)
        self.assertFalse(jobs.CALLS)

    def test_function_of_an_uninstalled_addon_is_not_run(self):
        def elsewhere(session, model_name):
            jobs.CALLS.append(("elsewhere", session, (), {}))

        elsewhere.__module__ = "odoo.addons.connector_not_installed.jobs"
        job(elsewhere)
        self.assertFalse(self.env["queue.job.function"]._register_jobs([elsewhere]))
        uuid = elsewhere.delay(self.env, "res.partner")
        with self.assertRaisesRegex(
            JobFunctionError,
            "belongs to the addon connector_not_installed, which is not installed",
        ):
            self._run(uuid)
        self.assertFalse(jobs.CALLS)


class TestLegacyJob(TestConnectorCase):
    """The 9.0 Job object and its storage."""

    def test_in_memory_job(self):
        test_job = Job(
            func=jobs.record_call, model_name="res.users", args=("o",), kwargs={"c": 1}
        )
        self.assertEqual(test_job.args, ("res.users", "o"))
        self.assertEqual(test_job.func, jobs.record_call)
        self.assertEqual(
            test_job.func_name, "odoo.addons.test_connector.jobs.record_call"
        )
        self.assertEqual(
            test_job.func_string,
            "odoo.addons.test_connector.jobs.record_call('res.users', 'o', c=1)",
        )
        result = test_job.perform(ConnectorSession.from_env(self.env))
        self.assertEqual(result, "called with res.users ('o',) {'c': 1}")
        self.assertEqual(test_job.retry, 1)

    def test_retries_counted_by_perform(self):
        test_job = Job(func=jobs.fail_retryable, model_name="m", max_retries=2)
        session = ConnectorSession.from_env(self.env)
        with self.assertRaises(RetryableJobError):
            test_job.perform(session)
        with self.assertRaises(FailedJobError):
            test_job.perform(session)
        self.assertEqual(test_job.retry, 2)
        self.assertEqual(test_job._get_retry_seconds(), 7)

    def test_ordering_and_eta(self):
        later = Job(func=jobs.record_call, eta=3600)
        sooner = Job(func=jobs.record_call, priority=1)
        self.assertGreater(later, sooner)
        self.assertLess(sooner, Job(func=jobs.record_call, priority=2))
        with self.assertRaises(TypeError):
            self.assertGreater(sooner, "a job")

    def test_bad_arguments(self):
        with self.assertRaisesRegex(TypeError, "args must be a tuple"):
            Job(func=jobs.record_call, args="abc")
        with self.assertRaisesRegex(TypeError, "kwargs must be a dict"):
            Job(func=jobs.record_call, kwargs=[])
        with self.assertRaises(NotImplementedError):
            Job(func=self.env["res.partner"].search)

    def test_store_and_load(self):
        storage = OpenERPJobStorage(ConnectorSession.from_env(self.env))
        test_job = Job(
            func=jobs.record_call,
            model_name="res.users",
            args=("o", "k"),
            kwargs={"c": "!"},
            priority=15,
            eta=datetime.now() + timedelta(hours=5),
            description="My description",
        )
        storage.store(test_job)
        self.assertTrue(storage.exists(test_job.uuid))
        read = storage.load(test_job.uuid)
        for name in ("uuid", "model_name", "func", "args", "kwargs", "func_name"):
            self.assertEqual(getattr(read, name), getattr(test_job, name), name)
        for name in ("func_string", "description", "state", "priority", "user_id"):
            self.assertEqual(getattr(read, name), getattr(test_job, name), name)
        self.assertAlmostEqual(read.eta, test_job.eta, delta=timedelta(seconds=1))
        read.set_done(result="all good")
        storage.store(read)
        again = storage.load(test_job.uuid)
        self.assertEqual(again.state, "done")
        self.assertEqual(again.result, "all good")
        storage.db_record(again).unlink()
        with self.assertRaises(NoSuchJobError):
            storage.load(test_job.uuid)


class TestFunctionJobRelatedAction(TestConnectorCase):
    """The Related button of a function job runs its 9.0 related action."""

    def _stored(self, uuid):
        return self.env["queue.job"].search([("uuid", "=", uuid)])

    def test_action_with_keyword_arguments(self):
        stored = self._stored(jobs.with_url_action.delay(self.env, "Discworld"))
        self.assertEqual(
            stored.open_related_action(),
            {
                "type": "ir.actions.act_url",
                "target": "new",
                "url": "https://example.com/Discworld",
            },
        )

    def test_job_without_related_action(self):
        stored = self._stored(jobs.record_call.delay(self.env, "res.partner", 1))
        with self.assertRaisesRegex(UserError, "No action available"):
            stored.open_related_action()

    def test_unwrap_binding(self):
        binding = self.env["connector.test.binding"].create(
            {"name": "Bound", "backend_id": self.backend_record.id}
        )
        stored = self._stored(
            jobs.export_binding.delay(self.env, "connector.test.binding", binding.id)
        )
        action = stored.open_related_action()
        # the whole action, as 9.0 returned it
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

    def test_unwrap_binding_without_inherits_opens_the_binding(self):
        binding = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend_record.id}
        )
        stored = self._stored(
            jobs.export_binding.delay(self.env, "no.inherits.binding", binding.id)
        )
        action = stored.open_related_action()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("no.inherits.binding", binding.id)
        )

    def test_unwrap_deleted_binding(self):
        binding = self.env["connector.test.binding"].create(
            {"name": "Bound", "backend_id": self.backend_record.id}
        )
        stored = self._stored(
            jobs.export_binding.delay(self.env, "connector.test.binding", binding.id)
        )
        binding.unlink()
        with self.assertRaisesRegex(UserError, "No action available"):
            stored.open_related_action()

    def test_function_with_only_a_related_action(self):
        """9.0 stored such jobs and opened their related action; running
        them is refused (only @job functions run)."""
        jobs.CALLS.clear()
        job_ = Job(func=jobs.related_only, args=("Discworld",))
        OpenERPJobStorage(self.env).store(job_)
        stored = self._stored(job_.uuid)
        self.assertEqual(
            stored.open_related_action()["url"], "https://example.com/Discworld"
        )
        with self.assertRaisesRegex(JobFunctionError, "related_only is not a function"):
            StoredJob.load(self.env, job_.uuid).perform()
        self.assertFalse(jobs.CALLS)

    def test_method_job_is_no_legacy_job(self):
        binding = self.env["connector.test.binding"].create(
            {"name": "Bound", "backend_id": self.backend_record.id}
        )
        uuid = binding.with_delay().job_related_action_unwrap().uuid
        with self.assertRaisesRegex(NotReadableJobError, "not a 9.0 job function"):
            OpenERPJobStorage(self.env).load(uuid)

    @mute_logger("odoo.addons.connector.models.queue_job")
    def test_failing_related_action(self):
        uuid = jobs.with_broken_action.delay(self.env, "res.partner")
        with self.assertRaisesRegex(
            UserError,
            f"The related action of job {uuid} \\(Job whose related action fails\\) "
            "failed: the related action divided by zero",
        ):
            self._stored(uuid).open_related_action()


@tagged("post_install", "-at_install")
class TestFunctionJobThroughRunjob(TestConnectorCase, HttpCase):
    """Function jobs run by queue_job's /queue_job/runjob controller."""

    def setUp(self):
        super().setUp()
        jobs.CALLS.clear()

    def run_job(self, uuid, status=200):
        stored = StoredJob.load(self.env, uuid)
        stored.set_enqueued()
        stored.store()
        self.env.flush_all()
        response = self.url_open(
            f"/queue_job/runjob?db={self.env.cr.dbname}&job_uuid={uuid}", timeout=60
        )
        # a failing job answers 500 (queue_job re-raises the job's error)
        self.assertEqual(response.status_code, status)
        self.env.invalidate_all()
        return self.env["queue.job"].search([("uuid", "=", uuid)])

    def test_done(self):
        record = self.run_job(jobs.record_call.delay(self.env, "res.partner", 5))
        self.assertEqual(record.state, "done")
        self.assertEqual(record.result, "called with res.partner (5,) {}")
        self.assertEqual(record.retry, 1)

    def test_retryable_error_postpones_with_the_retry_pattern(self):
        record = self.run_job(jobs.fail_retryable.delay(self.env, "res.partner"))
        self.assertEqual(len(jobs.CALLS), 1)
        if STATE_IN_OTHER_CURSOR:
            return
        self.assertEqual(record.state, "pending")
        self.assertEqual(record.retry, 1)
        self.assertAlmostEqual(
            record.eta,
            datetime.now() + timedelta(seconds=7),
            delta=timedelta(seconds=5),
        )

    def test_nothing_to_do_ends_done(self):
        record = self.run_job(jobs.nothing_to_do.delay(self.env, "res.partner"))
        self.assertEqual(record.state, "done")
        self.assertEqual(record.result, "the record was already exported")

    @mute_logger("odoo.addons.queue_job.controllers.main", "odoo.http")
    def test_undecorated_function_fails_the_job(self):
        refused = Job(func=jobs.not_a_job, model_name="res.partner")
        OpenERPJobStorage(self.env).store(refused)
        record = self.run_job(refused.uuid, status=500)
        self.assertFalse(jobs.CALLS)
        if STATE_IN_OTHER_CURSOR:
            return
        self.assertEqual(record.state, "failed")
        self.assertIn("is not a function decorated with @job", record.exc_info)
        self.assertFalse(jobs.CALLS)
