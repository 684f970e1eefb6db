# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Calls of Odoo 9.0/10.0 APIs that Odoo 18 no longer has.

Rewritten, where the new form means the same:

* ``Environment.manage()`` (gone in Odoo 15: environments need no set-up
  any more) becomes ``contextlib.nullcontext()``, importing ``contextlib``
  when needed, so that ``with api.Environment.manage():`` blocks stay as
  they are;
* ``RegistryManager.get(dbname)`` (renamed in Odoo 10) becomes
  ``Registry(dbname)``, and ``from odoo.modules.registry import
  RegistryManager`` imports ``Registry``;
* ``env['res.company']._company_default_get(model)`` (gone in Odoo 13)
  becomes ``env.company``, the user's current company.

Reported, since the replacement depends on what the code does: workflows
(``signal_workflow``... gone in Odoo 11), ``_all_columns`` (use
``_fields``), other calls of ``_company_default_get``,
``get_object_reference``, ``xmlid_to_res_id`` and ``xmlid_to_object``
(use ``self.env.ref``), the other uses of ``RegistryManager``.
"""

import ast

from .text_edits import TextEdits, is_docstring, parse

__all__ = ["rewrite_removed_calls", "scan_todos"]

#: Attributes gone from Odoo 18, with what replaces them.
_GONE_ATTRIBUTES = {
    "signal_workflow": "workflows are gone (Odoo 11): call the action method",
    "create_workflow": "workflows are gone (Odoo 11)",
    "delete_workflow": "workflows are gone (Odoo 11)",
    "step_workflow": "workflows are gone (Odoo 11)",
    "redirect_workflow": "workflows are gone (Odoo 11)",
    "_all_columns": "_all_columns is gone: read the fields in _fields",
    "_company_default_get": "_company_default_get is gone (Odoo 13): use "
    "self.env.company",
    "get_object_reference": "get_object_reference is gone (Odoo 15): use "
    "self.env.ref(xmlid)",
    "xmlid_to_res_id": "xmlid_to_res_id is gone (Odoo 15): use "
    "self.env.ref(xmlid).id",
    "xmlid_to_object": "xmlid_to_object is gone (Odoo 15): use self.env.ref(xmlid)",
}


def _is_environment_manage(node):
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "manage"
        and ast.unparse(func.value).split(".")[-1] == "Environment"
        and not node.args
        and not node.keywords
    )


def _is_registry_get(node):
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and ast.unparse(func.value).split(".")[-1] == "RegistryManager"
        and len(node.args) == 1
        and not node.keywords
    )


def _company_default_get_env(node):
    """The environment expression of ``<env>['res.company']
    ._company_default_get(...)``, or None when ``node`` is another call."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "_company_default_get"
        and isinstance(func.value, ast.Subscript)
        and isinstance(func.value.slice, ast.Constant)
        and func.value.slice.value == "res.company"
        and len(node.args) <= 1
        and not node.keywords
    ):
        return None
    return ast.unparse(func.value.value)


def _imports_contextlib(tree):
    return any(
        isinstance(node, ast.Import)
        and any(alias.name == "contextlib" and not alias.asname for alias in node.names)
        for node in tree.body
    )


def _import_line(tree):
    """The line before which a new import goes: the first import of the
    module after its ``__future__`` imports, else the first statement after
    its docstring."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            return node.lineno
    body = tree.body
    if body and is_docstring(body[0]):
        return body[0].end_lineno + 1
    return 1


def rewrite_removed_calls(text, path, report):
    """``Environment.manage()`` and ``RegistryManager.get(db)`` become their
    Odoo 18 forms (see the module documentation)."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    managed = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_environment_manage(node):
            if edits.replace_node(node, "contextlib.nullcontext()"):
                managed = True
                report.change(
                    path,
                    node.lineno,
                    "api",
                    "Environment.manage() -> contextlib.nullcontext() (gone in "
                    "Odoo 15: environments need no set-up)",
                )
        elif isinstance(node, ast.Call) and (env := _company_default_get_env(node)):
            new = f"{env}.company"
            if edits.replace_node(node, new):
                report.change(
                    path,
                    node.lineno,
                    "api",
                    f"_company_default_get() -> {new} (gone in Odoo 13)",
                )
        elif isinstance(node, ast.Call) and _is_registry_get(node):
            owner = ast.unparse(node.func.value)
            new = owner[: -len("RegistryManager")] + "Registry"
            if edits.replace_node(node.func, new):
                report.change(
                    path, node.lineno, "api", f"{owner}.get() -> {new}() (Odoo 10)"
                )
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "odoo.modules.registry"
            and any(alias.name == "RegistryManager" for alias in node.names)
            and not _other_registry_manager_uses(tree)
        ):
            for alias in node.names:
                if alias.name == "RegistryManager" and not alias.asname:
                    if edits.replace_node(alias, "Registry"):
                        report.change(
                            path,
                            node.lineno,
                            "api",
                            "import RegistryManager -> Registry",
                        )
    if managed and not _imports_contextlib(tree):
        line = _import_line(tree)
        edits.replace((line, 0), (line, 0), "import contextlib\n")
    return edits.apply()


def _other_registry_manager_uses(tree):
    """Whether ``RegistryManager`` is used otherwise than by ``.get(db)``."""
    gets = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_registry_get(node)
    }
    return any(
        isinstance(node, ast.Name)
        and node.id == "RegistryManager"
        and id(node) not in gets
        for node in ast.walk(tree)
    )


def scan_todos(text, path, report):
    """Report the calls of removed Odoo APIs that are left (lines of
    ``text``, the migrated file)."""
    tree = parse(text)
    if tree is None:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _GONE_ATTRIBUTES:
            report.todo(path, node.lineno, "api", _GONE_ATTRIBUTES[node.attr])
        elif isinstance(node, ast.Attribute) and node.attr == "RegistryManager":
            report.todo(
                path,
                node.lineno,
                "api",
                "RegistryManager is gone (Odoo 10): use odoo.modules.registry.Registry",
            )
        elif isinstance(node, ast.Name) and node.id == "RegistryManager":
            report.todo(
                path,
                node.lineno,
                "api",
                "RegistryManager is gone (Odoo 10): use odoo.modules.registry.Registry",
            )
