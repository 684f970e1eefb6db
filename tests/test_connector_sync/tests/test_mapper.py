# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tools import mute_logger

from odoo.addons.connector.connector import Binder, ConnectorEnvironment
from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.unit.mapper import (
    ExportMapChild,
    ExportMapper,
    ImportMapChild,
    ImportMapper,
    MapRecord,
    backend_to_m2o,
    changed_by,
    convert,
    external_to_m2o,
    follow_m2o_relations,
    m2o_to_backend,
    m2o_to_external,
    mapping,
    none,
    only_create,
)
from odoo.addons.test_connector_sync.backend import sync_backend_1
from odoo.addons.test_connector_sync.units import (
    LineImportMapChild,
    PartnerExportMapper,
    PartnerImportMapper,
)

from .common import CATEGORY, LINE, PARTNER, SyncCase


class MapperCase(SyncCase):
    def register(self, unit_class, backend=sync_backend_1):
        """Register a throw-away unit on the version backend (searched
        before the generic one) until the end of the test."""
        backend.register_class(unit_class)
        self.addCleanup(backend.unregister_class, unit_class)
        return unit_class

    def import_values(self, mapper_class, record, model_name=PARTNER, **kwargs):
        mapper = mapper_class(self.connector_env(model_name))
        return mapper.map_record(record).values(**kwargs)

    def export_values(self, mapper_class, binding, **kwargs):
        mapper = mapper_class(self.connector_env(binding._name))
        return mapper.map_record(binding).values(**kwargs)


class TestImportMapper(MapperCase):
    """Mapping external records (dicts) to Odoo values."""

    def test_direct(self):
        class Direct(ImportMapper):
            direct = [("name", "name"), ("mail", "email"), ("code", "ref")]

        values = self.import_values(Direct, {"name": "Alice", "mail": "a@x.org"})
        # a missing key gives False, as an empty value
        self.assertEqual(values, {"name": "Alice", "email": "a@x.org", "ref": False})

    def test_direct_falsy_values_give_false(self):
        class Direct(ImportMapper):
            direct = [("a", "a"), ("b", "b"), ("c", "c"), ("d", "d")]

        values = self.import_values(Direct, {"a": 0, "b": "", "c": None, "d": []})
        self.assertEqual(values, {"a": False, "b": False, "c": False, "d": False})

    def test_mapping_methods_and_order(self):
        class Methods(ImportMapper):
            direct = [("name", "name")]

            @mapping
            def name_upper(self, record):
                return {"name": record["name"].upper(), "upper": True}

            @mapping
            def nothing(self, record):
                return None

        values = self.import_values(Methods, {"name": "alice"})
        self.assertEqual(values, {"name": "ALICE", "upper": True})

    def test_mapping_method_must_return_a_dict(self):
        class Bad(ImportMapper):
            @mapping
            def bad(self, record):
                return [("name", "x")]

        with self.assertRaisesRegex(ValueError, "Bad: invalid return value.*bad"):
            self.import_values(Bad, {})

    def test_only_create(self):
        class Create(ImportMapper):
            direct = [("name", "name")]

            @only_create
            @mapping
            def active(self, record):
                return {"active": True}

        record = {"name": "Alice"}
        self.assertEqual(self.import_values(Create, record), {"name": "Alice"})
        self.assertEqual(
            self.import_values(Create, record, for_create=False), {"name": "Alice"}
        )
        self.assertEqual(
            self.import_values(Create, record, for_create=True),
            {"name": "Alice", "active": True},
        )

    def test_update_beats_mappings_and_finalize(self):
        class Final(ImportMapper):
            direct = [("name", "name")]

            @mapping
            def email(self, record):
                return {"email": "mapped@x.org"}

            def finalize(self, map_record, values):
                values.update(name="finalized", ref="finalized")
                return values

        mapper = Final(self.connector_env(PARTNER))
        map_record = mapper.map_record({"name": "Alice"})
        self.assertIsInstance(map_record, MapRecord)
        self.assertEqual(
            map_record.values(),
            {"name": "finalized", "email": "mapped@x.org", "ref": "finalized"},
        )
        map_record.update({"name": "forced"}, email="forced@x.org")
        self.assertEqual(
            map_record.values(),
            {"name": "forced", "email": "forced@x.org", "ref": "finalized"},
        )
        # forced values are kept even when the fields restriction skips them
        self.assertEqual(
            map_record.values(fields=["other"]),
            {"name": "forced", "email": "forced@x.org", "ref": "finalized"},
        )

    def test_options_reach_mapping_methods(self):
        seen = []

        class Options(ImportMapper):
            @mapping
            def read_options(self, record):
                seen.append(dict(self.options))
                return {"lang": self.options.lang, "missing": self.options.missing}

        mapper = Options(self.connector_env(PARTNER))
        values = mapper.map_record({}).values(for_create=True, lang="fr_FR")
        self.assertEqual(values, {"lang": "fr_FR", "missing": None})
        self.assertEqual(seen, [{"for_create": True, "fields": None, "lang": "fr_FR"}])
        # options only live during the mapping
        self.assertIsNone(mapper.options)

    def test_options_restored_after_an_error(self):
        class Failing(ImportMapper):
            @mapping
            def fail(self, record):
                raise KeyError("boom")

        mapper = Failing(self.connector_env(PARTNER))
        with self.assertRaises(KeyError):
            mapper.map_record({}).values(x=1)
        self.assertIsNone(mapper.options)

    def test_source_and_parent(self):
        mapper = PartnerImportMapper(self.connector_env(PARTNER))
        parent = mapper.map_record({"name": "parent"})
        child = mapper.map_record({"name": "child"}, parent=parent)
        self.assertEqual(child.source, {"name": "child"})
        self.assertIs(child.parent, parent)
        self.assertIsNone(parent.parent)

    def test_many2one_target_without_modifier(self):
        """Goes through external_to_m2o, to the binding model itself."""

        class Implicit(ImportMapper):
            direct = [("category", "category_binding_id")]

        category = self.bound_category("7")
        values = self.import_values(Implicit, {"category": "7"})
        self.assertEqual(values, {"category_binding_id": category.id})
        with self.assertRaisesRegex(MappingError, "Implicit.*'99'.*'category'"):
            self.import_values(Implicit, {"category": "99"})


