# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import Command

from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.unit.mapper import ExportMapper, ImportMapper
from odoo.addons.connector_example_odoo.consumer import EXPORTED_FIELDS
from odoo.addons.connector_example_odoo.units.mapper import (
    PartnerExportMapper,
    PartnerImportMapper,
)

from .common import CATEGORY, PARTNER, ExampleCase

# a partner as the adapter reads it from the remote database
REMOTE_PARTNER = {
    "id": 42,
    "name": "Azure Interior",
    "email": "azure@example.com",
    "phone": "+32 2 123 45 67",
    "street": "4557 De Silva St",
    "city": "Fremont",
    "zip": "94538",
    "country_code": "BE",
    "is_company": True,
    "active": True,
    "lang": "en_US",
    "category_id": [3, 5],
    "write_date": "2026-01-02 03:04:05",
}


class TestMappers(ExampleCase):
    """The import and export mappers of partners and categories."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categories = cls.env[CATEGORY].create(
            [
                {"name": "Three", "backend_id": cls.backend.id, "external_id": "3"},
                {"name": "Five", "backend_id": cls.backend.id, "external_id": "5"},
            ]
        )

    def import_values(self, record, for_create=True):
        mapper = self.unit(ImportMapper, PARTNER)
        self.assertIsInstance(mapper, PartnerImportMapper)
        return mapper.map_record(record).values(for_create=for_create)

    def test_import(self):
        values = self.import_values(REMOTE_PARTNER)
        self.assertEqual(
            values,
            {
                "name": "Azure Interior",
                "email": "azure@example.com",
                "phone": "+32 2 123 45 67",
                "street": "4557 De Silva St",
                "city": "Fremont",
                "zip": "94538",
                "is_company": True,
                "active": True,
                "country_id": self.env.ref("base.be").id,
                "category_id": [Command.set(self.categories.odoo_id.ids)],
                "lang": "en_US",
            },
        )

    def test_import_empty_values(self):
        """Remote ``False`` values clear the fields; no country, no
        category."""
        record = dict(
            REMOTE_PARTNER,
            email=False,
            country_code=False,
            category_id=[],
            is_company=False,
            active=False,
        )
        values = self.import_values(record)
        self.assertIs(values["email"], False)
        self.assertIs(values["country_id"], False)
        self.assertIs(values["is_company"], False)
        self.assertIs(values["active"], False)
        self.assertEqual(values["category_id"], [Command.set([])])

    def test_language_on_creation_only(self):
        self.assertNotIn("lang", self.import_values(REMOTE_PARTNER, for_create=False))
        # a language not installed here is left out
        values = self.import_values(dict(REMOTE_PARTNER, lang="tlh_KL"))
        self.assertNotIn("lang", values)

    def test_unknown_country_code(self):
        values = self.import_values(dict(REMOTE_PARTNER, country_code="XX"))
        self.assertIs(values["country_id"], False)

    def test_category_not_imported(self):
        with self.assertRaisesRegex(
            MappingError,
            "the category of external id 99 is not imported from backend "
            "'Remote test'",
        ):
            self.import_values(dict(REMOTE_PARTNER, category_id=[3, 99]))

    def test_category_import(self):
        mapper = self.unit(ImportMapper, CATEGORY)
        values = mapper.map_record(
            {"id": 3, "name": "Gold", "color": 4, "active": True}
        ).values(for_create=True)
        self.assertEqual(values, {"name": "Gold", "color": 4, "active": True})

    def test_export(self):
        partner = self.env[PARTNER].create(
            {
                "name": "Deco Addict",
                "email": "deco@example.com",
                "backend_id": self.backend.id,
                "external_id": "7",
                "category_id": [Command.set(self.categories.odoo_id.ids)],
            }
        )
        mapper = self.unit(ExportMapper, PARTNER)
        self.assertIsInstance(mapper, PartnerExportMapper)
        values = mapper.map_record(partner).values()
        self.assertEqual(
            values,
            {
                "name": "Deco Addict",
                "email": "deco@example.com",
                "phone": False,
                "street": False,
                "city": False,
                "zip": False,
                "is_company": False,
                "category_id": [(6, 0, [3, 5])],
            },
        )
        # only what changed
        self.assertEqual(
            mapper.map_record(partner).values(fields=["email"]),
            {"email": "deco@example.com"},
        )
        self.assertEqual(
            mapper.map_record(partner).values(fields=["category_id"]),
            {"category_id": [(6, 0, [3, 5])]},
        )

    def test_export_unbound_category(self):
        category = self.env["res.partner.category"].create({"name": "Local only"})
        partner = self.env[PARTNER].create(
            {
                "name": "Deco Addict",
                "backend_id": self.backend.id,
                "external_id": "7",
                "category_id": [Command.set(category.ids)],
            }
        )
        mapper = self.unit(ExportMapper, PARTNER)
        with self.assertRaisesRegex(
            MappingError,
            "the category 'Local only' has no external id on backend 'Remote "
            "test': export it first",
        ):
            mapper.map_record(partner).values(fields=["category_id"])

    def test_exported_fields(self):
        """The consumers export a change of these fields only."""
        self.assertEqual(
            EXPORTED_FIELDS,
            {
                "name",
                "email",
                "phone",
                "street",
                "city",
                "zip",
                "is_company",
                "category_id",
            },
        )
