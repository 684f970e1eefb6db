# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.connector import (
    Binder,
    ConnectorEnvironment,
    _binder_lookup_memo,
)
from odoo.addons.connector.exception import BindingError

from .common import TestConnectorCase

BINDING = "connector.test.binding"
LEGACY_BINDING = "connector.test.legacy.binding"


class TestBinderCase(TestConnectorCase):
    def _binder(self, model_name, env=None):
        return self.unit(Binder, model_name, env=env)

    def _binding(self, model_name=BINDING, name="Bound record", **vals):
        """A binding without external id (see ``create_binding``)."""
        return self.create_binding(model_name, None, name=name, **vals)


class TestBinder(TestBinderCase):
    """The default binder on a 10.0-style binding (odoo_id, char ids)."""

    def setUp(self):
        super().setUp()
        self.binder = self._binder(BINDING)
        self.binding = self._binding()

    def test_bind_and_round_trip(self):
        self.binder.bind("10", self.binding)
        self.assertEqual(self.binding.external_id, "10")
        self.assertTrue(self.binding.sync_date)
        self.assertEqual(self.binder.to_openerp("10"), self.binding)
        self.assertEqual(self.binder.to_internal("10"), self.binding)
        self.assertEqual(
            self.binder.to_openerp("10", unwrap=True), self.binding.odoo_id
        )
        self.assertEqual(self.binder.to_backend(self.binding.id), "10")
        self.assertEqual(self.binder.to_backend(self.binding), "10")
        self.assertEqual(self.binder.to_external(self.binding), "10")
        self.assertEqual(
            self.binder.to_backend(self.binding.odoo_id.id, wrap=True), "10"
        )
        self.assertEqual(self.binder.to_external(self.binding.odoo_id, wrap=True), "10")

    def test_bind_by_id(self):
        self.binder.bind("11", self.binding.id)
        self.assertEqual(self.binding.external_id, "11")

    def test_external_ids_are_strings(self):
        self.binder.bind(12, self.binding)
        self.assertEqual(self.binding.external_id, "12")
        self.assertEqual(self.binder.to_openerp(12), self.binding)
        self.assertEqual(self.binder.to_openerp("12"), self.binding)

    def test_zero_is_an_external_id(self):
        self.binder.bind(0, self.binding)
        self.assertEqual(self.binding.external_id, "0")
        self.assertEqual(self.binder.to_openerp(0), self.binding)
        self.assertEqual(self.binder.to_openerp("0", unwrap=True), self.binding.odoo_id)

    def test_bind_does_not_trigger_exports(self):
        self.binding.write({"name": "plain write"})
        self.assertFalse(self.binding.last_write_no_export)
        self.binder.bind("13", self.binding)
        self.assertTrue(self.binding.last_write_no_export)

    def test_unknown_external_id(self):
        self.assertEqual(self.binder.to_openerp("404"), self.env[BINDING])
        unwrapped = self.binder.to_openerp("404", unwrap=True)
        self.assertEqual(unwrapped._name, "connector.test.record")
        self.assertFalse(unwrapped)

    def test_empty_external_ids_find_nothing_without_searching(self):
        """An unbound binding exists: an empty id must not find it."""
        self.assertFalse(self.binding.external_id)
        for empty in (None, False, True, ""):
            with self.subTest(external_id=empty), self.assertQueryCount(0):
                self.assertEqual(self.binder.to_openerp(empty), self.env[BINDING])
                unwrapped = self.binder.to_openerp(empty, unwrap=True)
                self.assertEqual(unwrapped, self.env["connector.test.record"])

    def test_archived_bindings_are_found(self):
        self.binder.bind("14", self.binding)
        self.binding.active = False
        self.assertFalse(self.env[BINDING].search([("external_id", "=", "14")]))
        found = self.binder.to_openerp("14")
        self.assertEqual(found, self.binding)
        # the caller's context comes back: active_test=False does not leak
        self.assertNotIn("active_test", found.env.context)
        self.assertEqual(self.binder.to_backend(self.binding.odoo_id, wrap=True), "14")

    def test_lookups_are_per_backend(self):
        other_backend = self.env["test.backend"].create(
            {"name": "Other", "version": "1"}
        )
        other = self._binding(name="Other", backend=other_backend)
        self.binder.bind("15", self.binding)
        self.unit(Binder, BINDING, backend=other_backend).bind("15", other)
        self.assertEqual(self.binder.to_openerp("15"), self.binding)
        self.assertEqual(self.binder.to_backend(other.odoo_id, wrap=True), None)

    def test_to_backend_without_external_id(self):
        self.assertFalse(self.binder.to_backend(self.binding))

    def test_to_backend_wrap_of_an_unbound_record(self):
        record = self.env["connector.test.record"].create({"name": "unbound"})
        self.assertIsNone(self.binder.to_backend(record.id, wrap=True))
        self.assertIsNone(self.binder.to_external(record, wrap=True))

    def test_unwrap_binding(self):
        record = self.binding.odoo_id
        self.assertEqual(self.binder.unwrap_binding(self.binding), record)
        self.assertEqual(self.binder.unwrap_binding(self.binding.id), record.id)
        self.assertEqual(
            self.binder.unwrap_binding(self.binding.id, browse=True), record
        )

    def test_unwrap_model(self):
        self.assertEqual(self.binder.unwrap_model(), "connector.test.record")


