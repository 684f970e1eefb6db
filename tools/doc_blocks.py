"""The code blocks of the guides that are real code: read, checked, built.

A guide marks a code block with an RST comment (invisible in the rendered
page) on the line before its ``.. code-block::`` directive:

``.. file: <path>``
    the block is the whole file ``<path>`` of an addon the guide builds
    (``connector_coffee/backend.py``): ``extract`` writes it there;
``.. excerpt: <path>``
    the block is a verbatim excerpt of ``<path>`` in this repository
    (``examples/connector_example_odoo/backend.py``), up to whitespace; a
    line holding only ``...`` stands for lines left out (the parts around
    it appear in the file in that order): ``check`` fails when the file no
    longer contains it.

Command line (standard library only)::

    python tools/doc_blocks.py extract GUIDE.rst DEST   # prints the addons built
    python tools/doc_blocks.py check GUIDE.rst...       # from the repository root

The Odoo tests of ``test_connector`` import this module to check the same.
"""

import pathlib
import re
import shutil
import sys

MARKER = re.compile(r"^\.\. (file|excerpt): (\S+)\s*$")
DIRECTIVE = re.compile(r"^\.\. code-block::")


class DocBlockError(Exception):
    """A marker without a code block, a path leaving its directory, a file
    written twice."""


class Block:
    """A marked code block: ``kind`` (``file`` or ``excerpt``), ``path``,
    ``code`` (dedented, ending with a newline), ``guide`` and ``line``
    (where the marker is)."""

    def __init__(self, kind, path, code, guide, line):
        self.kind = kind
        self.path = path
        self.code = code
        self.guide = guide
        self.line = line

    def __repr__(self):
        return f"<{self.kind} {self.path} at {self.guide}:{self.line}>"


def _indent(line):
    """The number of spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def blocks(guide):
    """The marked code blocks of the RST file ``guide``, in order.

    :raise DocBlockError: when a marker is not followed by a code block
    """
    guide = pathlib.Path(guide)
    lines = guide.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        match = MARKER.match(line)
        if not match:
            continue
        where = f"{guide}:{number + 1}"
        index = number + 1
        if index >= len(lines) or not DIRECTIVE.match(lines[index]):
            raise DocBlockError(
                f"{where}: '{line}' must be followed by a '.. code-block::' line"
            )
        index += 1
        # the directive's options (":caption: ..."), then a blank line
        while index < len(lines) and lines[index].strip().startswith(":"):
            index += 1
        body = []
        while index < len(lines) and (
            not lines[index].strip() or _indent(lines[index]) > 0
        ):
            body.append(lines[index])
            index += 1
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        if not body:
            raise DocBlockError(f"{where}: the code block after '{line}' is empty")
        margin = min(_indent(text) for text in body if text.strip())
        code = "\n".join(text[margin:] for text in body) + "\n"
        found.append(Block(match.group(1), match.group(2), code, guide, number + 1))
    return found


def extract(guide, dest):
    """Write the ``file`` blocks of ``guide`` under ``dest`` (emptied of the
    addons they belong to first); return the names of the addons written
    (the first part of each path holding a ``__manifest__.py``).

    :raise DocBlockError: for a path leaving ``dest`` or written twice
    """
    dest = pathlib.Path(dest).resolve()
    files = [block for block in blocks(guide) if block.kind == "file"]
    seen = {}
    for block in files:
        target = (dest / block.path).resolve()
        if dest not in target.parents:
            raise DocBlockError(
                f"{block.guide}:{block.line}: {block.path} leaves {dest}"
            )
        if target in seen:
            raise DocBlockError(
                f"{block.guide}:{block.line}: {block.path} is already the block at "
                f"line {seen[target].line}"
            )
        seen[target] = block
    tops = {pathlib.PurePosixPath(block.path).parts[0] for block in files}
    for top in tops:
        shutil.rmtree(dest / top, ignore_errors=True)
    for target, block in seen.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.code, encoding="utf-8")
    return sorted(top for top in tops if (dest / top / "__manifest__.py").is_file())


def normalized(text):
    """``text`` with every run of whitespace as one space."""
    return " ".join(text.split())


def missing_part(excerpt, text):
    """The first part of ``excerpt`` (parts are separated by lines holding
    only ``...``) that ``text`` does not contain after the previous part,
    up to whitespace; ``None`` when it contains them all."""
    text = normalized(text)
    position = 0
    part = []
    for line in excerpt.splitlines() + ["..."]:
        if line.strip() != "...":
            part.append(line)
            continue
        wanted = normalized("\n".join(part))
        part = []
        if not wanted:
            continue
        found = text.find(wanted, position)
        if found < 0:
            return wanted
        position = found + len(wanted)
    return None


def stale_excerpts(guide, root):
    """The ``excerpt`` blocks of ``guide`` that the file they name (relative
    to ``root``) does not contain: a list of ``(block, reason)``."""
    root = pathlib.Path(root)
    stale = []
    for block in blocks(guide):
        if block.kind != "excerpt":
            continue
        source = root / block.path
        if not source.is_file():
            stale.append((block, f"{block.path} does not exist"))
            continue
        missing = missing_part(block.code, source.read_text("utf-8"))
        if missing is not None:
            stale.append((block, f"{block.path} no longer contains: {missing[:120]}"))
    return stale


def main(argv):
    """The command line (see the module documentation); the exit status."""
    if len(argv) == 3 and argv[0] == "extract":
        print(",".join(extract(argv[1], argv[2])))
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        root = pathlib.Path(__file__).resolve().parent.parent
        stale = [item for guide in argv[1:] for item in stale_excerpts(guide, root)]
        for block, reason in stale:
            print(f"{block.guide}:{block.line}: {reason}", file=sys.stderr)
        return 1 if stale else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except DocBlockError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