class TestImportModifiers(MapperCase):
    """Each modifier alone and composed, for imports."""

    def test_none(self):
        class NoneMapper(ImportMapper):
            direct = [(none("email"), "email"), (none("name"), "name")]

        values = self.import_values(NoneMapper, {"email": "", "name": "Alice"})
        self.assertEqual(values, {"email": None, "name": "Alice"})
        values = self.import_values(NoneMapper, {})
        self.assertEqual(values, {"email": None, "name": None})

    def test_convert(self):
        class Convert(ImportMapper):
            direct = [(convert("qty", int), "quantity"), (convert("p", float), "p")]

        self.assertEqual(
            self.import_values(Convert, {"qty": "12", "p": "1.5"}),
            {"quantity": 12, "p": 1.5},
        )
        self.assertEqual(
            self.import_values(Convert, {"qty": "", "p": None}),
            {"quantity": False, "p": False},
        )

    def test_convert_refusing_a_value(self):
        class Convert(ImportMapper):
            direct = [(convert("qty", int), "quantity")]

        with self.assertRaisesRegex(
            MappingError,
            r"Convert: cannot convert the value 'twelve' of the field "
            r"'qty' to int for 'quantity' of connector.sync.partner.binding",
        ):
            self.import_values(Convert, {"qty": "twelve"})

    def test_none_and_convert_composed(self):
        class Composed(ImportMapper):
            direct = [
                (none(convert("qty", int)), "quantity"),
                (convert(none("ref"), str), "ref"),
            ]

        self.assertEqual(
            self.import_values(Composed, {"qty": "3", "ref": 42}),
            {"quantity": 3, "ref": "42"},
        )
        self.assertEqual(
            self.import_values(Composed, {"qty": "", "ref": ""}),
            {"quantity": None, "ref": False},
        )

    def test_external_to_m2o_with_binding(self):
        class Relations(ImportMapper):
            direct = [
                (external_to_m2o("category", binding=CATEGORY), "category_id"),
                (backend_to_m2o("parent", binding=PARTNER), "parent_id"),
            ]

        category = self.bound_category("7")
        parent = self.bound_partner("p1")
        values = self.import_values(Relations, {"category": 7, "parent": "p1"})
        self.assertEqual(
            values, {"category_id": category.odoo_id.id, "parent_id": parent.odoo_id.id}
        )

    def test_external_to_m2o_without_binding(self):
        """The target many2one points to the binding model: no unwrapping."""

        class Modern(ImportMapper):
            direct = [(external_to_m2o("category"), "category_binding_id")]

        class Legacy(ImportMapper):
            direct = [(backend_to_m2o("category"), "category_binding_id")]

        category = self.bound_category("7")
        for mapper_class in (Modern, Legacy):
            with self.subTest(mapper=mapper_class.__name__):
                values = self.import_values(mapper_class, {"category": "7"})
                self.assertEqual(values, {"category_binding_id": category.id})

    def test_external_to_m2o_empty_and_zero(self):
        class Relations(ImportMapper):
            direct = [(external_to_m2o("category", binding=CATEGORY), "category_id")]

        for empty in (None, False, ""):
            with self.subTest(external_id=empty):
                values = self.import_values(Relations, {"category": empty})
                self.assertEqual(values, {"category_id": False})
        # 0 is an external id like any other
        category = self.bound_category("0")
        values = self.import_values(Relations, {"category": 0})
        self.assertEqual(values, {"category_id": category.odoo_id.id})

    def test_external_to_m2o_finds_archived_records(self):
        class Relations(ImportMapper):
            direct = [(external_to_m2o("parent", binding=PARTNER), "parent_id")]

        parent = self.bound_partner("p1")
        parent.active = False
        values = self.import_values(Relations, {"parent": "p1"})
        self.assertEqual(values, {"parent_id": parent.odoo_id.id})

    def test_external_to_m2o_missing_binding(self):
        class Relations(ImportMapper):
            direct = [(external_to_m2o("category", binding=CATEGORY), "category_id")]

        with self.assertRaises(MappingError) as cm:
            self.import_values(Relations, {"category": "404"})
        message = str(cm.exception)
        for part in (
            "Relations",
            CATEGORY,
            "'404'",
            "'category'",
            "'category_id' of connector.sync.partner.binding",
            "Sync backend",
        ):
            self.assertIn(part, message)

    def test_external_to_m2o_on_a_field_not_many2one(self):
        class Relations(ImportMapper):
            direct = [(external_to_m2o("category"), "name")]

        with self.assertRaisesRegex(ValueError, "The column name should be a Many2one"):
            self.import_values(Relations, {"category": "7"})

    def test_external_to_m2o_composed_with_follow(self):
        class Nested(ImportMapper):
            direct = [
                (
                    external_to_m2o(
                        follow_m2o_relations("group.category.id"), binding=CATEGORY
                    ),
                    "category_id",
                ),
            ]

        category = self.bound_category("7")
        record = {"group": {"category": {"id": "7", "name": "Seven"}}}
        self.assertEqual(
            self.import_values(Nested, record), {"category_id": category.odoo_id.id}
        )
        self.assertEqual(
            self.import_values(Nested, {"group": {}}), {"category_id": False}
        )
        self.assertEqual(Nested._changed_by_fields, {"group.category.id"})

    def test_follow_m2o_relations_on_dicts(self):
        class Follow(ImportMapper):
            direct = [
                (follow_m2o_relations("address.city"), "city"),
                (none(follow_m2o_relations("address.zip")), "zip"),
            ]

        self.assertEqual(
            self.import_values(Follow, {"address": {"city": "Lyon", "zip": ""}}),
            {"city": "Lyon", "zip": None},
        )
        self.assertEqual(self.import_values(Follow, {}), {"city": None, "zip": None})

    # the throw-away classes below call super(): not this method
    def test_10_0_and_9_0_binder_methods(self):  # pylint: disable=missing-return
        """external_to_m2o calls to_internal, backend_to_m2o to_openerp: a
        binder overriding either name is honoured by both."""
        calls = []

        class ModernBinder(Binder):
            _model_name = CATEGORY

            def to_internal(self, external_id, unwrap=False):
                calls.append(("to_internal", external_id, unwrap))
                return super().to_internal(external_id, unwrap=unwrap)

        class LegacyBinder(Binder):
            _model_name = CATEGORY

            def to_openerp(self, external_id, unwrap=False):
                calls.append(("to_openerp", external_id, unwrap))
                return super().to_openerp(external_id, unwrap=unwrap)

        class Modern(ImportMapper):
            direct = [(external_to_m2o("category", binding=CATEGORY), "category_id")]

        class Legacy(ImportMapper):
            direct = [(backend_to_m2o("category", binding=CATEGORY), "category_id")]

        category = self.bound_category("7")
        self.register(ModernBinder)
        self.assertEqual(
            self.import_values(Modern, {"category": "7"}),
            {"category_id": category.odoo_id.id},
        )
        self.assertEqual(calls, [("to_internal", "7", True)])
        self.import_values(Legacy, {"category": "7"})
        self.assertEqual(calls[-1], ("to_internal", "7", True))
        sync_backend_1.unregister_class(ModernBinder)
        self.register(LegacyBinder)
        self.import_values(Legacy, {"category": "7"})
        self.assertEqual(calls[-1], ("to_openerp", "7", True))
        self.import_values(Modern, {"category": "7"})
        self.assertEqual(calls[-1], ("to_openerp", "7", True))
        self.assertEqual(len(calls), 4)


