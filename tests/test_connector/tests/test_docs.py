# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import importlib.util
import pathlib
import tempfile

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase

ROOT = pathlib.Path(__file__).resolve().parents[3]
GUIDES = ROOT / "doc" / "guides"
BOOTSTRAP = GUIDES / "bootstrap_connector.rst"


def _doc_blocks():
    """``tools/doc_blocks.py``, the reader of the guides' marked blocks."""
    spec = importlib.util.spec_from_file_location(
        "doc_blocks", ROOT / "tools" / "doc_blocks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


doc_blocks = _doc_blocks()


class TestGuideExcerpts(BaseCase):
    """The code the guides show inline is the code of the files they name."""

    def test_every_excerpt_is_in_its_file(self):
        guides = sorted(GUIDES.glob("*.rst"))
        self.assertIn(GUIDES / "tutorial.rst", guides)
        checked = 0
        for guide in guides:
            for block, reason in doc_blocks.stale_excerpts(guide, ROOT):
                self.fail(f"{guide.name}, line {block.line}: {reason}")
            checked += sum(b.kind == "excerpt" for b in doc_blocks.blocks(guide))
        self.assertGreaterEqual(checked, 10)

    def test_the_tutorial_includes_no_file(self):
        """Inline blocks, readable where Sphinx does not run (GitHub)."""
        for guide in GUIDES.glob("*.rst"):
            with self.subTest(guide=guide.name):
                self.assertNotIn("literalinclude", guide.read_text(encoding="utf-8"))

    def test_a_drifted_excerpt_is_found(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            (tmp / "code.py").write_text("a = 1\n\n\ndef f():\n    return a + 2\n")
            guide = tmp / "guide.rst"
            guide.write_text(
                "Text\n\n.. excerpt: code.py\n.. code-block:: python\n\n"
                "    a = 1\n    ...\n    def f():\n        return a + 2\n\n"
                ".. excerpt: code.py\n.. code-block:: python\n\n"
                "    def f():\n    ...\n    a = 1\n\nEnd\n"
            )
            stale = doc_blocks.stale_excerpts(guide, tmp)
            self.assertEqual([block.line for block, __ in stale], [11])
            self.assertIn("code.py no longer contains: a = 1", stale[0][1])

    def test_a_marker_without_block(self):
        with tempfile.TemporaryDirectory() as tmp:
            guide = pathlib.Path(tmp) / "guide.rst"
            guide.write_text("Text\n\n.. file: a/b.py\n\nNo code.\n")
            with self.assertRaisesRegex(
                doc_blocks.DocBlockError, "guide.rst:3: .* must be followed by"
            ):
                doc_blocks.blocks(guide)


class TestBootstrapGuide(BaseCase):
    """The bootstrap guide's connector, which ``make test`` builds from the
    guide and installs, is the guide's code exactly."""

    def test_installed_addon_is_the_guide(self):
        files = [b for b in doc_blocks.blocks(BOOTSTRAP) if b.kind == "file"]
        addons = {pathlib.PurePosixPath(b.path).parts[0] for b in files}
        self.assertEqual(addons, {"connector_coffee"})
        path = get_module_path("connector_coffee", display_warning=False)
        self.assertTrue(
            path, "connector_coffee is not in the addons path: make test builds it"
        )
        addon = pathlib.Path(path).parent
        for block in files:
            with self.subTest(file=block.path):
                written = (addon / block.path).read_text(encoding="utf-8")
                self.assertEqual(written, block.code)
        on_disk = {
            str(file.relative_to(addon)).replace("\\", "/")
            for file in (addon / "connector_coffee").rglob("*")
            if file.is_file() and "__pycache__" not in file.parts
        }
        self.assertEqual(on_disk, {block.path for block in files})

    def test_the_guide_shows_every_piece(self):
        """Backend, binding, binder, adapter, mapper, importers, job
        functions, access, start button, a test."""
        paths = {b.path for b in doc_blocks.blocks(BOOTSTRAP)}
        for expected in (
            "connector_coffee/__manifest__.py",
            "connector_coffee/backend.py",
            "connector_coffee/models/coffee_backend.py",
            "connector_coffee/models/coffee_res_partner.py",
            "connector_coffee/units/binder.py",
            "connector_coffee/units/adapter.py",
            "connector_coffee/units/mapper.py",
            "connector_coffee/units/importer.py",
            "connector_coffee/data/queue_job_function_data.xml",
            "connector_coffee/security/ir.model.access.csv",
            "connector_coffee/views/coffee_backend_views.xml",
            "connector_coffee/tests/test_import.py",
        ):
            self.assertIn(expected, paths)

    def test_extract_writes_the_blocks(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            stale = tmp / "connector_coffee" / "stale.py"
            stale.parent.mkdir()
            stale.write_text("# left from a previous run\n")
            self.assertEqual(doc_blocks.extract(BOOTSTRAP, tmp), ["connector_coffee"])
            self.assertFalse(stale.exists())
            backend = (tmp / "connector_coffee" / "backend.py").read_text()
            self.assertIn('coffee = Backend("coffee")', backend)

    def test_extract_refuses_paths_leaving_the_directory(self):
        with tempfile.TemporaryDirectory() as tmp:
            guide = pathlib.Path(tmp) / "guide.rst"
            guide.write_text(
                ".. file: ../evil.py\n.. code-block:: python\n\n    x = 1\n"
            )
            with self.assertRaisesRegex(doc_blocks.DocBlockError, "leaves"):
                doc_blocks.extract(guide, pathlib.Path(tmp) / "out")
