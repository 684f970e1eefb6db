# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import TransactionCase

from odoo.addons.connector import backend as backend_module
from odoo.addons.connector.backend import Backend, BackendRegistry, get_backend
from odoo.addons.connector.connector import ConnectorUnit
from odoo.addons.connector.exception import (
    NoBackendError,
    NoConnectorUnitError,
    SeveralConnectorUnitsError,
)

from .common import RestoreBackendsMixin


class Unit(ConnectorUnit):
    """Base class of the units registered in these tests."""


class TestBackendRegistry(RestoreBackendsMixin, TransactionCase):
    """Backends, their services, versions and the registry."""

    def setUp(self):
        super().setUp()
        self.registry_ = BackendRegistry()

    def test_service_or_parent_is_required(self):
        with self.assertRaisesRegex(ValueError, "service or a parent"):
            Backend(registry=self.registry_)

    def test_child_takes_the_service_of_its_parent(self):
        parent = Backend("shop", registry=self.registry_)
        child = Backend(parent=parent, version="2.0", registry=self.registry_)
        self.assertEqual(child.service, "shop")
        self.assertEqual(child.version, "2.0")

    def test_str_and_repr(self):
        generic = Backend("shop", registry=self.registry_)
        versioned = Backend("shop", version="2.0", registry=self.registry_)
        self.assertEqual(str(generic), "Backend('shop')")
        self.assertEqual(repr(generic), "<Backend 'shop'>")
        self.assertEqual(str(versioned), "Backend('shop', '2.0')")
        self.assertEqual(repr(versioned), "<Backend 'shop', '2.0'>")

    def test_get_backend_by_service_and_version(self):
        generic = Backend("shop", registry=self.registry_)
        versioned = Backend(parent=generic, version="2.0", registry=self.registry_)
        self.assertIs(self.registry_.get_backend("shop"), generic)
        self.assertIs(self.registry_.get_backend("shop", "2.0"), versioned)

    def test_empty_version_finds_the_generic_backend(self):
        generic = Backend("shop", registry=self.registry_)
        Backend(parent=generic, version="2.0", registry=self.registry_)
        for empty in (None, False, ""):
            with self.subTest(version=empty):
                self.assertIs(self.registry_.get_backend("shop", empty), generic)

    def test_unknown_service_or_version(self):
        Backend("shop", registry=self.registry_)
        with self.assertRaisesRegex(NoBackendError, "'erp'.*'1.0'"):
            self.registry_.get_backend("erp", "1.0")
        with self.assertRaisesRegex(ValueError, "'shop'.*'9.9'"):
            self.registry_.get_backend("shop", "9.9")

    def test_unknown_service_or_version_says_what_to_do(self):
        Backend("shop", version="2.0", registry=self.registry_)
        cases = {
            ("erp", "1.0"): "create Backend('erp') in a module its addon imports, "
            "or correct the service name (the _backend_type of the backend model)",
            ("shop", "9.9"): "create Backend(parent=<the 'shop' backend>, "
            "version='9.9'), or give the backend record one of the versions of "
            "'shop' listed",
            ("shop", None): "give the backend record one of the versions of 'shop' "
            "listed, or create Backend('shop') without version",
        }
        for (service, version), hint in cases.items():
            with self.subTest(service=service, version=version):
                with self.assertRaises(NoBackendError) as cm:
                    self.registry_.get_backend(service, version)
                self.assertIn(
                    "(registered backends: Backend('shop', '2.0'))", str(cm.exception)
                )
                self.assertIn(hint, str(cm.exception))

    def test_backend_created_twice(self):
        Backend("shop", registry=self.registry_)
        Backend("shop", registry=self.registry_)
        with self.assertRaises(NoBackendError) as cm:
            self.registry_.get_backend("shop")
        message = str(cm.exception)
        self.assertIn("Several backends registered for service 'shop'", message)
        self.assertIn("create it once, in one module", message)
        self.assertIn("import it from there", message)

    def test_backends_register_in_the_global_registry(self):
        shop = Backend("connector_test_global_shop")
        self.assertIn(shop, backend_module.BACKENDS.backends)
        self.assertIs(get_backend("connector_test_global_shop"), shop)