class TestExportMapper(MapperCase):
    """Mapping Odoo bindings to values for the backend."""

    def setUp(self):
        super().setUp()
        self.category = self.bound_category("c7", name="Seven", code="SEV")
        self.partner = self.bound_partner(
            "p1",
            name="Alice",
            email="alice@example.org",
            category_id=self.category.odoo_id.id,
            category_binding_id=self.category.id,
        )

    def test_direct(self):
        class Direct(ExportMapper):
            direct = [("name", "name"), ("email", "mail"), ("parent_id", "parent")]

        values = self.export_values(Direct, self.partner)
        self.assertEqual(
            values, {"name": "Alice", "mail": "alice@example.org", "parent": False}
        )

    def test_many2one_source_without_modifier(self):
        class Implicit(ExportMapper):
            direct = [("category_binding_id", "category")]

        self.assertEqual(self.export_values(Implicit, self.partner), {"category": "c7"})
        self.category.external_id = False
        with self.assertRaisesRegex(MappingError, "Implicit.*external id"):
            self.export_values(Implicit, self.partner)

    def test_m2o_to_external_with_binding(self):
        class Relations(ExportMapper):
            direct = [
                (m2o_to_external("category_id", binding=CATEGORY), "category"),
                (m2o_to_backend("category_id", binding=CATEGORY), "legacy_category"),
            ]

        self.assertEqual(
            self.export_values(Relations, self.partner),
            {"category": "c7", "legacy_category": "c7"},
        )

    def test_m2o_to_external_without_binding(self):
        class Relations(ExportMapper):
            direct = [(m2o_to_external("category_binding_id"), "category")]

        self.assertEqual(
            self.export_values(Relations, self.partner), {"category": "c7"}
        )

    def test_m2o_to_external_empty_relation(self):
        class Relations(ExportMapper):
            direct = [(m2o_to_external("parent_id", binding=PARTNER), "parent")]

        self.assertEqual(self.export_values(Relations, self.partner), {"parent": False})

    def test_m2o_to_external_unbound_relation(self):
        class Relations(ExportMapper):
            direct = [(m2o_to_external("category_id", binding=CATEGORY), "category")]

        other = self.env["connector.sync.category"].create({"name": "Unbound"})
        self.partner.category_id = other
        with self.assertRaises(MappingError) as cm:
            self.export_values(Relations, self.partner)
        message = str(cm.exception)
        for part in (
            "Relations",
            f"record {other.id} of connector.sync.category",
            CATEGORY,
            "with wrapping",
            "'category_id'",
        ):
            self.assertIn(part, message)

    def test_m2o_to_external_on_a_field_not_many2one(self):
        class Relations(ExportMapper):
            direct = [(m2o_to_external("name"), "name")]

        with self.assertRaisesRegex(
            ValueError, "The column name should be a Many2one, got char"
        ):
            self.export_values(Relations, self.partner)

    def test_m2o_to_external_composed(self):
        class Composed(ExportMapper):
            direct = [
                (
                    none(m2o_to_external("category_id", binding=CATEGORY)),
                    "category",
                ),
                (none(m2o_to_external("parent_id", binding=PARTNER)), "parent"),
                (
                    m2o_to_external(
                        follow_m2o_relations("odoo_id.category_id"), binding=CATEGORY
                    ),
                    "followed",
                ),
            ]

        self.assertEqual(
            self.export_values(Composed, self.partner),
            {"category": "c7", "parent": None, "followed": "c7"},
        )

    def test_follow_m2o_relations_on_records(self):
        class Follow(ExportMapper):
            direct = [
                (follow_m2o_relations("category_id.code"), "category_code"),
                (follow_m2o_relations("parent_id.category_id.code"), "parent_code"),
            ]

        self.assertEqual(
            self.export_values(Follow, self.partner),
            {"category_code": "SEV", "parent_code": False},
        )

    def test_convert_and_none_on_records(self):
        class Conv(ExportMapper):
            direct = [(convert("write_count", str), "count"), (none("email"), "mail")]

        partner = self.bound_partner("p2", name="Bob")
        self.assertEqual(partner.write_count, 0)
        self.assertEqual(
            self.export_values(Conv, partner), {"count": False, "mail": None}
        )
        partner.email = "bob@example.org"
        self.assertEqual(
            self.export_values(Conv, partner),
            {"count": "1", "mail": "bob@example.org"},
        )

    # the throw-away classes below call super(): not this method
    def test_10_0_and_9_0_binder_methods(self):  # pylint: disable=missing-return
        """m2o_to_external calls to_external, m2o_to_backend to_backend: a
        binder overriding either name is honoured by both."""
        calls = []

        class ModernBinder(Binder):
            _model_name = CATEGORY

            def to_external(self, binding_id, wrap=False):
                calls.append(("to_external", binding_id, wrap))
                return super().to_external(binding_id, wrap=wrap)

        class Both(ExportMapper):
            direct = [
                (m2o_to_external("category_id", binding=CATEGORY), "category"),
                (m2o_to_backend("category_id", binding=CATEGORY), "legacy"),
            ]

        self.register(ModernBinder)
        self.export_values(Both, self.partner)
        self.assertEqual(calls, [("to_external", self.category.odoo_id.id, True)] * 2)

    def test_fields_restriction(self):
        """Only the mappings depending on the given source fields."""

        class Restricted(ExportMapper):
            direct = [
                ("name", "name"),
                (none("email"), "mail"),
                (m2o_to_external("category_id", binding=CATEGORY), "category"),
            ]

            @changed_by("name", "email")
            @mapping
            def label(self, record):
                return {"label": f"{record.name} <{record.email}>"}

            @mapping
            def always(self, record):
                return {"always": True}

            @changed_by("parent_id")
            @mapping
            def parent(self, record):
                return {"parent": False}

        partner = self.partner
        self.assertEqual(
            self.export_values(Restricted, partner, fields=["email"]),
            {
                "mail": "alice@example.org",
                "label": "Alice <alice@example.org>",
                "always": True,
            },
        )
        self.assertEqual(
            self.export_values(Restricted, partner, fields=["category_id"]),
            {"category": "c7", "always": True},
        )
        self.assertEqual(
            self.export_values(Restricted, partner, fields=["parent_id"]),
            {"always": True, "parent": False},
        )
        self.assertEqual(
            self.export_values(Restricted, partner, fields=["unrelated"]),
            {"always": True},
        )
        self.assertEqual(
            set(self.export_values(Restricted, partner)),
            {"name", "mail", "category", "label", "always", "parent"},
        )

    def test_changed_by_fields_of_a_real_mapper(self):
        self.assertEqual(
            PartnerExportMapper._changed_by_fields,
            {"name", "email", "category_id", "line_ids"},
        )


