# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import functools

from odoo import api
from odoo.tests import TransactionCase

from odoo.addons.connector.event import (
    Event,
    no_connector_export,
    on_record_create,
    on_record_unlink,
    on_record_write,
    skip_if_no_connector_export,
)
from odoo.addons.connector.session import ConnectorSession

UNINSTALLED_MODULE = "odoo.addons.some_uninstalled_addon.models"


class Recorder:
    """Consumers that record their calls in one list, in call order."""

    def __init__(self):
        self.calls = []

    def consumer(self, tag):
        """A consumer (10.0 signature) appending ``(tag, env, args, kwargs)``."""

        def consume(env, model_name, *args, **kwargs):
            self.calls.append((tag, env, model_name, args, kwargs))

        consume.__name__ = f"consume_{tag}"
        return consume

    def session_consumer(self, tag):
        """A consumer with the 9.0 signature (first parameter ``session``)."""

        def consume(session, model_name, *args, **kwargs):
            self.calls.append((tag, session, model_name, args, kwargs))

        return consume

    @property
    def tags(self):
        return [call[0] for call in self.calls]


class TestEvent(TransactionCase):
    """Subscriptions, firing and filtering of events."""

    def setUp(self):
        super().setUp()
        self.event = Event()
        self.recorder = Recorder()

    def test_subscribe_global_consumer(self):
        consumer = self.recorder.consumer("global")
        self.event.subscribe(consumer)
        self.event.fire(self.env, "res.partner", 1)
        self.event.fire(self.env, "res.users", 2)
        self.assertEqual(self.recorder.tags, ["global", "global"])
        self.assertEqual(self.recorder.calls[0][2:], ("res.partner", (1,), {}))
        self.assertTrue(self.event.has_consumer_for(self.env, "any.model"))

    def test_subscribe_for_models(self):
        consumer = self.recorder.consumer("partner")
        self.event.subscribe(consumer, model_names=["res.partner", "res.users"])
        self.event.fire(self.env, "res.partner", 1)
        self.event.fire(self.env, "res.company", 2)
        self.event.fire(self.env, "res.users", 3)
        self.assertEqual(
            [call[3] for call in self.recorder.calls], [(1,), (3,)], "not for company"
        )
        self.assertTrue(self.event.has_consumer_for(self.env, "res.users"))
        self.assertFalse(self.event.has_consumer_for(self.env, "res.company"))

    def test_model_name_as_plain_string(self):
        """A single model name is not iterated over as characters."""
        self.event.subscribe(self.recorder.consumer("one"), model_names="res.partner")
        self.assertTrue(self.event.has_consumer_for(self.env, "res.partner"))
        self.assertFalse(self.event.has_consumer_for(self.env, "r"))
        self.event.fire(self.env, "r")
        self.assertEqual(self.recorder.calls, [])

    def test_nobody_listens(self):
        self.assertFalse(self.event.has_consumer_for(self.env, "res.partner"))
        self.event.fire(self.env, "res.partner", 1)
        self.assertEqual(self.recorder.calls, [])

    def test_unsubscribe(self):
        consumer = self.recorder.consumer("partner")
        self.event.subscribe(consumer, model_names="res.partner")
        self.event.unsubscribe(consumer, model_names="res.partner")
        self.event.fire(self.env, "res.partner", 1)
        self.assertEqual(self.recorder.calls, [])
        self.assertFalse(self.event.has_consumer_for(self.env, "res.partner"))

    def test_unsubscribe_only_the_given_models(self):
        """Unsubscribing without model names removes the global subscription
        only."""
        consumer = self.recorder.consumer("both")
        self.event.subscribe(consumer)
        self.event.subscribe(consumer, model_names="res.partner")
        self.event.unsubscribe(consumer)
        self.event.fire(self.env, "res.users", 1)
        self.event.fire(self.env, "res.partner", 2)
        self.assertEqual([call[3] for call in self.recorder.calls], [(2,)])

    def test_unsubscribe_unknown_consumer_does_nothing(self):
        """Unsubscribing a consumer never subscribed raises nothing and
        leaves the subscriptions as they were."""
        self.event.subscribe(self.recorder.consumer("kept"), model_names="res.partner")
        self.event.unsubscribe(self.recorder.consumer("never"))
        self.event.unsubscribe(self.recorder.consumer("never"), model_names="x.y")
        self.event.unsubscribe(
            self.recorder.consumer("never"), model_names="res.partner"
        )
        self.assertTrue(self.event.has_consumer_for(self.env, "res.partner"))
        self.assertFalse(self.event.has_consumer_for(self.env, "x.y"))
        self.event.fire(self.env, "res.partner", 1)
        self.assertEqual(self.recorder.tags, ["kept"])

    def test_replacing(self):
        original = self.recorder.consumer("original")
        replacement = self.recorder.consumer("replacement")
        self.event.subscribe(original, model_names="res.partner")
        self.event.subscribe(replacement, model_names="res.partner", replacing=original)
        self.event.fire(self.env, "res.partner", 1)
        self.assertEqual(self.recorder.tags, ["replacement"])

    def test_replacing_keeps_other_models(self):
        """``replacing`` only unsubscribes for the same model names."""
        original = self.recorder.consumer("original")
        replacement = self.recorder.consumer("replacement")
        self.event.subscribe(original, model_names=["res.partner"])
        self.event.subscribe(original, model_names=["res.users"])
        self.event.subscribe(
            replacement, model_names=["res.partner"], replacing=original
        )
        self.event.fire(self.env, "res.users", 1)
        self.event.fire(self.env, "res.partner", 2)
        self.assertEqual(self.recorder.tags, ["original", "replacement"])

    def test_decorator_without_arguments(self):
        consume = self.recorder.consumer("deco")
        decorated = self.event(consume)
        self.assertIs(decorated, consume)
        self.event.fire(self.env, "res.partner", 1)
        self.assertEqual(self.recorder.tags, ["deco"])

    def test_decorator_with_arguments(self):
        original = self.recorder.consumer("original")
        self.event.subscribe(original, model_names=["res.partner"])

        @self.event(model_names=["res.partner"], replacing=original)
        def replacement(env, model_name, record_id):
            self.recorder.calls.append(("replacement", env, model_name, ()))

        self.assertTrue(callable(replacement), "the function is given back")
        self.event.fire(self.env, "res.partner", 1)
        self.event.fire(self.env, "res.users", 1)
        self.assertEqual(self.recorder.tags, ["replacement"])

    def test_decorator_as_plain_call(self):
        consume = self.recorder.consumer("call")
        self.assertIs(self.event(consume, model_names="res.users"), consume)
        self.event.fire(self.env, "res.users")
        self.event.fire(self.env, "res.partner")
        self.assertEqual(self.recorder.tags, ["call"])

    def test_decorator_refuses_positional_arguments(self):
        with self.assertRaisesRegex(TypeError, "by keyword"):
            self.event("res.partner")

    def test_global_consumers_are_called_first(self):
        for index in range(5):
            self.event.subscribe(
                self.recorder.consumer(f"model{index}"), model_names="res.partner"
            )
        for index in range(5):
            self.event.subscribe(self.recorder.consumer(f"global{index}"))
        self.event.fire(self.env, "res.partner")
        tags = self.recorder.tags
        self.assertEqual(len(tags), 10)
        self.assertTrue(all(tag.startswith("global") for tag in tags[:5]), tags)
        self.assertTrue(all(tag.startswith("model") for tag in tags[5:]), tags)

    def test_arguments_are_passed(self):
        self.event.subscribe(self.recorder.consumer("args"))
        self.event.fire(self.env, "res.partner", 1, {"name": "x"}, fields=["name"])
        tag, env, model_name, args, kwargs = self.recorder.calls[0]
        self.assertIs(env, self.env)
        self.assertEqual(model_name, "res.partner")
        self.assertEqual(args, (1, {"name": "x"}))
        self.assertEqual(kwargs, {"fields": ["name"]})

    def test_exception_propagates(self):
        def failing(env, model_name):
            raise ZeroDivisionError("consumer failed")

        self.event.subscribe(failing)
        with self.assertRaisesRegex(ZeroDivisionError, "consumer failed"):
            self.event.fire(self.env, "res.partner")

    def test_consumer_of_uninstalled_addon_is_ignored(self):
        consumer = self.recorder.consumer("uninstalled")
        consumer.__module__ = UNINSTALLED_MODULE
        self.event.subscribe(consumer, model_names="res.partner")
        self.event.subscribe(self.recorder.consumer("installed"))
        self.event.fire(self.env, "res.partner")
        self.assertEqual(self.recorder.tags, ["installed"])

    def test_has_consumer_for_ignores_uninstalled_addons(self):
        consumer = self.recorder.consumer("uninstalled")
        consumer.__module__ = UNINSTALLED_MODULE
        self.event.subscribe(consumer)
        self.assertFalse(self.event.has_consumer_for(self.env, "res.partner"))
        session = ConnectorSession.from_env(self.env)
        self.assertFalse(self.event.has_consumer_for(session, "res.partner"))

    def test_session_is_asked_which_addons_are_installed(self):
        """Given a 9.0 session, the session tells which addons are installed."""

        class AllInstalledSession(ConnectorSession):
            def is_module_installed(self, module_name):
                return True

        consumer = self.recorder.consumer("uninstalled")
        consumer.__module__ = UNINSTALLED_MODULE
        self.event.subscribe(consumer)
        session = AllInstalledSession.from_env(self.env)
        self.assertTrue(self.event.has_consumer_for(session, "res.partner"))
        self.event.fire(session, "res.partner")
        self.assertEqual(self.recorder.tags, ["uninstalled"])
        self.event.fire(self.env, "res.partner")
        self.assertEqual(self.recorder.tags, ["uninstalled"], "not with an env")

    def test_session_double_is_asked_which_addons_are_installed(self):
        """Any object with is_module_installed is a session, as in 9.0, even
        one that is no ConnectorSession and has no env."""

        class SessionDouble:
            def __init__(self, installed):
                self.installed = installed
                self.asked = []

            def is_module_installed(self, module_name):
                self.asked.append(module_name)
                return module_name in self.installed

        uninstalled = self.recorder.consumer("uninstalled")
        uninstalled.__module__ = UNINSTALLED_MODULE
        self.event.subscribe(uninstalled)
        self.event.subscribe(self.recorder.session_consumer("session"))
        nothing_installed = SessionDouble(installed=())
        self.assertFalse(self.event.has_consumer_for(nothing_installed, "res.partner"))
        self.assertIn("some_uninstalled_addon", nothing_installed.asked)
        double = SessionDouble(installed=("some_uninstalled_addon",))
        self.event.fire(double, "res.partner", 7)
        self.assertEqual(self.recorder.tags, ["uninstalled"])
        self.assertIs(self.recorder.calls[0][1], double)

    def test_consumer_addon_of_partial(self):
        """A ``functools.partial`` belongs to the addon of its function."""
        calls = []

        def consume(tag, env, model_name):
            calls.append(tag)

        consume.__module__ = UNINSTALLED_MODULE
        self.event.subscribe(functools.partial(consume, "partial"))
        self.event.fire(self.env, "res.partner")
        self.assertEqual(calls, [])

    def test_session_or_env_given_by_parameter_name(self):
        """A ``session`` first parameter gets a ConnectorSession, others the
        environment, whichever of both fires the event."""
        self.event.subscribe(self.recorder.session_consumer("legacy"))
        self.event.subscribe(self.recorder.consumer("modern"), model_names="res.users")
        session = ConnectorSession.from_env(self.env)
        for source in (self.env, session):
            self.recorder.calls.clear()
            self.event.fire(source, "res.users", 7)
            received = {call[0]: call[1] for call in self.recorder.calls}
            self.assertIsInstance(received["legacy"], ConnectorSession)
            self.assertIs(received["legacy"].env, self.env)
            self.assertIsInstance(received["modern"], api.Environment)
            self.assertIs(received["modern"], self.env)
        self.assertIs(received["legacy"], session, "the session fired is reused")

    def test_uninspectable_consumer_gets_the_env(self):
        """A callable without a readable signature receives the env."""
        received = []

        class Consumer:
            __signature__ = "unreadable"  # inspect.signature() raises TypeError

            def __call__(self, *args):
                received.append(args[0])

        self.event.subscribe(Consumer())
        self.event.fire(self.env, "res.partner")
        self.assertEqual(received, [self.env])

    def test_builtin_consumer_belongs_to_no_installed_addon(self):
        calls = []
        self.event.subscribe(calls.append)
        self.assertFalse(self.event.has_consumer_for(self.env, "res.partner"))

    def test_subscribe_non_callable(self):
        with self.assertRaisesRegex(TypeError, r"callable.*'not a function'"):
            self.event.subscribe("not a function")
        with self.assertRaisesRegex(TypeError, "callable.*42"):
            self.event.subscribe(42, model_names="res.partner")
        self.assertFalse(self.event.has_consumer_for(self.env, "res.partner"))

    def test_subscribe_with_non_string_model_name(self):
        with self.assertRaisesRegex(TypeError, "model names.*42"):
            self.event.subscribe(self.recorder.consumer("x"), model_names=[42])

    def test_fire_with_model_that_is_not_a_string(self):
        self.event.subscribe(self.recorder.consumer("x"))
        partner_model = self.env["res.partner"]
        for wrong in (partner_model, None, 42):
            with (
                self.subTest(model=wrong),
                self.assertRaisesRegex(TypeError, "model name"),
            ):
                self.event.fire(self.env, wrong, 1)
        self.assertEqual(self.recorder.calls, [])

    def test_the_producer_events_are_events(self):
        for event in (on_record_create, on_record_write, on_record_unlink):
            self.assertIsInstance(event, Event)


