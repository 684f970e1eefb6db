"""Sphinx configuration: the API reference is generated from the docstrings
of the real addon, imported through a real Odoo 18.0 (see tools/docs.sh)."""

import ast
import os
import pathlib

import odoo
from odoo.tools import config

ROOT = pathlib.Path(__file__).resolve().parent.parent
ODOO_SRC = pathlib.Path(os.environ["ODOO_SRC"])

# Make odoo.addons.connector (and queue_job's dependencies) importable; in
# test mode, since the API reference documents the testing kit (tests.common).
config.parse_config(
    [
        f"--addons-path={ODOO_SRC / 'odoo' / 'addons'},{ODOO_SRC / 'addons'},{ROOT}",
        "--test-enable",
    ]
)
odoo.modules.module.initialize_sys_path()

MANIFEST = ast.literal_eval((ROOT / "connector" / "__manifest__.py").read_text())

project = "Connector (legacy ConnectorUnit API) for Odoo 18"
author = MANIFEST["author"]
copyright = f"2026, {author}"  # noqa: A001
release = MANIFEST["version"]
version = ".".join(release.split(".")[:3])

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode", "sphinx.ext.intersphinx"]
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
intersphinx_mapping = {}
templates_path = []
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = ["_static"]
nitpicky = False
