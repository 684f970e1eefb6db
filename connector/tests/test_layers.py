# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The layers of doc/guides/architecture.rst, checked on the imports of
every module of the addon."""

import ast
import importlib
import pathlib

from odoo.tests import BaseCase

ADDON = pathlib.Path(__file__).resolve().parent.parent

# The layers, bottom first: a module imports modules of its own layer or of
# the layers below, never above. A key is a module path inside the addon
# without ``.py`` (``unit/importer``); a package key covers its modules.
LAYERS = [
    ("exception", ["exception"]),
    ("core", ["connector"]),
    (
        "services",
        ["backend", "session", "event", "checkpoint", "related_action", "queue"],
    ),
    ("units", ["unit"]),
    ("orm", ["models", "controllers", "wizards", "cli"]),
]
# Plain Python, apart from the layers: imports neither Odoo nor the rest of
# the addon (the migration command runs on code that does not load yet);
# any layer may import it (the ``connector_migrate`` command does).
APART = ["migration"]
# Odoo model classes live in the ORM layer only.
MODEL_BASES = {"Model", "AbstractModel", "TransientModel"}

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
    "unit.synchronizer": ["Synchronizer", "Importer", "Exporter", "Deleter"]
    # the generic synchronizers, which lived in this module before
    + ["RecordImporter", "BulkImporter", "BatchImporter", "DirectBatchImporter"]
    + ["DelayedBatchImporter", "RecordExporter", "RecordDeleter"]
    + ["parse_update_date", "external_version"],
    "unit.mapper": ["mapping", "changed_by", "only_create", "none", "convert"]
    + ["m2o_to_backend", "backend_to_m2o", "follow_m2o_relations", "Mapper"]
    + ["ImportMapper", "ExportMapper", "MapChild", "ImportMapChild"]
    + ["ExportMapChild", "MapRecord", "MapOptions", "MappingDefinition"],
    "unit.backend_adapter": ["BackendAdapter", "CRUDAdapter"],
    "queue.job": ["job", "related_action", "identity_exact", "Job"]
    + ["OpenERPJobStorage", "JOB_REGISTRY"],
    "related_action": ["unwrap_binding"],
}


def _key(path):
    """The key of a file of the addon: ``unit/importer``, ``queue`` for
    ``queue/__init__.py``."""
    parts = list(path.relative_to(ADDON).with_suffix("").parts)
    return "/".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules():
    """The keys and paths of the addon's Python files, its tests and its
    root ``__init__`` (which loads everything) aside."""
    for path in sorted(ADDON.rglob("*.py")):
        if path.name == "__manifest__.py" or path == ADDON / "__init__.py":
            continue
        if (ADDON / "tests") in path.parents:
            continue
        yield _key(path), path


def _imports(path):
    """The keys of the addon's modules that a file imports when it loads
    (statements of the module's body; an import inside a function runs
    later and is no edge of the load order)."""
    package = _key(path).split("/") if path.name == "__init__.py" else None
    if package is None:
        package = _key(path).split("/")[:-1]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - node.level + 1]
            module = (node.module or "").split(".") if node.module else []
        elif (node.module or "").startswith("odoo.addons.connector."):
            base, module = [], node.module.split(".")[3:]
        else:
            continue
        if module:
            found.add(_existing("/".join(base + module)))
        else:  # from . import job
            found.update(_existing("/".join(base + [a.name])) for a in node.names)
    return found


def _existing(key):
    """``key``, or the package holding it when ``key`` names an attribute
    rather than a module (``from .checkpoint import add_checkpoint``)."""
    while key and not (
        (ADDON / f"{key}.py").exists() or (ADDON / key / "__init__.py").exists()
    ):
        key = key.rpartition("/")[0]
    return key


def _layer(key):
    """The index of the layer of a module key (``None`` when apart)."""
    top = key.split("/")[0]
    for index, (__, members) in enumerate(LAYERS):
        if top in members:
            return index
    return None


class TestLayers(BaseCase):
    """Imports run down the layers: exception ← core ← services ← units ←
    ORM (see doc/guides/architecture.rst)."""

    def test_every_module_has_a_layer(self):
        for key, __ in _modules():
            with self.subTest(module=key):
                top = key.split("/")[0]
                self.assertTrue(_layer(key) is not None or top in APART)

    def test_imports_run_down_the_layers(self):
        for key, path in _modules():
            if _layer(key) is None:
                continue
            for imported in _imports(path):
                if imported.split("/")[0] in APART:
                    continue
                with self.subTest(module=key, imports=imported):
                    self.assertIsNotNone(_layer(imported))
                    self.assertLessEqual(_layer(imported), _layer(key))

    def test_no_import_cycle(self):
        """The load order of the modules is a partial order: no module
        imports, directly or not, a module that imports it."""
        graph = {key: _imports(path) - {key} for key, path in _modules()}
        done, path = set(), []

        def visit(key):
            self.assertNotIn(key, path, f"import cycle: {path + [key]}")
            if key in done:
                return
            path.append(key)
            for imported in sorted(graph.get(key, ())):
                # a package's __init__ loading its own modules is no cycle
                if not imported.startswith(f"{key}/"):
                    visit(imported)
            path.pop()
            done.add(key)

        for key in sorted(graph):
            visit(key)

    def test_the_core_is_one_way(self):
        """exception.py imports nothing of the addon; connector.py only
        exception.py."""
        self.assertEqual(_imports(ADDON / "exception.py"), set())
        self.assertEqual(_imports(ADDON / "connector.py"), {"exception"})

    def test_models_only_in_the_orm_layer(self):
        """The layers below define no Odoo model: they reach models by
        name through the environment (``env['...']``)."""
        orm = len(LAYERS) - 1
        for key, path in _modules():
            if _layer(key) in (None, orm):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    with self.subTest(module=key, cls=node.name):
                        bases = {getattr(base, "attr", None) for base in node.bases}
                        self.assertFalse(bases & MODEL_BASES)

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
        """The helpers find the imports the tests are meant to judge."""
        self.assertIn("connector", _imports(ADDON / "backend.py"))
        self.assertIn("unit/importer", _imports(ADDON / "models/external_binding.py"))
        self.assertIn("queue/job", _imports(ADDON / "queue/__init__.py"))
        self.assertIn(
            "checkpoint/checkpoint", _imports(ADDON / "checkpoint/__init__.py")
        )
        self.assertEqual(_layer("unit/importer"), 3)
        self.assertEqual(_layer("queue/storage"), 2)
        # the moved synchronizers are reached lazily: no edge back down
        self.assertNotIn("unit/importer", _imports(ADDON / "unit/synchronizer.py"))


class TestLegacyImportPaths(BaseCase):
    """The modules of 9.0 keep their paths (Binder was already in
    connector.connector in 9.0: there is no connector.unit.binder)."""

    def test_9_0_import_paths_and_names(self):
        for path, names in LEGACY_IMPORTS.items():
            module = importlib.import_module(f"odoo.addons.connector.{path}")
            for name in names:
                with self.subTest(module=path, name=name):
                    self.assertTrue(hasattr(module, name))

    def test_moved_synchronizers_are_the_same_classes(self):
        synchronizer = importlib.import_module(
            "odoo.addons.connector.unit.synchronizer"
        )
        for home, names in synchronizer._MOVED.items():
            module = importlib.import_module(f"odoo.addons.connector.unit.{home}")
            for name in names:
                with self.subTest(name=name):
                    self.assertIs(getattr(synchronizer, name), getattr(module, name))
        self.assertFalse(hasattr(synchronizer, "NoSuchSynchronizer"))
