# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import TransactionCase

from odoo.addons.connector import connector
from odoo.addons.connector.connector import (
    ConnectorUnit,
    MetaConnectorUnit,
    get_odoo_module,
    get_openerp_module,
    is_module_installed,
)
from odoo.addons.connector.session import ConnectorSession


class TestAddonName(TransactionCase):
    """Which addon a class or function belongs to."""

    def test_addon_name_of_module_paths(self):
        for path, addon in [
            ("odoo.addons.sale", "sale"),
            ("odoo.addons.sale.models.sale_order", "sale"),
            ("openerp.addons.sale.models", "sale"),
            ("sale", "sale"),
            ("sale.models.x", "sale"),
            ("odoo.addons", "odoo"),
        ]:
            with self.subTest(path=path):
                self.assertEqual(connector._get_addon_name(path), addon)
                self.assertEqual(connector._get_openerp_module_name(path), addon)

    def test_module_of_class_and_function(self):
        self.assertEqual(get_openerp_module(ConnectorUnit), "connector")
        self.assertEqual(get_odoo_module(is_module_installed), "connector")

    def test_is_module_installed(self):
        self.assertTrue(is_module_installed(self.env, "connector"))
        self.assertTrue(is_module_installed(self.env, "queue_job"))
        self.assertFalse(is_module_installed(self.env, "not_an_addon_at_all"))

    def test_is_module_installed_with_a_session(self):
        session = ConnectorSession.from_env(self.env)
        self.assertTrue(is_module_installed(session, "connector"))
        self.assertFalse(is_module_installed(session, "not_an_addon_at_all"))


class TestMetaConnectorUnit(TransactionCase):
    """The metaclass: addon of each unit and the models it serves."""

    def test_unit_records_its_addon_under_both_names(self):
        class Unit(ConnectorUnit):
            _model_name = "res.partner"

        self.assertIsInstance(Unit, MetaConnectorUnit)
        self.assertEqual(Unit._module, "connector")
        self.assertEqual(Unit._openerp_module_, "connector")

    def test_unit_of_another_addon(self):
        class Unit(ConnectorUnit):
            __module__ = "odoo.addons.some_other_addon.units"
            _model_name = "res.partner"

        self.assertEqual(Unit._module, "some_other_addon")
        self.assertEqual(Unit._openerp_module_, "some_other_addon")

    def test_for_model_names_wraps_a_string(self):
        class Unit(ConnectorUnit):
            _model_name = "res.partner"

        self.assertEqual(Unit.for_model_names, ["res.partner"])

    def test_for_model_names_of_a_list_or_tuple(self):
        class ListUnit(ConnectorUnit):
            _model_name = ["res.partner", "res.users"]

        class TupleUnit(ConnectorUnit):
            _model_name = ("res.partner", "res.users")

        self.assertEqual(ListUnit.for_model_names, ["res.partner", "res.users"])
        self.assertEqual(TupleUnit.for_model_names, ["res.partner", "res.users"])

    def test_for_model_names_without_model_name(self):
        class NoModelUnit(ConnectorUnit):
            pass

        with self.assertRaisesRegex(NotImplementedError, "NoModelUnit"):
            _names = NoModelUnit.for_model_names

    def test_match_by_name_or_model(self):
        class Unit(ConnectorUnit):
            _model_name = ["res.partner", "res.users"]

        self.assertTrue(Unit.match(self.env, "res.partner"))
        self.assertTrue(Unit.match(self.env, self.env["res.users"]))
        self.assertFalse(Unit.match(self.env, "res.company"))
        self.assertFalse(Unit.match(self.env, self.env["res.company"]))
