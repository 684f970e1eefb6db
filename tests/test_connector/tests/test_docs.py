# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import importlib.util
import pathlib
import tempfile

from odoo.tests import BaseCase

ROOT = pathlib.Path(__file__).resolve().parents[3]
GUIDES = ROOT / "doc" / "guides"


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