class TestBinderLookupPaths(TestBinderCase):
    """A lookup is one plain SQL statement when the ORM would add nothing to
    it, the ORM's search otherwise: both find the same bindings."""

    def setUp(self):
        super().setUp()
        self.binder = self._binder(BINDING)
        self.binding = self._binding()
        self.binder.bind("20", self.binding)
        self.fetch = ["odoo_id", "sync_date"]

    def _orm_search(self, binder, external_id):
        return binder.model.with_context(active_test=False).search_fetch(
            [
                ("external_id", "=", external_id),
                ("backend_id", "=", binder.backend_record.id),
            ],
            self.fetch,
        )

    def test_plain_path_finds_what_the_orm_finds(self):
        names = ["external_id", "backend_id", *self.fetch]
        self.assertTrue(Binder._plain_lookup(self.binder.model, names))
        archived = self._binding(name="Archived")
        self.binder.bind("21", archived)
        archived.active = False
        for external_id in ("20", "21", "404"):
            with self.subTest(external_id=external_id):
                self.assertEqual(
                    self.binder._search_bindings(external_id, self.fetch),
                    self._orm_search(self.binder, external_id),
                )

    def test_plain_path_sees_pending_writes_and_fills_the_cache(self):
        self.binding.external_id = "22"  # not flushed yet
        self.assertEqual(self.binder._search_bindings("22", self.fetch), self.binding)
        self.env.invalidate_all()
        found = self.binder._search_bindings("22", self.fetch)
        self.assertEqual(found, self.binding)
        with self.assertQueryCount(0):
            self.assertTrue(found.sync_date)
            self.assertEqual(found.odoo_id, self.binding.odoo_id)

    def test_record_rules_are_applied(self):
        """A global multi-company rule on the binding model: a user of
        another company does not find the binding, as with the ORM."""
        company = self.env["res.company"].create({"name": "Other company"})
        self.binding.company_id = self.env.company
        user = self.env["res.users"].create(
            {
                "name": "Connector manager of the other company",
                "login": "binder_rules_user",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [
                    (6, 0, self.env.ref("connector.group_connector_manager").ids)
                ],
            }
        )
        binder = self._binder(BINDING, env=self.env(user=user))
        names = ["external_id", "backend_id", *self.fetch]
        self.assertFalse(Binder._plain_lookup(binder.model, names))
        self.assertFalse(binder.to_internal("20"))
        self.binding.company_id = company
        self.assertEqual(binder.to_internal("20").id, self.binding.id)

    def test_inherited_fields_take_the_orm_path(self):
        """``name`` is a field of the bound record (``_inherits``): not a
        column of the binding's table."""
        self.assertFalse(
            Binder._plain_lookup(self.binder.model, ["external_id", "name"])
        )


