# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import SUPERUSER_ID, api

from odoo.addons.connector.connector import (
    Binder,
    ConnectorEnvironment,
    ConnectorUnit,
    pg_try_advisory_lock,
)
from odoo.addons.connector.exception import NoConnectorUnitError, RetryableJobError
from odoo.addons.connector.session import ConnectorSession
from odoo.addons.test_connector.backend import test_backend_1
from odoo.addons.test_connector.units import ConnectorTestBinder, LegacyTestBinder

from .common import TestConnectorCase

BINDING = "connector.test.binding"
LEGACY_BINDING = "connector.test.legacy.binding"


class LegacyApiEnvironment(ConnectorEnvironment):
    """A 9.0-style environment carrying an API client."""

    _propagate_kwargs = ["api"]

    def __init__(self, backend_record, session, model_name, api=None):
        super().__init__(backend_record, session, model_name)
        self.api = api


class ModernApiEnvironment(ConnectorEnvironment):
    """A 10.0-style environment: no session argument."""

    _propagate_kwargs = ["api"]

    def __init__(self, backend_record, model_name, api=None):
        super().__init__(backend_record, model_name)
        self.api = api


class TestConnectorEnvironment(TestConnectorCase):
    """Both call forms of ConnectorEnvironment and unit lookups."""

    def test_90_form_with_an_environment(self):
        env = ConnectorEnvironment(self.backend_record, self.env, BINDING)
        self.assertIs(env.backend, test_backend_1)
        self.assertEqual(env.backend_record, self.backend_record)
        self.assertIs(env.session, self.env)
        self.assertIs(env.env, self.env)
        self.assertEqual(env.model_name, BINDING)
        self.assertEqual(env.model._name, BINDING)
        self.assertIs(env.pool, self.env.registry)

    def test_90_form_with_a_session(self):
        session = ConnectorSession.from_env(self.env(context={"marker": 1}))
        env = ConnectorEnvironment(self.backend_record, session, BINDING)
        self.assertIs(env.session, session)
        self.assertIs(env.env, session.env)
        self.assertEqual(env.model.env.context["marker"], 1)

    def test_100_form(self):
        backend_record = self.backend_record.with_context(marker=2)
        env = ConnectorEnvironment(backend_record, BINDING)
        self.assertEqual(env.model_name, BINDING)
        self.assertEqual(env.env.context["marker"], 2)
        self.assertIs(env.backend, test_backend_1)

    def test_100_subclass_calling_super_with_two_arguments(self):
        env = ModernApiEnvironment(self.backend_record, BINDING, api="client")
        self.assertEqual(env.api, "client")
        self.assertEqual(env.model_name, BINDING)
        self.assertEqual(env.env, self.backend_record.env)

    def test_model_name_is_required(self):
        with self.assertRaisesRegex(TypeError, "expects a model name"):
            ConnectorEnvironment(self.backend_record, self.env)

    def test_backend_record_must_be_a_backend(self):
        partner = self.env["res.partner"].create({"name": "Not a backend"})
        with self.assertRaises(TypeError) as caught:
            ConnectorEnvironment(partner, BINDING)
        self.assertEqual(
            str(caught.exception),
            "ConnectorEnvironment expects a record of a backend model (one "
            f"inheriting connector.backend), got res.partner({partner.id},) (for "
            f"the units of {BINDING})",
        )

    def test_one_backend_record(self):
        other = self.env["test.backend"].create({"name": "Other", "version": "1"})
        for records in (self.env["test.backend"], self.backend_record | other):
            with self.subTest(records=records):
                with self.assertRaises(ValueError) as caught:
                    ConnectorEnvironment(records, BINDING)
                self.assertEqual(
                    str(caught.exception),
                    f"ConnectorEnvironment expects one backend record, got "
                    f"{records!r} (for the units of {BINDING})",
                )

    def test_create_environment_both_forms(self):
        env90 = ConnectorEnvironment.create_environment(
            self.backend_record, self.env, BINDING
        )
        env100 = ConnectorEnvironment.create_environment(self.backend_record, BINDING)
        for env in (env90, env100):
            self.assertIs(type(env), ConnectorEnvironment)
            self.assertEqual(env.model_name, BINDING)

    def test_create_environment_propagates_kwargs(self):
        source = LegacyApiEnvironment(
            self.backend_record, self.env, BINDING, api="client"
        )
        new = LegacyApiEnvironment.create_environment(
            self.backend_record, self.env, LEGACY_BINDING, connector_env=source
        )
        self.assertIs(type(new), LegacyApiEnvironment)
        self.assertEqual(new.api, "client")
        self.assertEqual(new.model_name, LEGACY_BINDING)
        modern = ModernApiEnvironment(self.backend_record, BINDING, api="client")
        new = ModernApiEnvironment.create_environment(
            self.backend_record, LEGACY_BINDING, modern
        )
        self.assertIs(type(new), ModernApiEnvironment)
        self.assertEqual(new.api, "client")

    def test_get_connector_unit(self):
        env = ConnectorEnvironment(self.backend_record, self.env, BINDING)
        binder = env.get_connector_unit(Binder)
        self.assertIsInstance(binder, ConnectorTestBinder)
        self.assertIs(binder.connector_env, env)
        # a new instance each time
        self.assertIsNot(env.get_connector_unit(Binder), binder)

    def test_get_connector_unit_falls_back_to_the_parent_backend(self):
        """The record is of version 1; the binders are on the generic backend."""
        self.assertIs(self.backend_record.get_backend(), test_backend_1)
        env = ConnectorEnvironment(self.backend_record, self.env, BINDING)
        self.assertIsInstance(env.get_connector_unit(Binder), ConnectorTestBinder)

    def test_unit_class_asked_for_a_model_it_does_not_serve(self):
        env = ConnectorEnvironment(self.backend_record, self.env, LEGACY_BINDING)
        with self.assertRaisesRegex(
            NoConnectorUnitError,
            f"ConnectorTestBinder with model name: {LEGACY_BINDING} on "
            "Backend\\('test_connector', '1'\\)",
        ):
            env.get_connector_unit(ConnectorTestBinder)

    def test_get_connector_unit_for_a_model_without_unit(self):
        env = ConnectorEnvironment(self.backend_record, self.env, "res.partner")
        with self.assertRaisesRegex(NoConnectorUnitError, "Binder.*res.partner"):
            env.get_connector_unit(Binder)