class TestChildren(MapperCase):
    """children through MapChild units."""

    def test_import_children_with_a_registered_map_child(self):
        """LineImportMapChild is registered for the lines: it replaces them."""
        mapper = PartnerImportMapper(self.connector_env(PARTNER))
        self.assertIsInstance(mapper._get_map_child_unit(LINE), LineImportMapChild)
        record = {
            "name": "Alice",
            "lines": [{"name": "a", "quantity": "2"}, {"name": "b"}],
        }
        values = mapper.map_record(record).values()
        self.assertEqual(
            values["line_ids"],
            [
                (5, 0, 0),
                (0, 0, {"name": "a", "quantity": 2}),
                (0, 0, {"name": "b", "quantity": False}),
            ],
        )

    def test_import_children_without_a_registered_map_child(self):
        class WithCategories(ImportMapper):
            children = [("categories", "category_ids", CATEGORY)]

        mapper = WithCategories(self.connector_env(PARTNER))
        child_unit = mapper._get_map_child_unit(CATEGORY)
        self.assertIs(type(child_unit), ImportMapChild)
        self.assertEqual(child_unit.model._name, CATEGORY)
        values = mapper.map_record(
            {"categories": [{"name": "One", "code": "1"}, {"name": "Two"}]}
        ).values()
        self.assertEqual(
            values,
            {
                "category_ids": [
                    (0, 0, {"name": "One", "code": "1"}),
                    (0, 0, {"name": "Two", "code": False}),
                ]
            },
        )
        # a missing key: no children
        self.assertEqual(mapper.map_record({}).values(), {"category_ids": []})

    def test_export_children_without_a_registered_map_child(self):
        partner = self.bound_partner(
            "p1",
            name="Alice",
            line_ids=[(0, 0, {"name": "a", "quantity": 2}), (0, 0, {"name": "b"})],
        )
        mapper = PartnerExportMapper(self.connector_env(PARTNER))
        self.assertIs(type(mapper._get_map_child_unit(LINE)), ExportMapChild)
        values = mapper.map_record(partner).values()
        self.assertEqual(
            values["lines"],
            [{"name": "a", "quantity": 2}, {"name": "b", "quantity": False}],
        )

    def test_options_propagate_to_children(self):
        seen = []

        class OptionsLineMapper(ImportMapper):
            _model_name = LINE
            direct = [("name", "name")]

            @only_create
            @mapping
            def created(self, record):
                return {"created": True}

            @mapping
            def read_options(self, record):
                seen.append(dict(self.options))
                return {"lang": self.options.lang}

        self.register(OptionsLineMapper)
        mapper = PartnerImportMapper(self.connector_env(PARTNER))
        values = mapper.map_record({"lines": [{"name": "a"}]}).values(
            for_create=True, lang="fr_FR"
        )
        self.assertEqual(
            values["line_ids"],
            [(5, 0, 0), (0, 0, {"name": "a", "created": True, "lang": "fr_FR"})],
        )
        self.assertEqual(seen, [{"for_create": True, "fields": None, "lang": "fr_FR"}])

    def test_children_filtered_by_fields(self):
        partner = self.bound_partner(
            "p1", name="Alice", line_ids=[(0, 0, {"name": "a", "quantity": 1})]
        )
        mapper = PartnerExportMapper(self.connector_env(PARTNER))
        self.assertNotIn("lines", mapper.map_record(partner).values(fields=["name"]))
        # the children get the same restriction: their own sources must match
        values = mapper.map_record(partner).values(fields=["line_ids", "quantity"])
        self.assertEqual(values, {"lines": [{"quantity": 1}]})

    def test_skip_item_and_parent(self):
        parents = []

        class SkippingMapChild(ImportMapChild):
            _model_name = LINE

            def skip_item(self, map_record):
                parents.append(map_record.parent.source["name"])
                return not map_record.source.get("quantity")

        self.register(SkippingMapChild)
        mapper = PartnerImportMapper(self.connector_env(PARTNER))
        values = mapper.map_record(
            {"name": "Alice", "lines": [{"name": "a", "quantity": 1}, {"name": "b"}]}
        ).values()
        self.assertEqual(values["line_ids"], [(0, 0, {"name": "a", "quantity": 1})])
        self.assertEqual(parents, ["Alice", "Alice"])

    def test_map_child_class_required(self):
        class NoChildClass(ImportMapper):
            _map_child_class = None
            children = [("lines", "line_ids", LINE)]

        with self.assertRaisesRegex(MappingError, "_map_child_class required"):
            self.import_values(NoChildClass, {"lines": []})

    # the throw-away classes below call super(): not this method
    def test_default_map_child_keeps_the_environment_class(self):  # pylint: disable=missing-return
        """The default MapChild gets an environment of the same class, with
        the propagated attributes (10.0 built a base ConnectorEnvironment)."""

        class ApiEnvironment(ConnectorEnvironment):
            _propagate_kwargs = ["api"]

            def __init__(self, backend_record, model_name, api=None):
                super().__init__(backend_record, model_name)
                self.api = api

        class ApiLineMapper(ExportMapper):
            _model_name = LINE

            @mapping
            def api(self, record):
                return {"api": self.connector_env.api, "env": type(self.connector_env)}

        self.register(ApiLineMapper)
        partner = self.bound_partner("p1", line_ids=[(0, 0, {"name": "a"})])
        connector_env = ApiEnvironment(self.backend_record, PARTNER, api="client")
        mapper = connector_env.get_connector_unit(ExportMapper)
        child_unit = mapper._get_map_child_unit(LINE)
        self.assertIs(type(child_unit.connector_env), ApiEnvironment)
        self.assertEqual(child_unit.connector_env.api, "client")
        values = mapper.map_record(partner).values()
        self.assertEqual(values["lines"], [{"api": "client", "env": ApiEnvironment}])


