"""The layout of the repository's XML files (``make lint``, pre-commit).

OCA formats XML with prettier's XML plugin; this project downloads nothing
at lint or commit time, so this script checks the same layout with the
Python standard library and lxml (an Odoo requirement):

* the header ``<?xml version="1.0" encoding="utf-8" ?>``, a well-formed
  document, LF line ends, no tab, no trailing space, one final newline;
* 4 spaces of indentation a level: a line starting with an element or a
  comment is indented 4 times its depth, and every line starting with a
  closing tag by a multiple of 4;
* attributes in double quotes, a space before ``/>``;
* a line holding one tag (and maybe its text and closing tag) fits in
  :data:`WIDTH` columns, or has its attributes one per line, the tag's
  ``>`` or ``/>`` on a line of its own at the tag's indentation.

Command line, from the repository root (``--fix`` rewraps the long tags and
adds the missing spaces before ``/>``, then checks)::

    python tools/xml_style.py [--fix] [FILE.xml...]   # default: git's files

The legacy 9.0/10.0 addons of ``tests/legacy`` are left as those versions
wrote them: they are the migration command's input.
"""

import pathlib
import re
import subprocess
import sys

from lxml import etree

HEADER = '<?xml version="1.0" encoding="utf-8" ?>'
WIDTH = 88
INDENT = 4
EXCLUDED = ("tests/legacy/",)
#: A start or empty tag, quoted values included (they may hold ``<``, ``>``).
TAG = re.compile(r"<(?![!?/])[^\"'<>]*(?:(?:\"[^\"]*\"|'[^']*')[^\"'<>]*)*>")
ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')""")
#: A line holding one tag, then maybe its text and closing tag.
ONE_TAG = re.compile(
    r"^(?P<indent> *)<(?P<name>[\w:.-]+)(?P<attrs>(?:\s+[\w:.-]+=\"[^\"]*\")+)"
    r"\s*(?P<end>/?>)(?P<rest>.*)$"
)


def _tracked_files():
    """The XML files git tracks, but the excluded ones (outside a git
    checkout: every XML file but those of the caches)."""
    try:
        names = subprocess.run(
            ["git", "ls-files", "*.xml"], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        ignored = {".git", ".venv", ".cache", "_build", "build"}
        names = [
            str(path)
            for path in pathlib.Path().rglob("*.xml")
            if not ignored.intersection(path.parts)
        ]
    return [name for name in sorted(names) if not name.startswith(EXCLUDED)]


def _line_problems(lines):
    """Problems of the lines themselves: ``(line number, message)``."""
    problems = []
    if lines[0] != HEADER:
        problems.append((1, f"the first line must be {HEADER}"))
    for number, line in enumerate(lines, start=1):
        if "\t" in line or "\r" in line:
            problems.append((number, "a tab or carriage return"))
        if line != line.rstrip():
            problems.append((number, "trailing whitespace"))
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped.startswith("</") and indent % INDENT:
            problems.append((number, f"a closing tag indented by {indent} spaces"))
        if len(line) > WIDTH and ONE_TAG.match(line):
            problems.append((number, f"longer than {WIDTH}: one attribute a line"))
    return problems


def _tag_problems(text):
    """Problems of the tags' attributes and ends."""
    problems = []
    for tag in TAG.finditer(text):
        number = text.count("\n", 0, tag.start()) + 1
        for attribute in ATTRIBUTE.finditer(tag.group()):
            if attribute.group(2).startswith("'"):
                problems.append((number, f"{attribute.group(1)}= in single quotes"))
        if tag.group().endswith("/>") and not tag.group()[-3].isspace():
            problems.append((number, "no space before />"))
    return problems


def _indent_problems(path, lines):
    """Elements and comments starting a line, indented by their depth."""
    try:
        tree = etree.parse(path)
    except etree.XMLSyntaxError as err:
        return [(err.lineno, f"not well-formed: {err.msg}")]
    problems = []
    for node in tree.getroot().iter():
        if node.tag is etree.Comment:
            opening = "<!--"
        elif isinstance(node.tag, str):
            opening = f"<{node.tag}"
        else:  # a processing instruction or an entity: no rule
            continue
        line = lines[node.sourceline - 1]
        stripped = line.lstrip(" ")
        if stripped.startswith(opening):
            depth = sum(1 for __ in node.iterancestors())
            indent = len(line) - len(stripped)
            if indent != INDENT * depth:
                problems.append(
                    (node.sourceline, f"indented {indent}, expected {INDENT * depth}")
                )
    return problems


def check(path):
    """The layout problems of the file ``path``: ``(line, message)`` pairs,
    in line order."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    problems = (
        []
        if text.endswith("\n") and not text.endswith("\n\n")
        else [(len(lines), "the file must end with one newline")]
    )
    lines = lines[:-1] if text.endswith("\n") else lines
    problems += _line_problems(lines) + _tag_problems(text)
    problems += _indent_problems(path, lines)
    return sorted(set(problems))


def _wrap(line):
    """``line`` with its one tag's attributes one a line, when it is too
    long; else ``line``."""
    match = ONE_TAG.match(line)
    if len(line) <= WIDTH or not match:
        return [line]
    indent = match["indent"]
    attrs = [m.group() for m in ATTRIBUTE.finditer(match["attrs"])]
    end = " />" if match["end"] == "/>" else ">"
    wrapped = [f"{indent}<{match['name']}"]
    wrapped += [f"{indent}{' ' * INDENT}{attr}" for attr in attrs]
    wrapped.append(f"{indent}{end.strip()}{match['rest']}")
    return wrapped


def fix(path):
    """Rewrap the long one-tag lines of ``path`` and add the missing space
    before ``/>``; returns whether the file changed."""
    file = pathlib.Path(path)
    text = file.read_text(encoding="utf-8")
    fixed = TAG.sub(
        lambda tag: re.sub(r"(?<=\S)/>$", " />", tag.group()),
        text,
    )
    lines = [wrapped for line in fixed.split("\n") for wrapped in _wrap(line)]
    fixed = "\n".join(lines)
    if fixed != text:
        file.write_text(fixed, encoding="utf-8")
    return fixed != text


def main(argv):
    """Check (and with ``--fix``, first fix) the files; exit status 1 when a
    problem is left."""
    fixing = "--fix" in argv
    paths = [arg for arg in argv if arg != "--fix"] or _tracked_files()
    paths = [path for path in paths if not path.startswith(EXCLUDED)]
    failed = False
    for path in paths:
        if fixing and fix(path):
            print(f"{path}: rewritten")
        for number, message in check(path):
            print(f"{path}:{number}: {message}")
            failed = True
    if failed:
        print(
            "XML layout: see tools/xml_style.py (python tools/xml_style.py --fix "
            "rewraps long tags)",
            file=sys.stderr,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
