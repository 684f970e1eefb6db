# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The addon's manifest: which Odoo series an addon was written for, and its
rewrite for Odoo 18.

9.0 addons describe themselves in ``__openerp__.py``, 10.0 ones in
``__manifest__.py``; both carry a version whose first two numbers are the
series (``9.0.1.2.0``). The rewrite writes ``__manifest__.py`` with the
version ``18.0.x.y.z`` (the addon's own ``x.y.z`` kept) and converts or drops
the keys Odoo 18 no longer reads.
"""

import ast
import re

from .errors import MigrationError

__all__ = [
    "SUPPORTED_SERIES",
    "MANIFEST_NAMES",
    "read_manifest",
    "detect_series",
    "migrate_manifest",
]

#: The series this command migrates from.
SUPPORTED_SERIES = ("9.0", "10.0")
#: Manifest file names, newest first (``__terp__.py`` is the 6.0 one).
MANIFEST_NAMES = ("__manifest__.py", "__openerp__.py", "__terp__.py")
TARGET_SERIES = "18.0"

_SERIES_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+\.\d+\.\d+)$")
_SHORT_RE = re.compile(r"^\d+(\.\d+){0,2}$")
#: Keys of old manifests renamed since (9.0 still read the old names).
_RENAMED_KEYS = {
    "update_xml": "data",
    "init_xml": "data",
    "demo_xml": "demo",
    "active": "auto_install",
}
#: Keys Odoo 18 ignores, with the reason given in the report.
_DROPPED_KEYS = {
    "test": "YAML tests are no longer run (Odoo 12 removed them)",
    "js": "the old web client's assets: declare them in 'assets' (web.assets_backend)",
    "css": "the old web client's assets: declare them in 'assets' (web.assets_backend)",
    "qweb": "the old web client's templates: declare them in 'assets'",
}
#: Dependencies merged into others since 9.0/10.0.
_MERGED_DEPENDS = {
    "web_kanban": "web",
    "web_calendar": "web",
    "web_gantt": "web",
    "web_graph": "web",
    "report": "base",
    "email_template": "mail",
    "procurement": "stock",
}


def read_manifest(addon_dir):
    """The manifest file of ``addon_dir`` and its content.

    :return: ``(path, dict)``
    :raise MigrationError: when the folder holds no manifest or it cannot be
        read as a Python dict literal
    """
    for name in MANIFEST_NAMES:
        path = addon_dir / name
        if path.is_file():
            break
    else:
        raise MigrationError(
            f"{addon_dir} is not an Odoo addon: it has no __manifest__.py "
            "or __openerp__.py"
        )
    text = path.read_text(encoding="utf-8")
    try:
        manifest = ast.literal_eval(text.strip())
    except (SyntaxError, ValueError) as err:
        line = getattr(err, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise MigrationError(
            f"{where}: the manifest is not a dict literal: {err}"
        ) from err
    if not isinstance(manifest, dict):
        raise MigrationError(f"{path}: the manifest is not a dict")
    return path, manifest


def detect_series(manifest_path, manifest, asked=None):
    """The Odoo series the addon was written for: ``"9.0"`` or ``"10.0"``.

    It is read from the version (``9.0.1.0.0``); a version without series
    (``1.0``) needs ``asked`` (the ``--from`` option).

    :raise MigrationError: for another series (8.0, 11.0 and later,
        18.0...), a ``__terp__.py``, or a version without series when
        ``asked`` is not given
    """
    name = manifest_path.name
    version = str(manifest.get("version", ""))
    match = _SERIES_RE.match(version)
    series = f"{match.group(1)}.{match.group(2)}" if match else None
    if name == "__terp__.py":
        raise MigrationError(
            f"{manifest_path}: a __terp__.py addon (Odoo 6.0 or older); this "
            "command migrates 9.0 and 10.0 addons"
        )
    if series is None:
        if asked is None:
            raise MigrationError(
                f"{manifest_path}: the version {version!r} does not name the "
                "Odoo series; say which with --from 9.0 or --from 10.0"
            )
        series = asked
    elif asked is not None and asked != series:
        raise MigrationError(
            f"{manifest_path}: --from {asked} was asked but the version "
            f"{version!r} is of Odoo {series}"
        )
    if series == TARGET_SERIES:
        raise MigrationError(
            f"{manifest_path}: the addon is already an Odoo {series} addon "
            f"(version {version!r}); there is nothing to migrate"
        )
    if series not in SUPPORTED_SERIES:
        raise MigrationError(
            f"{manifest_path}: the addon is an Odoo {series} addon (version "
            f"{version!r}); this command migrates 9.0 and 10.0 addons"
        )
    if name == "__openerp__.py" and series != "9.0":
        raise MigrationError(
            f"{manifest_path}: a 10.0 version in __openerp__.py, which Odoo 10 "
            "does not read; fix the version or the file name first"
        )
    return series


def _target_version(version):
    match = _SERIES_RE.match(version)
    if match:
        return f"{TARGET_SERIES}.{match.group(3)}"
    if _SHORT_RE.match(version):
        parts = (version.split(".") + ["0", "0", "0"])[:3]
        return f"{TARGET_SERIES}.{'.'.join(parts)}"
    return f"{TARGET_SERIES}.1.0.0"


def _convert_keys(manifest, report, where):
    result = {}
    for key, value in manifest.items():
        if key in _DROPPED_KEYS:
            report.todo(
                where, 0, "manifest", f"key {key!r} dropped: {_DROPPED_KEYS[key]}"
            )
            continue
        new_key = _RENAMED_KEYS.get(key, key)
        if new_key != key:
            report.change(where, 0, "manifest", f"key {key!r} renamed {new_key!r}")
            if isinstance(value, list) and isinstance(result.get(new_key), list):
                value = result[new_key] + value
        result[new_key] = value
    return result


def _convert_files(result, report, where):
    for key in ("data", "demo"):
        files = result.get(key)
        if not isinstance(files, list):
            continue
        kept = []
        for name in files:
            if str(name).endswith((".yml", ".yaml")):
                report.todo(
                    where,
                    0,
                    "manifest",
                    f"{key} file {name!r} dropped: Odoo 18 loads no YAML data; "
                    "rewrite it in XML or as a test",
                )
            else:
                kept.append(name)
        result[key] = kept


def _convert_depends(result, report, where):
    depends = []
    for name in result.get("depends", []):
        merged = _MERGED_DEPENDS.get(name)
        if merged:
            report.change(
                where, 0, "manifest", f"dependency {name!r} -> {merged!r} (merged)"
            )
            name = merged
        if name not in depends:
            depends.append(name)
    if "depends" in result:
        result["depends"] = depends


def migrate_manifest(manifest_path, manifest, report):
    """The text of the Odoo 18 ``__manifest__.py`` for ``manifest``.

    The leading comment lines of the original file (copyright, license) are
    kept; the dict is written again, keys in their original order.

    :param manifest_path: the original manifest file
    :param manifest: its content
    :param report: the :class:`~.report.Report` to fill
    :return: the new file's text
    """
    where = "__manifest__.py"
    if manifest_path.name != where:
        report.change(where, 0, "manifest", f"renamed from {manifest_path.name}")
    result = _convert_keys(manifest, report, where)
    old_version = str(manifest.get("version", ""))
    result["version"] = _target_version(old_version)
    report.change(
        where, 0, "manifest", f"version {old_version!r} -> {result['version']!r}"
    )
    _convert_files(result, report, where)
    _convert_depends(result, report, where)
    if result.get("installable") is False:
        report.todo(where, 0, "manifest", "the addon says installable: False (kept)")
    if "license" not in result:
        report.todo(
            where, 0, "manifest", "no 'license' key: Odoo 18 assumes LGPL-3 and warns"
        )
    header = []
    for line in manifest_path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if "coding" not in line:
            header.append(line)
    return "\n".join(header + [_format_dict(result), ""])


def _format_value(value, indent):
    text = repr(value)
    if not isinstance(value, list | tuple | dict) or len(text) + indent <= 79:
        return text
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [
            f"{pad}{k!r}: {_format_value(v, indent + 4)}," for k, v in value.items()
        ]
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{_format_value(v, indent + 4)}," for v in value]
    opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    return opening + "\n" + "\n".join(items) + "\n" + " " * indent + closing


def _format_dict(manifest):
    """The manifest dict as Python source, one key a line."""
    lines = ["{"]
    for key, value in manifest.items():
        lines.append(f"    {key!r}: {_format_value(value, 4)},")
    lines.append("}")
    return "\n".join(lines)
