# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import ast
import importlib
import pathlib

from odoo.tests import BaseCase

ADDON = pathlib.Path(__file__).resolve().parent.parent

# Each layer and the layers it must never import (see doc/guides/architecture.rst).
FORBIDDEN = {
    "exception.py": ("connector", "backend", "session", "event", "checkpoint"),
    "connector.py": ("backend", "session", "event", "checkpoint"),
}
CORE = ["exception.py", "connector.py", "backend.py", "session.py", "event.py"]
CORE += ["checkpoint/__init__.py", "checkpoint/checkpoint.py"]
# the legacy job API: plain Python over queue_job, models reached by name
CORE += ["related_action.py", "queue/job.py", "queue/registry.py", "queue/storage.py"]

# The modules 9.0 connectors import, and the names they import from them.
LEGACY_IMPORTS = {
    "connector": ["ConnectorUnit", "ConnectorEnvironment", "Binder"]
    + ["MetaConnectorUnit", "pg_try_advisory_lock", "is_module_installed"]
    + ["get_openerp_module"],
    "backend": ["Backend", "BACKENDS", "get_backend"],
    "session": ["ConnectorSession", "ConnectorSessionHandler"],
    "event": ["Event", "on_record_create", "on_record_write", "on_record_unlink"],
    "exception": ["ConnectorException", "NoConnectorUnitError", "InvalidDataError"]
    + ["MappingError", "JobError", "NoSuchJobError", "FailedJobError"]
    + ["RetryableJobError", "NothingToDoJob", "NetworkRetryableError"]
    + ["NoExternalId", "IDMissingInBackend", "ManyIDSInBackend"],
    "checkpoint": ["checkpoint", "add_checkpoint", "add_checkpoint_message"],
    "checkpoint.checkpoint": ["add_checkpoint", "add_checkpoint_message"],
    "unit.synchronizer": ["Synchronizer", "Importer", "Exporter", "Deleter"],
    "unit.mapper": ["mapping", "changed_by", "only_create", "none", "convert"]
    + ["m2o_to_backend", "backend_to_m2o", "follow_m2o_relations", "Mapper"]
    + ["ImportMapper", "ExportMapper", "MapChild", "ImportMapChild"]
    + ["ExportMapChild", "MapRecord", "MapOptions", "MappingDefinition"],
    "unit.backend_adapter": ["BackendAdapter", "CRUDAdapter"],
    "queue.job": ["job", "related_action", "identity_exact", "Job"]
    + ["OpenERPJobStorage", "JOB_REGISTRY"],
    "related_action": ["unwrap_binding"],
}


def _relative_imports(path):
    """The addon-relative modules imported by a file (``.x``, ``..x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = (node.module or "").split(".")[0]
            if base:
                names.add(base)
            else:
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "odoo.addons.connector."
        ):
            names.add(node.module.split(".")[3])
    return names


class TestLayers(BaseCase):
    """Imports go one way: core ← unit layer ← ORM models."""

    def test_core_never_imports_the_unit_layer_or_models(self):
        for name in CORE:
            with self.subTest(module=name):
                imported = _relative_imports(ADDON / name)
                self.assertFalse(
                    imported & {"unit", "models", "controllers", "wizards"}
                )

    def test_lowest_modules_import_nothing_above_them(self):
        for name, forbidden in FORBIDDEN.items():
            with self.subTest(module=name):
                self.assertFalse(_relative_imports(ADDON / name) & set(forbidden))

    def test_unit_layer_never_imports_models(self):
        for path in (ADDON / "unit").glob("*.py"):
            with self.subTest(module=path.name):
                imported = _relative_imports(path)
                self.assertFalse(imported & {"models", "controllers", "wizards"})

    def test_migration_is_plain_python(self):
        """The migration command imports neither Odoo nor the framework: it
        runs on code that does not load yet."""
        for path in (ADDON / "migration").glob("*.py"):
            with self.subTest(module=path.name):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                for node in ast.walk(tree):
                    if isinstance(node, ast.ImportFrom):
                        self.assertLessEqual(node.level, 1)
                        self.assertFalse((node.module or "").startswith("odoo"))
                    elif isinstance(node, ast.Import):
                        for alias in node.names:
                            self.assertFalse(alias.name.startswith("odoo"))

    def test_the_check_sees_imports(self):
        """The helper finds the imports it is meant to forbid."""
        self.assertIn("connector", _relative_imports(ADDON / "backend.py"))
        self.assertIn(
            "unit", _relative_imports(ADDON / "models" / "external_binding.py")
        )


class TestLegacyImportPaths(BaseCase):
    """The modules of 9.0 keep their paths (Binder was already in
    connector.connector in 9.0: there is no connector.unit.binder)."""

    def test_9_0_import_paths_and_names(self):
        for path, names in LEGACY_IMPORTS.items():
            module = importlib.import_module(f"odoo.addons.connector.{path}")
            for name in names:
                with self.subTest(module=path, name=name):
                    self.assertTrue(hasattr(module, name))