class TestBinderBadInput(TestBinderCase):
    """Clear errors, and nothing half-written."""

    def setUp(self):
        super().setUp()
        self.binder = self._binder(BINDING)
        self.binding = self._binding()

    def test_bind_refuses_empty_external_ids(self):
        for empty in (None, False, True, ""):
            with self.subTest(external_id=empty):
                with self.assertRaises(BindingError) as cm:
                    self.binder.bind(empty, self.binding)
                self.assertIsInstance(cm.exception, AssertionError)
                self.assertIn(repr(empty), str(cm.exception))
        self.assertFalse(self.binding.external_id)
        self.assertFalse(self.binding.sync_date)

    def test_binder_of_a_model_that_is_no_binding(self):
        class RecordBinder(Binder):
            _model_name = "connector.test.record"

        binder = RecordBinder(
            ConnectorEnvironment(self.backend_record, "connector.test.record")
        )
        record = self.env["connector.test.record"].create({"name": "Plain"})
        for call in (
            lambda: binder.to_internal("1"),
            lambda: binder.to_external(record),
            lambda: binder.bind("1", record),
        ):
            with self.assertRaises(BindingError) as caught:
                call()
            self.assertEqual(
                str(caught.exception),
                "RecordBinder (binder of connector.test.record on "
                "Backend('test_connector', '1')) reads the field 'external_id' "
                "(_external_field), which connector.test.record does not have: is "
                "it a binding model (inheriting external.binding, with backend_id "
                "and external_id)? Else set _external_field to its field.",
            )

    def test_bind_refuses_a_missing_binding(self):
        for missing in (None, False, self.env[BINDING]):
            with self.subTest(binding=missing):
                with self.assertRaisesRegex(BindingError, "binding missing"):
                    self.binder.bind("16", missing)

    def test_binding_of_another_model(self):
        legacy = self._binding(LEGACY_BINDING)
        with self.assertRaisesRegex(BindingError, f"{BINDING}.*{LEGACY_BINDING}"):
            self.binder.bind("17", legacy)
        with self.assertRaisesRegex(BindingError, LEGACY_BINDING):
            self.binder.to_backend(legacy)
        with self.assertRaisesRegex(BindingError, LEGACY_BINDING):
            self.binder.unwrap_binding(legacy)
        with self.assertRaisesRegex(BindingError, "connector.test.record.*res.partner"):
            self.binder.to_backend(self.env.user.partner_id, wrap=True)
        self.assertFalse(legacy.external_id)

    def test_record_given_as_external_id(self):
        for call in (self.binder.to_internal, self.binder.to_openerp):
            with self.assertRaises(BindingError) as cm:
                call(self.binding)
            message = str(cm.exception)
            self.assertIn("expects an external id, got the record", message)
            self.assertIn(f"{BINDING}({self.binding.id},)", message)
            self.assertIn("use to_external (to_backend)", message)

    def test_binding_of_another_model_says_what_to_do(self):
        legacy = self._binding(LEGACY_BINDING)
        with self.assertRaises(BindingError) as cm:
            self.binder.to_external(legacy)
        self.assertIn(
            f"give a {BINDING} binding, or the connector.test.record record it "
            f"binds with wrap=True; for the records of another binding model, use "
            f"its binder: binder_for('{LEGACY_BINDING}')",
            str(cm.exception),
        )
        with self.assertRaises(BindingError) as cm:
            self.binder.to_external(self.env.user.partner_id, wrap=True)
        self.assertIn(
            "with wrap=True, give a record of connector.test.record", str(cm.exception)
        )

    def test_several_bindings_given(self):
        second = self._binding(name="second")
        with self.assertRaises(ValueError):
            self.binder.bind("18", self.binding | second)
        self.assertFalse(any((self.binding | second).mapped("external_id")))


