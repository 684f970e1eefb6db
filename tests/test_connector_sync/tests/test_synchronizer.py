# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.connector import Binder
from odoo.addons.connector.exception import NoConnectorUnitError
from odoo.addons.connector.unit import synchronizer
from odoo.addons.connector.unit.backend_adapter import BackendAdapter
from odoo.addons.connector.unit.mapper import ExportMapper, ImportMapper, Mapper
from odoo.addons.connector.unit.synchronizer import (
    BatchImporter,
    DelayedBatchImporter,
    Deleter,
    DirectBatchImporter,
    Exporter,
    Importer,
    RecordDeleter,
    RecordExporter,
    RecordImporter,
    Synchronizer,
)
from odoo.addons.test_connector_sync.units import (
    PartnerAdapter,
    PartnerBatchImporter,
    PartnerExporter,
    PartnerExportMapper,
    PartnerImporter,
    PartnerImportMapper,
    SyncBinder,
    SyncDeleter,
)

from .common import LINE, PARTNER, SyncCase


class TestSynchronizerShells(SyncCase):
    """The legacy classes: lazy units, run() not implemented."""

    def test_base_classes(self):
        self.assertIs(Synchronizer._base_mapper, Mapper)
        self.assertIs(Synchronizer._base_backend_adapter, BackendAdapter)
        self.assertIs(Synchronizer._base_binder, Binder)
        self.assertIs(Importer._base_mapper, ImportMapper)
        self.assertIs(Exporter._base_mapper, ExportMapper)
        self.assertIs(Deleter._base_mapper, Mapper)
        for cls in (Importer, Exporter, Deleter):
            self.assertTrue(issubclass(cls, Synchronizer))

    def test_no_8_0_aliases(self):
        for name in ("ExportSynchronizer", "ImportSynchronizer", "DeleteSynchronizer"):
            self.assertFalse(hasattr(synchronizer, name))

    def test_run_not_implemented(self):
        for cls in (Synchronizer, Importer, Exporter, Deleter, BatchImporter):
            with self.subTest(cls=cls.__name__):
                unit = cls(self.connector_env(PARTNER))
                with self.assertRaisesRegex(NotImplementedError, cls.__name__):
                    if cls is BatchImporter:
                        unit._import_record(1)
                    else:
                        unit.run()

    def test_units_found_lazily_and_kept(self):
        importer = Importer(self.connector_env(PARTNER))
        self.assertIsNone(importer._mapper)
        mapper = importer.mapper
        self.assertIsInstance(mapper, PartnerImportMapper)
        self.assertIs(importer.mapper, mapper)
        self.assertIsInstance(importer.binder, SyncBinder)
        self.assertIs(importer.binder, importer.binder)
        self.assertIsInstance(importer.backend_adapter, PartnerAdapter)
        self.assertIs(importer.backend_adapter, importer.backend_adapter)
        self.assertIsInstance(
            Exporter(self.connector_env(PARTNER)).mapper, PartnerExportMapper
        )

    def test_missing_units_fail_only_when_used(self):
        """The lines have mappers but no binder nor adapter."""
        importer = Importer(self.connector_env(LINE))
        self.assertTrue(importer.mapper)
        with self.assertRaisesRegex(NoConnectorUnitError, f"Binder.*{LINE}"):
            _ = importer.binder
        with self.assertRaisesRegex(NoConnectorUnitError, f"BackendAdapter.*{LINE}"):
            _ = importer.backend_adapter

    def test_base_classes_overridden(self):
        class OwnBinder(Binder):
            _model_name = PARTNER

        class OwnImporter(Importer):
            _base_binder = OwnBinder
            _base_mapper = PartnerImportMapper

        with self.assertRaisesRegex(NoConnectorUnitError, "OwnBinder"):
            _ = OwnImporter(self.connector_env(PARTNER)).binder
        importer = OwnImporter(self.connector_env(PARTNER))
        self.assertIsInstance(importer.mapper, PartnerImportMapper)

    def test_generic_units_are_found_by_their_class(self):
        self.assertIsInstance(self.unit(RecordImporter, PARTNER), PartnerImporter)
        self.assertIsInstance(self.unit(BatchImporter, PARTNER), PartnerBatchImporter)
        self.assertIsInstance(
            self.unit(DelayedBatchImporter, PARTNER), PartnerBatchImporter
        )
        self.assertIsInstance(self.unit(RecordExporter, PARTNER), PartnerExporter)
        self.assertIsInstance(self.unit(RecordDeleter, PARTNER), SyncDeleter)
        with self.assertRaises(NoConnectorUnitError):
            self.unit(DirectBatchImporter, PARTNER)

    def test_public_names_documented(self):
        for name in synchronizer.__all__:
            with self.subTest(name=name):
                self.assertTrue(getattr(synchronizer, name).__doc__)


class TestLockTextsAndDescriptions(SyncCase):
    """One function per lock text and per description, which every
    synchronizer uses."""

    def test_lock_texts(self):
        backend = self.backend_record
        prefix = f"connector.sync.backend, {backend.id}, {PARTNER}"
        # the import's text is the one jobs have always locked: keep it
        self.assertEqual(
            synchronizer.import_lock_name(backend, PARTNER, 42),
            f"import_record({prefix}, 42)",
        )
        self.assertEqual(
            synchronizer.import_lock_name(backend, PARTNER, "42"),
            synchronizer.import_lock_name(backend, PARTNER, 42),
        )
        self.assertEqual(
            synchronizer.export_lock_name(backend, PARTNER, 7),
            f"export_record({prefix}, 7)",
        )
        self.assertEqual(
            synchronizer.delete_lock_name(backend, PARTNER, "42"),
            f"delete_record({prefix}, 42)",
        )

    def test_units_take_the_functions_texts(self):
        backend = self.backend_record
        importer = self.unit(RecordImporter, PARTNER)
        importer.external_id = "42"
        self.assertEqual(
            importer._lock_name(),
            synchronizer.import_lock_name(backend, PARTNER, "42"),
        )
        self.assertEqual(
            importer._describe(),
            synchronizer.describe_external_id(backend, PARTNER, "42"),
        )
        deleter = self.unit(RecordDeleter, PARTNER)
        self.assertEqual(
            deleter._lock_name("42"),
            synchronizer.delete_lock_name(backend, PARTNER, "42"),
        )
        exporter = self.unit(RecordExporter, PARTNER)
        exporter.binding = self.bound_partner(42)
        self.assertEqual(
            exporter._lock_name(),
            synchronizer.export_lock_name(backend, PARTNER, exporter.binding.id),
        )
        self.assertEqual(
            exporter._describe(),
            synchronizer.describe_binding(backend, exporter.binding),
        )

    def test_descriptions(self):
        backend = self.backend_record
        named = f"connector.sync.backend({backend.id}) 'Sync backend'"
        self.assertEqual(synchronizer.describe_backend(backend), named)
        self.assertEqual(
            synchronizer.describe_external_id(backend, PARTNER, "42"),
            f"external id '42' of {PARTNER} (backend {named})",
        )
        binding = self.bound_partner(42)
        self.assertEqual(
            synchronizer.describe_binding(backend, binding),
            f"{PARTNER}({binding.id}) (backend {named})",
        )
