"""Distribution of the ``connector`` addon, installed as ``odoo.addons.connector``.

Plain setuptools (setuptools-odoo does not know Odoo 18.0). The distribution is
named ``odoo-connector-legacy-api``, not OCA's ``odoo-addon-connector``: both
provide ``odoo.addons.connector`` and must not be installed together.

Build a wheel with ``pip wheel --no-deps .``; Odoo 18.0 itself is installed
from its source tree (see README.rst).
"""

import ast
import pathlib

from setuptools import setup

HERE = pathlib.Path(__file__).parent
ADDON = HERE / "connector"
MANIFEST = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))

# Python packages of the addon, mapped under odoo/addons/connector.
PACKAGES = ["odoo.addons.connector"] + [
    "odoo.addons.connector." + ".".join(path.parent.relative_to(ADDON).parts)
    for path in sorted(ADDON.glob("*/**/__init__.py"))
]
# Data files: everything that is not Python code (XML, CSV, PO, static assets).
DATA_SUFFIXES = {".xml", ".csv", ".po", ".pot", ".rst", ".png", ".svg", ".js", ".scss"}
PACKAGE_DATA = [
    str(path.relative_to(ADDON))
    for path in sorted(ADDON.rglob("*"))
    if path.is_file() and path.suffix in DATA_SUFFIXES
]

setup(
    name="odoo-connector-legacy-api",
    version=MANIFEST["version"],
    description=MANIFEST["summary"],
    long_description=(HERE / "README.rst").read_text(encoding="utf-8"),
    long_description_content_type="text/x-rst",
    license=MANIFEST["license"],
    author=MANIFEST["author"],
    url=MANIFEST["website"],
    python_requires=">=3.10",
    packages=PACKAGES,
    package_dir={"odoo.addons.connector": "connector"},
    package_data={"odoo.addons.connector": PACKAGE_DATA},
    install_requires=[
        "odoo==18.0.*",
        "odoo-addon-queue-job>=18.0,<18.1",
        "requests",
        "fissix>=24.4",
    ],
    classifiers=[
        "Programming Language :: Python :: 3",
        "Framework :: Odoo",
        "Framework :: Odoo :: 18.0",
        "License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)",
    ],
    zip_safe=False,
)
