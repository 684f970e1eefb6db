# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The mapper classes themselves: what the metaclass collects, the
decorators, the source names of modifiers, MapOptions. Mapping records is
tested in the test_connector_sync addon, which has models and a backend."""

import copy
import pickle

from odoo.tests import TransactionCase

from odoo.addons.connector.connector import MetaConnectorUnit
from odoo.addons.connector.unit import mapper as mapper_module
from odoo.addons.connector.unit.mapper import (
    ExportMapChild,
    ExportMapper,
    ImportMapChild,
    ImportMapper,
    MapOptions,
    Mapper,
    MappingDefinition,
    MetaMapper,
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


class TestDecorators(TransactionCase):
    """The decorators mark the function and return it unchanged."""

    def test_mapping(self):
        def name(self, record):
            return {}

        self.assertIs(mapping(name), name)
        self.assertTrue(name.is_mapping)

    def test_changed_by(self):
        def name(self, record):
            return {}

        self.assertIs(changed_by("a", "b")(name), name)
        self.assertEqual(name.changed_by, ("a", "b"))

    def test_only_create(self):
        def name(self, record):
            return {}

        self.assertIs(only_create(name), name)
        self.assertTrue(name.only_create)

    def test_order_is_free(self):
        class Top(Mapper):
            @mapping
            @changed_by("a")
            @only_create
            def one(self, record):
                return {}

            @only_create
            @changed_by("a")
            @mapping
            def two(self, record):
                return {}

        self.assertEqual(Top._map_methods["one"], Top._map_methods["two"])
        self.assertEqual(
            Top._map_methods["one"], MappingDefinition(frozenset({"a"}), True)
        )


class TestMetaMapper(TransactionCase):
    """What the metaclass collects, and that inheritance never leaks."""

    def test_metaclass(self):
        self.assertIsInstance(Mapper, MetaMapper)
        self.assertTrue(issubclass(MetaMapper, MetaConnectorUnit))
        self.assertEqual(ImportMapper._module, "connector")

    def test_map_methods_collected(self):
        class PartnerMapper(Mapper):
            @mapping
            def name(self, record):
                return {}

            @changed_by("street", "city")
            @mapping
            def address(self, record):
                return {}

            @only_create
            @mapping
            def active(self, record):
                return {}

            def not_a_mapping(self, record):
                return {}

        self.assertEqual(
            PartnerMapper._map_methods,
            {
                "name": MappingDefinition(frozenset(), False),
                "address": MappingDefinition(frozenset({"street", "city"}), False),
                "active": MappingDefinition(frozenset(), True),
            },
        )
        self.assertEqual(Mapper._map_methods, {})

    def test_map_methods_in_definition_order_bases_first(self):
        class Base(Mapper):
            @mapping
            def zeta(self, record):
                return {}

            @mapping
            def alpha(self, record):
                return {}

        class Child(Base):
            @mapping
            def beta(self, record):
                return {}

            @mapping
            def zeta(self, record):
                return {}

        self.assertEqual(list(Child._map_methods), ["zeta", "alpha", "beta"])

    def test_changed_by_fields(self):
        class PartnerMapper(Mapper):
            direct = [
                ("name", "name"),
                (convert("age", int), "age"),
                (none(convert("weight", float)), "weight"),
                (follow_m2o_relations("parent_id.country_id.code"), "country"),
                (m2o_to_external("category_id"), "category"),
            ]
            children = [("line_ids", "lines", "sale.order.line")]

            @changed_by("street", "city")
            @mapping
            def address(self, record):
                return {}

            @mapping
            def always(self, record):
                return {}

        self.assertEqual(
            PartnerMapper._changed_by_fields,
            {
                "name",
                "age",
                "weight",
                "parent_id.country_id.code",
                "category_id",
                "line_ids",
                "street",
                "city",
            },
        )
        self.assertEqual(
            PartnerMapper.changed_by_fields(), PartnerMapper._changed_by_fields
        )
        self.assertIsNot(
            PartnerMapper.changed_by_fields(), PartnerMapper._changed_by_fields
        )

    def test_changed_by_fields_inherited(self):
        class Base(Mapper):
            direct = [("name", "name")]

        class Child(Base):
            direct = [("email", "email")]

            @changed_by("phone")
            @mapping
            def phone(self, record):
                return {}

        self.assertEqual(Base._changed_by_fields, {"name"})
        self.assertEqual(Child._changed_by_fields, {"name", "email", "phone"})

    def test_subclass_adds_without_changing_the_base(self):
        class Base(Mapper):
            @changed_by("a")
            @mapping
            def shared(self, record):
                return {}

        class Child(Base):
            @changed_by("b")
            @mapping
            def shared(self, record):
                return {}

            @mapping
            def own(self, record):
                return {}

        self.assertEqual(Child._map_methods["shared"].changed_by, {"a", "b"})
        self.assertEqual(Base._map_methods, {"shared": MappingDefinition({"a"}, False)})
        self.assertEqual(Base._changed_by_fields, {"a"})
        self.assertEqual(Child._changed_by_fields, {"a", "b"})

    def test_siblings_do_not_leak(self):
        class Base(Mapper):
            @changed_by("a")
            @mapping
            def shared(self, record):
                return {}

        class Left(Base):
            @changed_by("left")
            @mapping
            def shared(self, record):
                return {}

        class Right(Base):
            @changed_by("right")
            @mapping
            def shared(self, record):
                return {}

            @mapping
            def right_only(self, record):
                return {}

        self.assertEqual(Left._map_methods["shared"].changed_by, {"a", "left"})
        self.assertEqual(Right._map_methods["shared"].changed_by, {"a", "right"})
        self.assertEqual(Base._map_methods["shared"].changed_by, {"a"})
        self.assertNotIn("right_only", Left._map_methods)
        self.assertNotIn("right_only", Base._map_methods)

    def test_multiple_bases_merge_into_a_copy(self):
        """The legacy metaclass updated the first base's set in place."""

        class First(Mapper):
            @changed_by("first")
            @only_create
            @mapping
            def shared(self, record):
                return {}

        class Second(Mapper):
            @changed_by("second")
            @mapping
            def shared(self, record):
                return {}

        class Both(First, Second):
            pass

        self.assertEqual(
            Both._map_methods["shared"],
            MappingDefinition({"first", "second"}, True),
        )
        self.assertEqual(First._map_methods["shared"].changed_by, {"first"})
        self.assertEqual(Second._map_methods["shared"].changed_by, {"second"})
        self.assertIsInstance(Both._map_methods["shared"].changed_by, frozenset)

    def test_override_without_decorator_stays_a_mapping(self):
        class Base(Mapper):
            @changed_by("a")
            @only_create
            @mapping
            def shared(self, record):
                return {}

        class Child(Base):
            def shared(self, record):
                return {"overridden": True}

        self.assertEqual(Child._map_methods["shared"], MappingDefinition({"a"}, True))

    def test_decorated_override_replaces_only_create(self):
        class Base(Mapper):
            @only_create
            @mapping
            def shared(self, record):
                return {}

        class Child(Base):
            @mapping
            def shared(self, record):
                return {}

        self.assertFalse(Child._map_methods["shared"].only_create)
        self.assertTrue(Base._map_methods["shared"].only_create)

    def test_map_child_classes(self):
        self.assertIsNone(Mapper._map_child_class)
        self.assertIs(ImportMapper._map_child_class, ImportMapChild)
        self.assertIs(ExportMapper._map_child_class, ExportMapChild)


