# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import ast
import pathlib

from odoo.tests import BaseCase

ADDON = pathlib.Path(__file__).resolve().parent.parent

# Each layer and the layers it must never import (see doc/guides/architecture.rst).
FORBIDDEN = {
    "exception.py": ("connector", "backend", "session", "event", "checkpoint"),
    "connector.py": ("backend", "session", "event", "checkpoint"),
}
CORE = ["exception.py", "connector.py", "backend.py", "session.py", "event.py"]
CORE += ["checkpoint.py"]
# the legacy job API: plain Python over queue_job, models reached by name
CORE += ["related_action.py", "queue/job.py", "queue/registry.py", "queue/storage.py"]


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