class TestMappingErrors(MapperCase):
    """A mapping that cannot be computed says which mapper, which field or
    key, and which record; the legacy framework's lenient cases stay
    lenient."""

    def setUp(self):
        super().setUp()
        self.partner = self.bound_partner("p1", name="Alice")

    def assert_error(self, error_class, call, *parts):
        """``call()`` raises a MappingError that is also an
        ``error_class`` (the legacy error), naming ``parts``."""
        with self.assertRaises(MappingError) as cm:
            call()
        self.assertIsInstance(cm.exception, error_class)
        message = str(cm.exception)
        for part in parts:
            self.assertIn(part, message)
        return message

    def test_import_direct_to_an_unknown_field(self):
        class Typo(ImportMapper):
            direct = [("name", "nmae")]

        self.assert_error(
            KeyError,
            lambda: self.import_values(Typo, {"id": 7, "name": "Alice"}),
            "Typo: ",
            "('name', 'nmae')",
            f"'nmae', which {PARTNER} does not have",
            "correct the target field",
            "the external record 7",
        )
        # a missing key gives False before any check, as in the legacy mapper
        self.assertEqual(self.import_values(Typo, {}), {"nmae": False})

    def test_import_m2o_modifiers_to_an_unknown_field(self):
        for modifier in (external_to_m2o, backend_to_m2o):
            with self.subTest(modifier=modifier.__name__):

                class Typo(ImportMapper):
                    direct = [(modifier("category", binding=CATEGORY), "categ_id")]

                self.assert_error(
                    ValueError,
                    lambda mapper=Typo: self.import_values(
                        mapper, {"id": 7, "category": "3"}
                    ),
                    "Typo: ",
                    "The column categ_id should be a Many2one, got no field",
                    f"{PARTNER} has no field 'categ_id'",
                    "the external record 7",
                )

    def test_import_missing_keys_stay_lenient(self):
        class Lenient(ImportMapper):
            direct = [
                ("mail", "email"),
                (convert("qty", int), "ref"),
                (none("comment"), "comment"),
                (external_to_m2o("category", binding=CATEGORY), "category_id"),
                (follow_m2o_relations("address.city"), "name"),
            ]

        self.assertEqual(
            self.import_values(Lenient, {"id": 7}),
            {
                "email": False,
                "ref": False,
                "comment": None,
                "category_id": False,
                "name": None,
            },
        )

    def test_mapping_method_reading_a_missing_key(self):
        class Strict(ImportMapper):
            @mapping
            def name(self, record):
                return {"name": record["firstname"]}

        self.assert_error(
            KeyError,
            lambda: self.import_values(Strict, {"id": 7, "name": "Alice"}),
            "Strict: the mapping method name() reads the key 'firstname'",
            "its keys: id, name",
            "record.get('firstname')",
            "the external record 7",
        )

    def test_mapping_method_returning_no_dict(self):
        class Bad(ImportMapper):
            @mapping
            def bad(self, record):
                return "x"

        self.assert_error(
            ValueError,
            lambda: self.import_values(Bad, {"id": 7}),
            "Bad: invalid return value for the mapping method bad: 'x'",
            "returns a dict of target values",
            "the external record 7",
        )

    @mute_logger("odoo.addons.connector.unit.mapper")  # the changed_by warning
    def test_export_direct_from_an_unknown_field(self):
        class Typo(ExportMapper):
            direct = [("mail", "email")]

        self.assert_error(
            KeyError,
            lambda: self.export_values(Typo, self.partner),
            "Typo: ",
            "('mail', 'email')",
            f"'mail', which {PARTNER} does not have",
            "correct the source field",
            f"{PARTNER}({self.partner.id},) (external id 'p1')",
        )

    @mute_logger("odoo.addons.connector.unit.mapper")  # the changed_by warning
    def test_export_modifiers_on_unknown_fields(self):
        cases = [
            (convert("mail", str), KeyError, "reads the field 'mail'"),
            (none("mail"), KeyError, "reads the field 'mail'"),
            (
                m2o_to_external("categ_id", binding=CATEGORY),
                ValueError,
                f"{PARTNER} has no field 'categ_id'",
            ),
            (
                m2o_to_backend("categ_id", binding=CATEGORY),
                ValueError,
                f"{PARTNER} has no field 'categ_id'",
            ),
            (
                follow_m2o_relations("category_id.cdoe"),
                KeyError,
                "connector.sync.category has no field 'cdoe'",
            ),
        ]
        for modifier, error_class, part in cases:
            with self.subTest(part=part):

                class Typo(ExportMapper):
                    direct = [(modifier, "category")]

                self.assert_error(
                    error_class,
                    lambda mapper=Typo: self.export_values(mapper, self.partner),
                    "Typo: ",
                    part,
                    "(external id 'p1')",
                )

    @mute_logger("odoo.addons.connector.unit.mapper")  # the changed_by warning
    def test_export_children_from_an_unknown_field(self):
        class Typo(ExportMapper):
            children = [("lines", "lines", LINE)]

        self.assert_error(
            KeyError,
            lambda: self.export_values(Typo, self.partner),
            "Typo: the children ('lines', 'lines'",
            f"{PARTNER} does not have",
            "(external id 'p1')",
        )

    def test_decorators_without_mapping_are_reported(self):
        with self.assertLogs("odoo.addons.connector.unit.mapper", "WARNING") as logs:

            class Forgotten(ImportMapper):
                @only_create
                def customer(self, record):
                    return {"customer_rank": 1}

        self.assertNotIn("customer", Forgotten._map_methods)
        self.assertIn(
            "Forgotten.customer is decorated with @only_create but not with "
            "@mapping: it is no mapping method and never runs; add @mapping",
            logs.output[0],
        )

    def test_changed_by_of_an_unknown_field_is_reported(self):
        class Export(ExportMapper):
            direct = [("name", "name")]

            @changed_by("emial")
            @mapping
            def email(self, record):
                return {"email": record.email}

        with self.assertLogs("odoo.addons.connector.unit.mapper", "WARNING") as logs:
            Export(self.connector_env(PARTNER))
        self.assertIn(
            f"Export: 'emial', named by its changed_by, direct or children "
            f"mappings, is no field of {PARTNER}",
            logs.output[0],
        )
        # legacy: still accepted, the method runs when no fields are given
        self.assertEqual(
            self.export_values(Export, self.partner),
            {"name": "Alice", "email": False},
        )