class TestDirectSourceFieldName(TransactionCase):
    """The source field of a direct mapping, read through modifiers."""

    def test_names_and_modifiers(self):
        name_of = Mapper._direct_source_field_name
        for source, expected in [
            ("name", "name"),
            (none("email"), "email"),
            (convert("age", int), "age"),
            (none(convert("age", int)), "age"),
            (convert(none("age"), int), "age"),
            (m2o_to_external("category_id"), "category_id"),
            (m2o_to_backend("category_id", binding="x.binding"), "category_id"),
            (external_to_m2o("category"), "category"),
            (backend_to_m2o("category", binding="x.binding"), "category"),
            (follow_m2o_relations("a.b.c"), "a.b.c"),
            (none(follow_m2o_relations("a.b")), "a.b"),
        ]:
            with self.subTest(source=source):
                self.assertEqual(name_of(source), expected)

    def test_modifier_of_the_user(self):
        def upper(field):
            def modifier(self, record, to_attr):
                return record[field].upper()

            return modifier

        self.assertEqual(Mapper._direct_source_field_name(upper("code")), "code")

    def test_modifier_without_field(self):
        def bad(self, record, to_attr):
            return True

        with self.assertRaisesRegex(ValueError, "Modifier without 'field' argument"):
            Mapper._direct_source_field_name(bad)
        with self.assertRaisesRegex(ValueError, "Modifier without 'field' argument"):

            class BadMapper(Mapper):
                direct = [(bad, "x")]


class TestMapOptions(TransactionCase):
    """Missing keys are None; keys read and write as attributes."""

    def test_missing_keys(self):
        options = MapOptions(for_create=True)
        self.assertTrue(options.for_create)
        self.assertTrue(options["for_create"])
        self.assertIsNone(options.fields)
        self.assertIsNone(options["anything"])
        self.assertNotIn("anything", options)

    def test_set_attribute(self):
        options = MapOptions()
        options.lang = "fr_FR"
        self.assertEqual(options, {"lang": "fr_FR"})

    def test_copies_and_pickles(self):
        options = MapOptions(a=1)
        self.assertEqual(copy.copy(options), {"a": 1})
        self.assertEqual(copy.deepcopy(options), {"a": 1})
        self.assertEqual(pickle.loads(pickle.dumps(options)), {"a": 1})
        self.assertFalse(hasattr(options, "__missing_dunder__"))

    def test_public_names(self):
        for name in mapper_module.__all__:
            with self.subTest(name=name):
                self.assertTrue(getattr(mapper_module, name).__doc__)
