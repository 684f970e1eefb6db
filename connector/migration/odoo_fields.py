# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Rewrites of 9.0/10.0 field declarations that Odoo 18 refuses or ignores.

* ``decimal_precision`` is gone (Odoo 13): a field's ``digits`` names its
  precision. ``digits_compute=dp.get_precision('Product Price')`` (9.0) and
  ``digits=dp.get_precision('Product Price')`` (10.0) become
  ``digits='Product Price'``, and the import of ``decimal_precision`` goes,
  when every use of the imported name is such a call with a literal name
  (else the import and its uses are reported);
* ``oldname=`` is gone (Odoo 12): the keyword is dropped, and the report
  says that a database upgraded from the old version must rename the column
  itself.
"""

import ast

from .text_edits import TextEdits, node_span, parse

__all__ = ["rewrite_decimal_precision", "drop_oldname"]

_DP_MODULE = "odoo.addons.decimal_precision"


def _dp_imports(tree):
    """``{bound name: import statement}`` of the imports of
    ``decimal_precision`` alone on their statement."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and len(node.names) == 1:
            alias = node.names[0]
            if alias.name == _DP_MODULE and alias.asname:
                found[alias.asname] = node
        elif (
            # from odoo.addons import decimal_precision (as dp), and 9.0's
            # from odoo.addons.decimal_precision import decimal_precision
            isinstance(node, ast.ImportFrom)
            and node.module in ("odoo.addons", _DP_MODULE)
            and len(node.names) == 1
            and node.names[0].name == "decimal_precision"
        ):
            found[node.names[0].asname or "decimal_precision"] = node
    return found


def _precision_name(call, name):
    """The literal precision name of ``<name>.get_precision('...')``, or
    None when ``call`` is anything else."""
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "get_precision"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == name
        and len(call.args) == 1
        and not call.keywords
    ):
        return None
    arg = call.args[0]
    return (
        arg.value
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        else None
    )


def _digit_keywords(tree, name):
    """The ``digits_compute=``/``digits=`` keywords whose value is a
    ``get_precision`` call with a literal name, and whether every other use
    of ``name`` is one of them."""
    keywords = []
    covered = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("digits_compute", "digits"):
            precision = _precision_name(node.value, name)
            if precision is not None:
                keywords.append((node, precision))
                covered.add(id(node.value.func.value))
    uses = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == name
    ]
    return keywords, all(id(use) in covered for use in uses)


def _statement_alone(edits, node):
    """Whether ``node`` is the only statement on its lines."""
    before = edits.line_text(node.lineno)[: node.col_offset]
    after = edits.line_text(node.end_lineno).encode("utf-8")[node.end_col_offset :]
    return not before.strip() and not after.decode("utf-8").strip()


def rewrite_decimal_precision(text, path, report):
    """``digits_compute=dp.get_precision('X')`` and
    ``digits=dp.get_precision('X')`` become ``digits='X'``; the import of
    ``decimal_precision`` goes once it has no other use."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for name, statement in _dp_imports(tree).items():
        keywords, only_these = _digit_keywords(tree, name)
        if not only_these or not _statement_alone(edits, statement):
            continue  # left as it is: the to-do scan reports it
        for keyword, precision in keywords:
            old = f"{keyword.arg}={name}.get_precision(...)"
            if edits.replace_node(keyword, f"digits={precision!r}"):
                report.change(
                    path, keyword.lineno, "fields", f"{old} -> digits={precision!r}"
                )
        if edits.replace_lines(statement.lineno, statement.end_lineno, ""):
            report.change(
                path,
                statement.lineno,
                "fields",
                "decimal_precision import removed (digits names the precision)",
            )
    return edits.apply()


def _keyword_deletion(call, keyword):
    """The span ``(start, end)`` to delete to remove ``keyword`` from
    ``call`` with its separating comma."""
    items = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))
    index = items.index(keyword)
    line, col, end_line, end_col = node_span(keyword)
    if index > 0:
        previous = items[index - 1]
        return (previous.end_lineno, previous.end_col_offset), (end_line, end_col)
    if index + 1 < len(items):
        following = items[index + 1]
        return (line, col), (following.lineno, following.col_offset)
    return (line, col), (end_line, end_col)


def drop_oldname(text, path, report):
    """Remove the ``oldname=`` keyword of field declarations."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "fields"
        ):
            continue
        for keyword in node.keywords:
            if keyword.arg != "oldname":
                continue
            start, end = _keyword_deletion(node, keyword)
            if edits.replace(start, end, ""):
                report.change(
                    path,
                    keyword.lineno,
                    "fields",
                    f"oldname={ast.unparse(keyword.value)} dropped (gone in Odoo "
                    "12): a database upgraded from the old version renames the "
                    "column in a migration script",
                )
    return edits.apply()