class TestBackendUnits(RestoreBackendsMixin, TransactionCase):
    """Registration and lookup of unit classes on backends."""

    def setUp(self):
        super().setUp()
        self.registry_ = BackendRegistry()
        self.shop = Backend("shop", registry=self.registry_)
        self.shop2 = Backend(parent=self.shop, version="2", registry=self.registry_)

    def test_register_by_decorator_and_call(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        class UserUnit(Unit):
            _model_name = "res.users"

        self.assertIs(self.shop(UserUnit), UserUnit)
        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), PartnerUnit)
        self.assertIs(self.shop.get_class(Unit, self.env, "res.users"), UserUnit)

    def test_lookup_by_base_class(self):
        class Importer(Unit):
            pass

        class Exporter(Unit):
            pass

        @self.shop
        class PartnerImporter(Importer):
            _model_name = "res.partner"

        @self.shop
        class PartnerExporter(Exporter):
            _model_name = "res.partner"

        self.assertIs(
            self.shop.get_class(Importer, self.env, "res.partner"), PartnerImporter
        )
        self.assertIs(
            self.shop.get_class(Exporter, self.env, "res.partner"), PartnerExporter
        )

    def test_no_unit_for_the_model(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        with self.assertRaisesRegex(NoConnectorUnitError, "Unit.*res.users.*shop"):
            self.shop.get_class(Unit, self.env, "res.users")

    def test_no_unit_says_what_is_registered_and_why(self):
        @self.shop
        class PartnerMapper(Unit):
            _model_name = "res.partner"

        class Elsewhere(Unit):
            _model_name = "res.partner"

        Elsewhere._module = "connector_not_installed"
        self.shop(Elsewhere)

        class Importer(Unit):
            """Nothing of this kind is registered."""

        with self.assertRaises(NoConnectorUnitError) as caught:
            self.shop.get_class(Importer, self.env, "res.partner")
        message = str(caught.exception)
        self.assertIn("No matching class found for Importer with model name", message)
        self.assertIn("Registered for res.partner: ", message)
        self.assertIn(f"{__name__}.PartnerMapper (Unit on Backend('shop'))", message)
        self.assertIn(
            "Elsewhere (Unit on Backend('shop'), addon connector_not_installed not "
            "installed)",
            message,
        )
        self.assertIn("not imported by its addon", message)
        self.assertIn("not decorated with @shop", message)
        with self.assertRaisesRegex(
            NoConnectorUnitError, "No unit is registered for res.users on"
        ):
            self.shop.get_class(Importer, self.env, "res.users")

    def test_several_units_match(self):
        @self.shop
        class PartnerUnitA(Unit):
            _model_name = "res.partner"

        @self.shop
        class PartnerUnitB(Unit):
            _model_name = "res.partner"

        with self.assertRaises(SeveralConnectorUnitsError) as cm:
            self.shop.get_class(Unit, self.env, "res.partner")
        self.assertIsInstance(cm.exception, AssertionError)
        self.assertIn("PartnerUnitA", str(cm.exception))
        self.assertIn("PartnerUnitB", str(cm.exception))

    def test_unit_of_an_uninstalled_addon_is_never_returned(self):
        @self.shop
        class InstalledUnit(Unit):
            _model_name = "res.partner"

        @self.shop
        class UninstalledUnit(Unit):
            __module__ = "odoo.addons.connector_not_installed_addon.units"
            _model_name = ["res.partner", "res.users"]

        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), InstalledUnit)
        with self.assertRaises(NoConnectorUnitError):
            self.shop.get_class(Unit, self.env, "res.users")

    def test_replacing(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        @self.shop(replacing=PartnerUnit)
        class BetterPartnerUnit(PartnerUnit):
            pass

        self.assertIs(
            self.shop.get_class(Unit, self.env, "res.partner"), BetterPartnerUnit
        )

    def test_replacing_chain(self):
        @self.shop
        class UnitA(Unit):
            _model_name = "res.partner"

        @self.shop(replacing=UnitA)
        class UnitB(UnitA):
            pass

        @self.shop(replacing=UnitB)
        class UnitC(UnitB):
            pass

        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), UnitC)

    def test_replacing_several_classes(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        @self.shop
        class UserUnit(Unit):
            _model_name = "res.users"

        @self.shop(replacing=(PartnerUnit, UserUnit))
        class BothUnit(Unit):
            _model_name = ["res.partner", "res.users"]

        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), BothUnit)
        self.assertIs(self.shop.get_class(Unit, self.env, "res.users"), BothUnit)

    def test_replacing_by_an_uninstalled_addon(self):
        """The replaced class serves where the replacer is not installed."""

        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        @self.shop(replacing=PartnerUnit)
        class UninstalledReplacer(PartnerUnit):
            __module__ = "odoo.addons.connector_not_installed_addon.units"

        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), PartnerUnit)

    def test_replacing_chain_with_an_uninstalled_link(self):
        @self.shop
        class UnitA(Unit):
            _model_name = "res.partner"

        @self.shop(replacing=UnitA)
        class UnitB(UnitA):
            pass

        @self.shop(replacing=UnitB)
        class UnitC(UnitB):
            __module__ = "odoo.addons.connector_not_installed_addon.units"

        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), UnitB)

    def test_replacing_itself(self):
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        with self.assertRaisesRegex(ValueError, "cannot replace itself"):
            self.shop.register_class(PartnerUnit, replacing=PartnerUnit)

    def test_replacing_an_unregistered_class(self):
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        with self.assertRaisesRegex(ValueError, "not registered"):

            @self.shop(replacing=PartnerUnit)
            class Replacer(PartnerUnit):
                pass

    def test_replacing_a_class_of_the_parent_backend(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        with self.assertRaisesRegex(
            ValueError, "not registered on Backend\\('shop', '2'\\)"
        ):

            @self.shop2(replacing=PartnerUnit)
            class Replacer(PartnerUnit):
                pass

    def test_parent_fallback(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        @self.shop
        class UserUnit(Unit):
            _model_name = "res.users"

        @self.shop2
        class PartnerUnit2(PartnerUnit):
            pass

        self.assertIs(self.shop2.get_class(Unit, self.env, "res.partner"), PartnerUnit2)
        self.assertIs(self.shop2.get_class(Unit, self.env, "res.users"), UserUnit)
        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), PartnerUnit)

    def test_parent_fallback_over_two_levels(self):
        shop21 = Backend(parent=self.shop2, version="2.1", registry=self.registry_)

        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        self.assertIs(shop21.get_class(Unit, self.env, "res.partner"), PartnerUnit)
        self.assertEqual(shop21.service, "shop")

    def test_unregister_class(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        @self.shop(replacing=PartnerUnit)
        class Replacer(PartnerUnit):
            pass

        self.shop.unregister_class(Replacer)
        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), PartnerUnit)
        self.shop.unregister_class(PartnerUnit)
        with self.assertRaises(NoConnectorUnitError):
            self.shop.get_class(Unit, self.env, "res.partner")

    def test_addon_reassigned_under_the_9_0_name(self):
        class UninstalledUnit(Unit):
            _model_name = "res.partner"

        UninstalledUnit._openerp_module_ = "connector_not_installed_addon"
        self.shop(UninstalledUnit)
        with self.assertRaises(NoConnectorUnitError):
            self.shop.get_class(Unit, self.env, "res.partner")

    def test_addon_reassigned_under_the_10_0_name(self):
        class UninstalledUnit(Unit):
            _model_name = "res.partner"

        UninstalledUnit._module = "connector_not_installed_addon"
        self.shop(UninstalledUnit)
        with self.assertRaises(NoConnectorUnitError):
            self.shop.get_class(Unit, self.env, "res.partner")

    def test_addon_reassigned_after_registration(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), PartnerUnit)
        PartnerUnit._openerp_module_ = "connector_not_installed_addon"
        with self.assertRaises(NoConnectorUnitError):
            self.shop.get_class(Unit, self.env, "res.partner")
        self.assertEqual(
            self.shop._class_entries[0].odoo_module, "connector_not_installed_addon"
        )

    def test_addon_reassigned_under_both_names(self):
        """The 10.0 name wins when both names were changed."""

        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        PartnerUnit._openerp_module_ = "queue_job"
        PartnerUnit._module = "connector_not_installed_addon"
        with self.assertRaises(NoConnectorUnitError):
            self.shop.get_class(Unit, self.env, "res.partner")
        PartnerUnit._module = "queue_job"
        PartnerUnit._openerp_module_ = "connector_not_installed_addon"
        self.assertIs(self.shop.get_class(Unit, self.env, "res.partner"), PartnerUnit)

    def test_registered_unit_without_model_name(self):
        @self.shop
        class NoModelUnit(Unit):
            pass

        with self.assertRaises(NotImplementedError) as cm:
            self.shop.get_class(Unit, self.env, "res.partner")
        message = str(cm.exception)
        self.assertIn("no _model_name for", message)
        self.assertIn("NoModelUnit", message)
        self.assertIn("set _model_name to the model the unit serves", message)
        self.assertIn("must not be decorated with (registered on) a backend", message)

    def test_entries_keep_the_addon_under_both_names(self):
        @self.shop
        class PartnerUnit(Unit):
            _model_name = "res.partner"

        entry = self.shop._class_entries[0]
        self.assertEqual(entry.odoo_module, "connector")
        self.assertEqual(entry.openerp_module, "connector")