class TestLegacyBinder(TestBinderCase):
    """A 9.0-style binder: openerp_id link and integer external ids."""

    def setUp(self):
        super().setUp()
        self.binder = self._binder(LEGACY_BINDING)
        self.binding = self._binding(LEGACY_BINDING)

    def test_round_trip_with_integer_ids(self):
        self.binder.bind(99, self.binding.id)
        self.assertEqual(self.binding.external_id, 99)
        self.assertEqual(self.binder.to_openerp(99), self.binding)
        self.assertEqual(self.binder.to_openerp("99"), self.binding)
        self.assertEqual(
            self.binder.to_openerp(99, unwrap=True), self.binding.openerp_id
        )
        self.assertEqual(self.binder.to_backend(self.binding.id), 99)
        self.assertEqual(
            self.binder.to_backend(self.binding.openerp_id.id, wrap=True), 99
        )
        self.assertEqual(
            self.binder.unwrap_binding(self.binding.id), self.binding.openerp_id.id
        )
        self.assertEqual(self.binder.unwrap_model(), "connector.test.record")

    def test_to_odoo_of_the_first_10_binders(self):
        self.binder.bind(7, self.binding.id)
        self.assertEqual(self.binder.to_odoo(7), self.binding)
        self.assertEqual(self.binder.to_odoo(7, unwrap=True), self.binding.openerp_id)

        class OverridingBinder(Binder):
            """A 9.0 connector's own alias calling the 9.0 name (as
            connector_prestashop 9.0 wrote it): no call loop."""

            _model_name = LEGACY_BINDING

            def to_odoo(self, external_id, unwrap=False):
                return self.to_openerp(external_id, unwrap)

        binder = OverridingBinder(self.binder.connector_env)
        self.assertEqual(binder.to_odoo(7), self.binding)
        self.assertEqual(binder.to_internal(7), self.binding)

    def test_link_field_found_without_declaration(self):
        """A binder setting neither _openerp_field nor _odoo_field."""

        class PlainBinder(Binder):
            _model_name = [LEGACY_BINDING, BINDING]

        legacy_env = ConnectorEnvironment(self.backend_record, self.env, LEGACY_BINDING)
        modern_env = ConnectorEnvironment(self.backend_record, self.env, BINDING)
        self.assertEqual(PlainBinder(legacy_env)._link_field, "openerp_id")
        self.assertEqual(PlainBinder(modern_env)._link_field, "odoo_id")
        self.assertEqual(
            PlainBinder(legacy_env).unwrap_model(), "connector.test.record"
        )

    def test_odoo_field_alias(self):
        class ModernBinder(Binder):
            _model_name = LEGACY_BINDING
            _odoo_field = "openerp_id"

        binder = ModernBinder(
            ConnectorEnvironment(self.backend_record, self.env, LEGACY_BINDING)
        )
        self.assertEqual(binder.unwrap_binding(self.binding), self.binding.openerp_id)


class TestNoInheritsBinder(TestBinderCase):
    """A binding that does not _inherits the bound model cannot unwrap."""

    def setUp(self):
        super().setUp()
        self.binder = self._binder("no.inherits.binding")
        self.binding = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend_record.id}
        )

    def test_lookups_work(self):
        self.binder.bind("20", self.binding)
        self.assertEqual(self.binder.to_openerp("20"), self.binding)
        self.assertEqual(self.binder.to_backend(self.binding), "20")

    def test_lookups_inside_an_importer_run(self):
        """Importers remember the bindings found during their run: a binding
        without link field is remembered alone."""
        self.binder.bind("21", self.binding)
        with _binder_lookup_memo(self.env):
            self.assertEqual(self.binder.to_internal("21"), self.binding)
            # the second lookup is answered from the memo
            with self.assertQueryCount(0):
                self.assertEqual(self.binder.to_openerp("21"), self.binding)

    def test_unwrapping_fails_clearly(self):
        message = "Cannot unwrap model no.inherits.binding, because it has no odoo_id"
        with self.assertRaisesRegex(ValueError, message):
            self.binder.unwrap_model()
        with self.assertRaisesRegex(ValueError, message):
            self.binder.unwrap_binding(self.binding)
        with self.assertRaisesRegex(ValueError, message) as cm:
            self.binder.to_openerp("20", unwrap=True)
        self.assertIn("look it up without unwrap", str(cm.exception))
        self.assertIn("set _odoo_field (_openerp_field)", str(cm.exception))


