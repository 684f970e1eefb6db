# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The migration of one addon folder, and its command line.

:func:`migrate` copies a 9.0 or 10.0 addon into a new folder and rewrites
the copy for Odoo 18 and this port (see :mod:`odoo.addons.connector.migration`
for the rules); :func:`main` is the command line, run as::

    odoo-bin connector_migrate SRC DEST      # the Odoo command
    python -m odoo.addons.connector.migration SRC DEST

All or nothing: the copy is rewritten in a temporary folder beside the
destination and renamed into place only when every file was rewritten, so
an error leaves nothing behind. ``DEST`` must not exist; ``--in-place``
replaces ``SRC`` the same way (the original is removed only once the
migrated copy is in place).
"""

import argparse
import os
import pathlib
import shutil
import sys
import tempfile

from . import connector_rules, odoo_api, odoo_fields, odoo_python
from .errors import MigrationError
from .manifest import detect_series, migrate_manifest, read_manifest
from .py2to3 import to_python3
from .report import Report
from .xml_views import migrate_xml

__all__ = ["migrate", "migrate_python", "main"]

_IGNORED = shutil.ignore_patterns("*.pyc", "*.pyo", "__pycache__", ".git", "*.orig")


def migrate_python(text, path, display_path, report):
    """The Python file ``text`` rewritten for Python 3, Odoo 18 and this
    port; what is left to a human is added to ``report``.

    :param path: the file's real path (the Python 2 relative-import fixer
        looks at its neighbours)
    :param display_path: its path in the report
    :raise MigrationError: when the file cannot be parsed
    """
    text = to_python3(text, path, display_path, report)
    text = odoo_python.rename_openerp(text, display_path, report)
    text = odoo_python.drop_coding_line(text, display_path, report)
    text = odoo_python.rewrite_imports(
        text, display_path, report, connector_rules.IMPORT_MOVES
    )
    text = odoo_python.rewrite_calls_and_fields(text, display_path, report)
    text = odoo_fields.rewrite_decimal_precision(text, display_path, report)
    text = odoo_fields.drop_oldname(text, display_path, report)
    text = odoo_python.rewrite_decorators(text, display_path, report)
    text = odoo_python.rewrite_api_one(text, display_path, report)
    text = odoo_python.rewrite_create(text, display_path, report)
    text = odoo_api.rewrite_removed_calls(text, display_path, report)
    text = odoo_python.rewrite_test_tags(text, display_path, report)
    try:
        compile(text, display_path, "exec", dont_inherit=True)
    except SyntaxError as err:  # a rule produced broken code: never write it
        raise MigrationError(
            f"{display_path}:{err.lineno}: the rewritten code does not compile "
            f"({err.msg}); please report this file"
        ) from err
    odoo_python.scan_todos(text, display_path, report)
    odoo_api.scan_todos(text, display_path, report)
    connector_rules.scan_todos(text, display_path, report)
    return text


def _read_text(path, display_path):
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise MigrationError(f"{display_path}: not UTF-8 text ({err.reason})") from err


def _rewrite_files(work, report):
    for path in sorted(work.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(work).as_posix()
        if path.suffix == ".py" and path.name not in (
            "__manifest__.py",
            "__openerp__.py",
        ):
            text = _read_text(path, relative)
            new = migrate_python(text, path, relative, report)
            if new != text:
                path.write_text(new, encoding="utf-8")
        elif path.suffix == ".xml" and not relative.startswith("static/"):
            new = migrate_xml(path.read_bytes(), relative, report)
            if new is not None:
                path.write_bytes(new)
    if any((work / "static" / "src" / kind).is_dir() for kind in ("js", "xml")):
        report.todo(
            "static/src",
            0,
            "web",
            "the 9.0/10.0 web client's JavaScript and QWeb templates do "
            "not run on Odoo 18's web client: rewrite them as OWL components",
        )
    if (work / "migrations").is_dir():
        report.todo(
            "migrations",
            0,
            "data",
            "migration scripts of the old versions: review them (the "
            "upgrade of a database to Odoo 18 is OpenUpgrade's work)",
        )


def _check_destination(source, destination, in_place):
    if in_place:
        if destination is not None:
            raise MigrationError("give DEST or --in-place, not both")
        return source
    if destination is None:
        raise MigrationError(
            "no DEST given: say where to write the migrated addon (a new folder), "
            "or use --in-place"
        )
    destination = pathlib.Path(os.path.abspath(destination))
    if destination.exists():
        raise MigrationError(
            f"{destination} already exists: the migrated addon is written to a "
            "new folder, never over an existing one"
        )
    if destination == source or source in destination.parents:
        raise MigrationError(f"{destination} is inside the addon {source}")
    parent = destination.parent
    if not parent.is_dir():
        raise MigrationError(f"cannot write {destination}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise MigrationError(f"cannot write {destination}: {parent} is not writable")
    return destination


def _install(work, source, destination, scratch, in_place):
    """Move the migrated copy into place (all or nothing)."""
    if not in_place:
        os.rename(work, destination)
        return
    original = scratch / "original"
    os.rename(source, original)
    try:
        os.rename(work, source)
    except OSError:
        os.rename(original, source)
        raise


def migrate(source, destination=None, in_place=False, from_version=None):
    """Migrate the addon folder ``source`` to Odoo 18 and this port.

    :param source: a 9.0 or 10.0 addon folder
    :param destination: the new folder to write (must not exist)
    :param in_place: replace ``source`` instead (``destination`` must be None)
    :param from_version: ``"9.0"`` or ``"10.0"`` when the manifest's version
        does not say (``1.0``...)
    :return: the :class:`~.report.Report` of what changed and what is left
    :raise MigrationError: on bad input or when a file cannot be migrated;
        nothing is written then
    """
    source = pathlib.Path(os.path.abspath(source))
    if not source.is_dir():
        raise MigrationError(f"{source} is not a folder (an addon folder is expected)")
    manifest_path, manifest = read_manifest(source)
    series = detect_series(manifest_path, manifest, from_version)
    destination = _check_destination(source, destination, in_place)
    report = Report(source.name, series)
    report.source, report.destination = source, destination
    try:
        scratch = pathlib.Path(
            tempfile.mkdtemp(
                prefix=f".{destination.name}.migrating-", dir=destination.parent
            )
        )
    except OSError as err:
        raise MigrationError(f"cannot write in {destination.parent}: {err}") from err
    try:
        work = scratch / "addon"
        shutil.copytree(source, work, ignore=_IGNORED, symlinks=True)
        text = migrate_manifest(manifest_path, manifest, report)
        (work / manifest_path.name).unlink()
        (work / "__manifest__.py").write_text(text, encoding="utf-8")
        _rewrite_files(work, report)
        if destination.name != source.name:
            report.todo(
                ".",
                0,
                "addon",
                f"the folder is named {destination.name}, the addon was "
                f"{source.name}: imports of odoo.addons.{source.name} "
                "and XML ids of the addon follow the folder's name",
            )
        _install(work, source, destination, scratch, in_place)
    except OSError as err:
        raise MigrationError(
            f"migrating {source} to {destination} failed: {err}"
        ) from err
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report


def _parser(prog):
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Rewrite a 9.0 or 10.0 connector addon for Odoo 18 and "
        "this port of the connector framework, and report what changed and "
        "what is left to do by hand.",
    )
    parser.add_argument("source", metavar="SRC", help="the addon folder to migrate")
    parser.add_argument(
        "destination",
        metavar="DEST",
        nargs="?",
        help="the new folder to write (must not exist; name it as the addon)",
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="replace SRC by its migration (all or nothing)",
    )
    parser.add_argument(
        "--from",
        dest="from_version",
        choices=("9.0", "10.0"),
        help="the Odoo series of SRC, when its version does not say",
    )
    parser.add_argument(
        "--report", metavar="FILE", help="also write the report to FILE"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def main(argv=None, prog=None):
    """Run the command line; return its exit status: 0 when the addon was
    migrated (even with things left to do), 2 on an error (nothing written).
    """
    args = _parser(prog).parse_args(argv)
    try:
        report = migrate(
            args.source, args.destination, args.in_place, args.from_version
        )
    except MigrationError as err:
        sys.stderr.write(f"error: {err}\n")
        return 2
    text = report.as_json() + "\n" if args.json else report.render()
    sys.stdout.write(text)
    if args.report:
        try:
            pathlib.Path(args.report).write_text(text, encoding="utf-8")
        except OSError as err:
            sys.stderr.write(
                f"error: cannot write the report to {args.report}: {err}\n"
            )
            return 2
    return 0