class TestNoConnectorExport(TransactionCase):
    """Consumers skipping the changes made by the connector itself."""

    def test_no_connector_export(self):
        self.assertFalse(no_connector_export(self.env))
        no_export = self.env(context=dict(self.env.context, connector_no_export=True))
        self.assertTrue(no_connector_export(no_export))
        self.assertTrue(no_connector_export(ConnectorSession.from_env(no_export)))
        self.assertTrue(no_connector_export(no_export["res.partner"]))
        modern = self.env(context=dict(self.env.context, no_connector_export=True))
        self.assertTrue(no_connector_export(modern))

    def test_skip_if_no_connector_export(self):
        event = Event()
        calls = []

        @event(model_names="res.partner")
        @skip_if_no_connector_export
        def delay_export(session, model_name, record_id, vals):
            calls.append((session, record_id))

        self.assertEqual(delay_export.__name__, "delay_export")
        self.assertEqual(delay_export.__module__, __name__)
        no_export = self.env(context=dict(self.env.context, connector_no_export=True))
        event.fire(no_export, "res.partner", 1, {})
        self.assertEqual(calls, [])
        event.fire(self.env, "res.partner", 2, {})
        self.assertEqual(len(calls), 1)
        session, record_id = calls[0]
        self.assertEqual(record_id, 2)
        self.assertIsInstance(session, ConnectorSession, "signature kept")