# the throw-away binders of these tests call super(): not the tests
# pylint: disable=missing-return
class TestBinderNamePairs(TestBinderCase):
    """to_openerp/to_internal and to_backend/to_external are one method under
    two names: overriding either is honoured under both."""

    def setUp(self):
        super().setUp()
        self.binding = self._binding()
        self.binding.external_id = "30"
        self.connector_env = ConnectorEnvironment(
            self.backend_record, self.env, BINDING
        )
        self.calls = []

    def test_9_0_override_runs_under_the_10_0_name(self):
        calls = self.calls

        class LegacyBinder(Binder):
            _model_name = BINDING

            def to_openerp(self, external_id, unwrap=False):
                calls.append("legacy")
                return super().to_openerp(external_id, unwrap=unwrap)

        binder = LegacyBinder(self.connector_env)
        self.assertEqual(binder.to_internal("30"), self.binding)
        self.assertEqual(binder.to_openerp("30"), self.binding)
        self.assertEqual(self.calls, ["legacy", "legacy"])

    def test_10_0_override_runs_under_the_9_0_name(self):
        calls = self.calls

        class ModernBinder(Binder):
            _model_name = BINDING

            def to_external(self, binding, wrap=False):
                calls.append("modern")
                return super().to_external(binding, wrap=wrap)

        binder = ModernBinder(self.connector_env)
        self.assertEqual(binder.to_backend(self.binding), "30")
        self.assertEqual(binder.to_external(self.binding), "30")
        self.assertEqual(self.calls, ["modern", "modern"])

    def test_overrides_along_an_inheritance_chain(self):
        calls = self.calls

        class First(Binder):
            _model_name = BINDING

            def to_openerp(self, external_id, unwrap=False):
                calls.append("first")
                return super().to_openerp(external_id, unwrap=unwrap)

        class Second(First):
            def to_internal(self, external_id, unwrap=False):
                calls.append("second")
                return super().to_internal(external_id, unwrap=unwrap)

        binder = Second(self.connector_env)
        for method in (binder.to_openerp, binder.to_internal):
            with self.subTest(method=method.__name__):
                self.calls.clear()
                self.assertEqual(method("30"), self.binding)
                self.assertEqual(self.calls, ["second", "first"])
        self.calls.clear()
        First(self.connector_env).to_internal("30")
        self.assertEqual(self.calls, ["first"])

    def test_override_from_a_mixin(self):
        calls = self.calls

        class StripMixin:
            def to_backend(self, binding_id, wrap=False):
                calls.append("mixin")
                return super().to_backend(binding_id, wrap=wrap)

        class MixedBinder(StripMixin, Binder):
            _model_name = BINDING

        binder = MixedBinder(self.connector_env)
        self.assertEqual(binder.to_external(self.binding), "30")
        self.assertEqual(self.calls, ["mixin"])

    def test_a_class_defining_both_names_keeps_them_apart(self):
        class TwoNamesBinder(Binder):
            _model_name = BINDING

            def to_openerp(self, external_id, unwrap=False):
                return "9.0"

            def to_internal(self, external_id, unwrap=False):
                return "10.0"

        class Child(TwoNamesBinder):
            pass

        for binder_class in (TwoNamesBinder, Child):
            binder = binder_class(self.connector_env)
            self.assertEqual(binder.to_openerp("30"), "9.0")
            self.assertEqual(binder.to_internal("30"), "10.0")