class TestConnectorUnit(TestConnectorCase):
    """ConnectorUnit's properties and its hops between models."""

    def setUp(self):
        super().setUp()
        self.connector_env = ConnectorEnvironment(
            self.backend_record, self.env, BINDING
        )
        self.unit = self.connector_env.get_connector_unit(Binder)

    def test_properties(self):
        unit = self.unit
        self.assertIs(unit.connector_env, self.connector_env)
        self.assertIs(unit.backend, test_backend_1)
        self.assertEqual(unit.backend_record, self.backend_record)
        self.assertIs(unit.session, self.env)
        self.assertIs(unit.env, self.env)
        self.assertEqual(unit.model._name, BINDING)
        self.assertEqual(unit.localcontext, self.env.context)

    def test_unit_for_the_same_model_keeps_the_environment(self):
        other = self.unit.unit_for(Binder)
        self.assertIs(other.connector_env, self.connector_env)
        other = self.unit.unit_for(Binder, model=BINDING)
        self.assertIs(other.connector_env, self.connector_env)
        self.assertIsNot(other, self.unit)

    def test_unit_for_another_model(self):
        other = self.unit.unit_for(Binder, model=LEGACY_BINDING)
        self.assertIsInstance(other, LegacyTestBinder)
        self.assertIsNot(other.connector_env, self.connector_env)
        self.assertEqual(other.connector_env.model_name, LEGACY_BINDING)
        self.assertIsInstance(self.unit.binder_for(LEGACY_BINDING), LegacyTestBinder)
        self.assertIsInstance(self.unit.binder_for(), ConnectorTestBinder)

    def test_unit_for_keeps_the_environment_class_and_kwargs(self):
        for env_class, args in [
            (LegacyApiEnvironment, (self.backend_record, self.env, BINDING)),
            (ModernApiEnvironment, (self.backend_record, BINDING)),
        ]:
            with self.subTest(env_class=env_class.__name__):
                connector_env = env_class(*args, api="client")
                unit = connector_env.get_connector_unit(Binder)
                other = unit.unit_for(Binder, model=LEGACY_BINDING)
                self.assertIs(type(other.connector_env), env_class)
                self.assertEqual(other.connector_env.api, "client")
                self.assertEqual(other.model._name, LEGACY_BINDING)

    def test_unit_for_a_model_without_unit(self):
        class Anything(ConnectorUnit):
            pass

        with self.assertRaisesRegex(NoConnectorUnitError, "Anything.*res.partner"):
            self.unit.unit_for(Anything, model="res.partner")

    def test_advisory_lock_or_retry(self):
        lock = f"import_record(test.backend, {self.backend_record.id}, {BINDING}, 42)"
        # free: acquired, nothing raised
        self.assertIsNone(self.unit.advisory_lock_or_retry(lock + " free"))
        with self.registry.cursor() as cr2:
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env2, lock))
            with self.assertRaises(RetryableJobError) as cm:
                self.unit.advisory_lock_or_retry(lock, retry_seconds=3)
            self.assertEqual(cm.exception.seconds, 3)
            self.assertTrue(cm.exception.ignore_retry)
            self.assertIn(lock, str(cm.exception))
            with self.assertRaises(RetryableJobError) as cm:
                self.unit.advisory_lock_or_retry(lock)
            self.assertEqual(cm.exception.seconds, 1)
            cr2.rollback()
        # the other transaction ended: the lock is ours
        self.assertIsNone(self.unit.advisory_lock_or_retry(lock))
