# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Rewrites of Odoo 9.0/10.0 Python code for Odoo 18 (the generic rules).

Run on Python 3 code (after :mod:`.py2to3`):

* ``openerp`` becomes ``odoo`` (imports, dotted names, ``"openerp.addons...."``
  strings); the ``# -*- coding: utf-8 -*-`` line goes;
* ``@api.multi`` and the decorators Odoo 18 dropped that did nothing any
  more (``@api.noguess``, ``@api.guess``, ``@api.model_cr``,
  ``@api.model_cr_context``) are removed; ``@api.returns`` stays (Odoo 18
  still has it, with the same meaning);
* ``@api.one`` is rewritten as a loop over the records when that is provably
  the same (no value returned, no ``super()``, no nested function), else
  as a nested function holding the body, called for each record, whose
  results are returned as a list (what ``@api.one`` returned); a body with
  a multi-line string or ``global``/``nonlocal`` names is reported;
* ``@api.model def create(self, vals)`` becomes ``@api.model_create_multi``:
  a loop preparing each ``vals`` when its body only prepares ``vals`` then
  returns ``super(...).create(vals)``, else its body in a nested function
  run for each ``vals`` (as Odoo 18 runs a single-record ``create``); a
  body holding a multi-line string is reported;
* ``fields.X(select=True)`` becomes ``index=True``,
  ``track_visibility=...`` becomes ``tracking=True``, ``.sudo(user)``
  becomes ``.with_user(user)``, ``from odoo.exceptions import Warning``
  imports ``UserError as Warning``, ``'tree'`` in a ``view_mode`` becomes
  ``'list'``;
* what cannot be rewritten safely is reported: the old ``osv`` API,
  ``@api.cr``/``@api.v7``... decorators, ``self.pool``, ``name_get``,
  ``fields_view_get``, ``ir.needaction_mixin``, ``except_orm``, and the
  ``digits_compute``, ``decimal_precision`` and ``oldname`` that
  :mod:`.odoo_fields` could not rewrite;
* the ``@at_install(False)``/``@post_install(True)`` test class decorators
  become ``@tagged('-at_install', 'post_install')``.
"""

import ast
import io
import re
import tokenize

from .text_edits import TextEdits, is_docstring, node_span, parse

__all__ = [
    "rename_openerp",
    "drop_coding_line",
    "rewrite_imports",
    "rewrite_calls_and_fields",
    "rewrite_decorators",
    "rewrite_api_one",
    "rewrite_create",
    "rewrite_test_tags",
    "scan_todos",
]

_CODING_RE = re.compile(r"^#.*coding[:=]\s*[-\w.]+")
#: Decorators removed without a trace: they had no effect left.
_NO_OP_DECORATORS = {"multi", "noguess", "guess", "model_cr", "model_cr_context"}
#: Decorators of the old (7.0) API: the method must be rewritten.
_OLD_API_DECORATORS = {
    "cr",
    "cr_context",
    "cr_uid",
    "cr_uid_context",
    "cr_uid_id",
    "cr_uid_id_context",
    "cr_uid_ids",
    "cr_uid_ids_context",
    "cr_uid_records",
    "cr_uid_records_context",
    "v7",
    "v8",
}
#: Methods Odoo 18 no longer calls, with what replaces them.
_REMOVED_METHODS = {
    "name_get": "Odoo 17+ no longer calls name_get: compute display_name "
    "(_compute_display_name) instead",
    "fields_view_get": "Odoo 16+ calls get_views/_get_view instead of fields_view_get",
    "_needaction_domain_get": "the needaction mechanism is gone (Odoo 11)",
    "_name_search": "Odoo 17+ _name_search has another signature "
    "(name, domain, operator, limit, order)",
}


def rename_openerp(text, path, report):
    """``openerp`` names and ``"openerp.*"`` strings become ``odoo``."""
    edits = TextEdits(text)
    lines = set()
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    try:
        for token in tokens:
            (line, col), (end_line, end_col) = token.start, token.end
            if token.type == tokenize.NAME and token.string == "openerp":
                new = "odoo"
            elif token.type == tokenize.STRING and re.search(
                r"""^[rbuRBU]?(['"]{1,3})openerp\.""", token.string
            ):
                new = re.sub(r"(['\"])openerp\.", r"\1odoo.", token.string, count=1)
            else:
                continue
            start = (line, len(edits.line_text(line)[:col].encode("utf-8")))
            end = (end_line, len(edits.line_text(end_line)[:end_col].encode("utf-8")))
            edits.replace(start, end, new)
            lines.add(line)
    except (tokenize.TokenError, IndentationError):
        return text
    for line in sorted(lines):
        report.change(path, line, "openerp-odoo", "openerp -> odoo")
    return edits.apply()


def drop_coding_line(text, path, report):
    """Remove the ``# -*- coding: utf-8 -*-`` line (UTF-8 is Python 3's
    default)."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[:2]):
        if _CODING_RE.match(line):
            report.change(path, index + 1, "py2to3", "coding line removed")
            del lines[index]
            break
    return "".join(lines)


def _is_api(node, names):
    """Whether decorator ``node`` is ``api.<name>`` (called or not) for a
    name in ``names``."""
    target = node.func if isinstance(node, ast.Call) else node
    return (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "api"
        and target.attr in names
    )


def _alias_text(alias):
    return f"{alias.name} as {alias.asname}" if alias.asname else alias.name


def _import_line(module, aliases):
    return f"from {module} import {', '.join(_alias_text(a) for a in aliases)}"


def _split_import(edits, node, moves, report, path):
    """Rewrite ``from X import a, b`` moving some names to other modules.

    :param moves: ``{name: new module}``
    """
    groups = {}
    for alias in node.names:
        groups.setdefault(moves.get(alias.name, node.module), []).append(alias)
    indent = " " * node.col_offset
    statements = [_import_line(module, aliases) for module, aliases in groups.items()]
    line_text = edits.line_text(node.lineno)
    if line_text[: node.col_offset].strip():
        return  # an import after other code on the line: left as it is
    new = ("\n" + indent).join(statements)
    edits.replace_node(node, new)
    for module, aliases in groups.items():
        if module != node.module:
            names = ", ".join(a.name for a in aliases)
            report.change(
                path, node.lineno, "imports", f"{names}: {node.module} -> {module}"
            )


def rewrite_imports(text, path, report, moves_by_module):
    """Move imported names between modules.

    :param moves_by_module: ``{module: {name: new module}}``
    """
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in moves_by_module:
            moves = moves_by_module[node.module]
            if any(alias.name in moves for alias in node.names):
                _split_import(edits, node, moves, report, path)
    return edits.apply()


def _rewrite_exceptions_import(edits, node, report, path):
    for alias in node.names:
        if alias.name == "Warning":
            new = "UserError as " + (alias.asname or "Warning")
            if edits.replace_node(alias, new):
                report.change(
                    path, node.lineno, "exceptions", "Warning -> UserError as Warning"
                )


def _is_fields_call(node):
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "fields"
    )


def _rewrite_field_keywords(edits, node, report, path):
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg == "select" and isinstance(value, ast.Constant):
            if edits.replace_node(keyword, f"index={ast.unparse(value)}"):
                report.change(path, keyword.lineno, "fields", "select= -> index=")
        elif keyword.arg == "track_visibility":
            if edits.replace_node(keyword, "tracking=True"):
                report.change(
                    path, keyword.lineno, "fields", "track_visibility= -> tracking=True"
                )


def _rewrite_view_mode(edits, key_node, value, report, path):
    if (
        isinstance(value, ast.Constant)
        and isinstance(value.value, str)
        and "tree" in value.value.split(",")
    ):
        modes = ",".join("list" if m == "tree" else m for m in value.value.split(","))
        if edits.replace_node(value, repr(modes)):
            report.change(path, value.lineno, "views", "view_mode 'tree' -> 'list'")


def rewrite_calls_and_fields(text, path, report):
    """The call-level rewrites: field keywords, ``sudo(user)``, the
    ``Warning`` exception, ``view_mode``."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "odoo.exceptions":
            _rewrite_exceptions_import(edits, node, report, path)
        elif isinstance(node, ast.Call):
            if _is_fields_call(node):
                _rewrite_field_keywords(edits, node, report, path)
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "sudo"
                and len(node.args) == 1
                and not node.keywords
            ):
                line, _col, end_line, end_col = node_span(func)
                start = (end_line, end_col - len("sudo"))
                if edits.replace(start, (end_line, end_col), "with_user"):
                    report.change(path, line, "api", "sudo(user) -> with_user(user)")
            for keyword in node.keywords:
                if keyword.arg == "view_mode":
                    _rewrite_view_mode(edits, keyword, keyword.value, report, path)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "view_mode":
                    _rewrite_view_mode(edits, key, value, report, path)
    return edits.apply()


def _decorator_line_only(edits, decorator):
    """Whether the decorator is alone on its lines."""
    first = decorator.lineno
    text = edits.line_text(first)
    return (
        text.strip().startswith("@") and text[: decorator.col_offset - 1].strip() == ""
    )


def rewrite_decorators(text, path, report):
    """Remove ``@api.multi`` and the other decorators without effect."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            if _is_api(decorator, _NO_OP_DECORATORS) and not isinstance(
                decorator, ast.Call
            ):
                if _decorator_line_only(edits, decorator) and edits.replace_lines(
                    decorator.lineno, decorator.end_lineno, ""
                ):
                    report.change(
                        path,
                        decorator.lineno,
                        "api",
                        f"@api.{decorator.attr} removed ({node.name})",
                    )
    return edits.apply()


class _BodyCheck(ast.NodeVisitor):
    """Why a function body cannot run unchanged inside a loop, if it
    cannot (None when it can)."""

    def __init__(self):
        self.reason = None
        self.reasons = set()
        self.loops = 0

    def check(self, statements):
        for statement in statements:
            self.visit(statement)
        return self.reason

    def _deny(self, reason):
        self.reason = self.reason or reason
        self.reasons.add(reason)

    # every visit goes on into the children: a multi-line string anywhere
    # in the body matters to both rewrites
    def visit_Return(self, node):
        if node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        ):
            self._deny("it returns a value")
        else:
            self._deny("it returns early")
        self.generic_visit(node)

    def visit_Yield(self, node):
        self._deny("it is a generator")
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield

    def visit_FunctionDef(self, node):
        self._deny("it defines a nested function")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    def visit_Global(self, node):
        self._deny("it declares global/nonlocal names")

    visit_Nonlocal = visit_Global

    def visit_Name(self, node):
        if node.id == "super":
            self._deny("it calls super()")

    def visit_Constant(self, node):
        if isinstance(node.value, str) and node.end_lineno != node.lineno:
            self._deny("it holds a multi-line string")

    def visit_JoinedStr(self, node):
        if node.end_lineno != node.lineno:
            self._deny("it holds a multi-line string")

    def _loop(self, node):
        self.loops += 1
        self.generic_visit(node)
        self.loops -= 1

    visit_For = visit_While = visit_AsyncFor = _loop

    def visit_Break(self, node):
        if not self.loops:
            self._deny("it uses break/continue")

    visit_Continue = visit_Break


def _body_without_docstring(function):
    body = function.body
    if body and is_docstring(body[0]):
        return body[1:]
    return body


def _names(statements):
    return {
        node.id
        for statement in statements
        for node in ast.walk(statement)
        if isinstance(node, ast.Name)
    }


def _indent_lines(edits, first, last, renames, extra="    "):
    """The text of lines ``first..last`` with ``renames`` (``{(line, col):
    (old, new)}``) applied and ``extra`` indentation added."""
    result = []
    for number in range(first, last + 1):
        raw = edits.lines[number - 1]
        encoded = raw.encode("utf-8")
        for (line, col), (old, new) in sorted(renames.items(), reverse=True):
            if line == number:
                encoded = encoded[:col] + new.encode() + encoded[col + len(old) :]
        text = encoded.decode("utf-8")
        result.append(extra + text if text.strip() else text)
    return "".join(result)


def _statement_lines(statements):
    first = min(s.lineno for s in statements)
    last = max(s.end_lineno for s in statements)
    decorators = [
        d.lineno for s in statements for d in getattr(s, "decorator_list", [])
    ]
    return min([first] + decorators), last


#: What keeps a body from moving into a nested function unchanged: its text
#: is indented once more (a multi-line string would change), and a
#: ``global``/``nonlocal`` would name other variables.
_NOT_NESTABLE = {"it holds a multi-line string", "it declares global/nonlocal names"}


def _nested_api_one(edits, function, statements, decorator, path, report):
    """Rewrite an ``@api.one`` method whose body cannot become a plain loop
    (it returns a value, calls ``super()``...) as ``@api.one`` ran it: the
    body, unchanged, in a nested function called for each record, and the
    list of the results returned. Returns whether it was rewritten."""
    args = function.args
    if args.posonlyargs or not args.args:
        return False
    name = next(
        (n for n in ("one", "_one", "for_one") if n not in _names(statements)), None
    )
    first, last = _statement_lines(statements)
    if name is None or edits.line_text(first)[: statements[0].col_offset].strip():
        return False
    params = [a.arg for a in args.args]
    call = [a.arg for a in args.args[1:]]
    if args.vararg:
        params.append(f"*{args.vararg.arg}")
        call.append(f"*{args.vararg.arg}")
    elif args.kwonlyargs:
        params.append("*")
    params += [a.arg for a in args.kwonlyargs]
    call += [f"{a.arg}={a.arg}" for a in args.kwonlyargs]
    if args.kwarg:
        params.append(f"**{args.kwarg.arg}")
        call.append(f"**{args.kwarg.arg}")
    indent = " " * statements[0].col_offset
    body = _indent_lines(edits, first, last, {})
    record = next(n for n in ("record", "rec", "one_record") if n not in params)
    new_body = (
        f"{indent}def {name}({', '.join(params)}):\n{body}"
        f"{indent}return [{name}({', '.join([record, *call])}) for {record} in self]\n"
    )
    if not (
        edits.replace_lines(first, last, new_body)
        and edits.replace_lines(decorator.lineno, decorator.end_lineno, "")
    ):
        return False
    report.change(
        path,
        decorator.lineno,
        "api-one",
        f"@api.one on {function.name} -> its body in a nested function {name}() "
        "run for each record, the list of its results returned",
    )
    return True


def _convert_api_one(edits, function, decorator, path, report):
    statements = _body_without_docstring(function)
    check = _BodyCheck()
    reason = check.check(statements) if statements else "its body is empty"
    if (
        reason is not None
        and statements
        and not check.reasons & _NOT_NESTABLE
        and _nested_api_one(edits, function, statements, decorator, path, report)
    ):
        return
    variable = next(
        (n for n in ("record", "rec", "one") if n not in _names(statements)), None
    )
    if reason is None and variable is None:
        reason = "the names record/rec/one are all taken"
    first, last = _statement_lines(statements) if statements else (0, 0)
    if reason is None and (
        edits.line_text(first)[: statements[0].col_offset].strip()
        or any(";" in edits.line_text(n) for n in (first,))
    ):
        reason = "its first statement shares a line"
    if reason is not None:
        report.todo(
            path,
            decorator.lineno,
            "api-one",
            f"@api.one on {function.name} kept: {reason}; loop over self "
            "(or call ensure_one()) by hand, Odoo 18 has no @api.one",
        )
        return
    renames = {
        (node.lineno, node.col_offset): ("self", variable)
        for statement in statements
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and node.id == "self"
    }
    indent = " " * statements[0].col_offset
    body = _indent_lines(edits, first, last, renames)
    new_body = f"{indent}for {variable} in self:\n{body}"
    if edits.replace_lines(first, last, new_body) and edits.replace_lines(
        decorator.lineno, decorator.end_lineno, ""
    ):
        report.change(
            path,
            decorator.lineno,
            "api-one",
            f"@api.one on {function.name} -> a loop 'for {variable} in self'",
        )


def rewrite_api_one(text, path, report):
    """``@api.one`` methods become loops over ``self`` where provably the
    same; the others are reported."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if _is_api(decorator, {"one"}) and not isinstance(decorator, ast.Call):
                _convert_api_one(edits, node, decorator, path, report)
    return edits.apply()


def _super_create_return(statement, param):
    """Whether ``statement`` is ``return super(...).create(<param>)``."""
    value = getattr(statement, "value", None)
    return (
        isinstance(statement, ast.Return)
        and isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "create"
        and isinstance(value.func.value, ast.Call)
        and isinstance(value.func.value.func, ast.Name)
        and value.func.value.func.id == "super"
        and len(value.args) == 1
        and not value.keywords
        and isinstance(value.args[0], ast.Name)
        and value.args[0].id == param
    )


def _create_conversion_problem(function, statements):
    args = function.args
    if len(args.args) != 2 or args.vararg or args.kwarg or args.kwonlyargs:
        return "its signature is not create(self, vals)"
    param = args.args[1].arg
    if not statements or not _super_create_return(statements[-1], param):
        return "it does not end with 'return super().create(vals)'"
    if statements[:-1] and _BodyCheck().check(statements[:-1]):
        return "its body " + _BodyCheck().check(statements[:-1])
    if f"{param}_list" in _names(statements):
        return f"the name {param}_list is taken"
    if statements[:-1]:
        first, _last = _statement_lines(statements[:-1])
        if function.args.args[1].lineno == first:
            return "its body shares the line of its signature"
    return None


def _nested_create(edits, function, statements, decorator, path, report):
    """Rewrite an ``@api.model`` ``create(self, vals)`` whose body does more
    than prepare ``vals`` as Odoo 18 runs it: ``@api.model_create_multi``,
    the body, unchanged, in a nested function called for each ``vals``, and
    the records it returns concatenated. Returns whether it was rewritten."""
    args = function.args
    if (
        len(args.args) != 2
        or args.vararg
        or args.kwarg
        or args.kwonlyargs
        or args.posonlyargs
        or not statements
    ):
        return False
    check = _BodyCheck()
    check.check(statements)
    names = _names(statements)
    this, param = args.args[0].arg, args.args[1].arg
    first, last = _statement_lines(statements)
    if (
        check.reasons & _NOT_NESTABLE
        or {"one", f"{param}_list"} & names
        or edits.line_text(first)[: statements[0].col_offset].strip()
        or args.args[1].lineno == first
    ):
        return False
    indent = " " * statements[0].col_offset
    body = _indent_lines(edits, first, last, {})
    new_body = (
        f"{indent}def one({this}, {param}):\n{body}"
        f"{indent}return {this}.browse().concat(\n"
        f"{indent}    *[one({this}, {param}) for {param} in {param}_list]\n"
        f"{indent})\n"
    )
    if not (
        edits.replace_lines(first, last, new_body)
        and edits.replace_node(decorator, "api.model_create_multi")
        and edits.replace_node(args.args[1], f"{param}_list")
    ):
        return False
    report.change(
        path,
        decorator.lineno,
        "api-create",
        f"@api.model create(self, {param}) -> @api.model_create_multi "
        f"create(self, {param}_list), its body in a nested function one() run "
        "for each values (as Odoo 18 runs a single-record create)",
    )
    return True


def _convert_create(edits, function, decorator, path, report):
    statements = _body_without_docstring(function)
    problem = _create_conversion_problem(function, statements)
    if problem is not None and _nested_create(
        edits, function, statements, decorator, path, report
    ):
        return
    if problem is not None:
        report.todo(
            path,
            decorator.lineno,
            "api-create",
            f"@api.model create() kept ({problem}): Odoo 18 runs it once "
            "per record with a deprecation warning; prefer "
            "@api.model_create_multi create(self, vals_list)",
        )
        return
    param_node = function.args.args[1]
    param = param_node.arg
    returned = statements[-1].value.args[0]
    prepared = statements[:-1]
    if not edits.replace_node(decorator, "api.model_create_multi"):
        return
    edits.replace_node(param_node, f"{param}_list")
    edits.replace_node(returned, f"{param}_list")
    if prepared:
        first, last = _statement_lines(prepared)
        indent = " " * prepared[0].col_offset
        body = _indent_lines(edits, first, last, {})
        edits.replace_lines(
            first, last, f"{indent}for {param} in {param}_list:\n{body}"
        )
    report.change(
        path,
        decorator.lineno,
        "api-create",
        f"@api.model create(self, {param}) -> @api.model_create_multi "
        f"create(self, {param}_list)",
    )


def rewrite_create(text, path, report):
    """``@api.model def create(self, vals)`` becomes
    ``@api.model_create_multi`` where provably the same."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for function in node.body:
            if isinstance(function, ast.FunctionDef) and function.name == "create":
                for decorator in function.decorator_list:
                    if _is_api(decorator, {"model"}) and not isinstance(
                        decorator, ast.Call
                    ):
                        _convert_create(edits, function, decorator, path, report)
    return edits.apply()


_TEST_PHASES = {"at_install", "post_install"}


def _phase_decorator(node):
    """``(name, flag, prefix)`` of an ``at_install(flag)`` /
    ``post_install(flag)`` decorator, else None."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return None
    func, flag = node.func, node.args[0]
    if not (isinstance(flag, ast.Constant) and isinstance(flag.value, bool)):
        return None
    if isinstance(func, ast.Name) and func.id in _TEST_PHASES:
        return func.id, flag.value, ""
    if isinstance(func, ast.Attribute) and func.attr in _TEST_PHASES:
        return func.attr, flag.value, ast.unparse(func.value) + "."
    return None


def _rewrite_phase_import(edits, node, report, path):
    names = [a for a in node.names if a.name not in _TEST_PHASES]
    if len(names) == len(node.names) or node.module not in (
        "odoo.tests.common",
        "odoo.tests",
    ):
        return
    kept = [_alias_text(a) for a in names]
    if "tagged" not in [a.name for a in names]:
        kept.append("tagged")
    if edits.replace_node(node, f"from {node.module} import {', '.join(kept)}"):
        report.change(path, node.lineno, "tests", "at_install/post_install -> tagged")


def rewrite_test_tags(text, path, report):
    """The 9.0/10.0 ``@at_install(flag)`` / ``@post_install(flag)`` class
    decorators become one ``@tagged(...)``."""
    tree = parse(text)
    if tree is None:
        return text
    edits = TextEdits(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            _rewrite_phase_import(edits, node, report, path)
        if not isinstance(node, ast.ClassDef):
            continue
        phases = [(d, _phase_decorator(d)) for d in node.decorator_list]
        phases = [(d, p) for d, p in phases if p]
        if not phases or not all(_decorator_line_only(edits, d) for d, _p in phases):
            continue
        tags = [("" if flag else "-") + name for _d, (name, flag, _x) in phases]
        first = phases[0][0]
        prefix = phases[0][1][2]
        if not edits.replace_node(
            first, f"{prefix}tagged({', '.join(map(repr, tags))})"
        ):
            continue
        for decorator, _phase in phases[1:]:
            edits.replace_lines(decorator.lineno, decorator.end_lineno, "")
        report.change(
            path,
            first.lineno,
            "tests",
            f"{', '.join(ast.unparse(d) for d, _p in phases)}"
            f" -> tagged({', '.join(map(repr, tags))})",
        )
    return edits.apply()


def _scan_import(node, path, report):
    module = node.module or ""
    names = {alias.name for alias in node.names}
    if module == "odoo.osv" and names & {"osv", "orm", "fields"}:
        report.todo(
            path,
            node.lineno,
            "old-api",
            "openerp.osv osv/orm/fields: the 7.0 API is gone; "
            "rewrite with odoo.models and odoo.fields",
        )
    if module == "odoo.exceptions" and names & {"except_orm", "except_osv"}:
        report.todo(
            path,
            node.lineno,
            "exceptions",
            "except_orm/except_osv are gone: use UserError",
        )
    if module.startswith("odoo.addons.decimal_precision"):
        report.todo(
            path,
            node.lineno,
            "fields",
            "decimal_precision is gone: use digits='<precision name>'",
        )


def _scan_class(node, path, report):
    for statement in node.body:
        targets = getattr(statement, "targets", None) or []
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if names & {"_columns", "_defaults"}:
            report.todo(
                path,
                statement.lineno,
                "old-api",
                f"{', '.join(sorted(names))}: the 7.0 API is gone; declare "
                "fields with odoo.fields",
            )
        if "_inherit" in names and "ir.needaction_mixin" in ast.unparse(statement):
            report.todo(
                path,
                statement.lineno,
                "models",
                "ir.needaction_mixin is gone (Odoo 11): remove it from _inherit",
            )
        if (
            isinstance(statement, ast.FunctionDef)
            and statement.name in _REMOVED_METHODS
        ):
            report.todo(
                path,
                statement.lineno,
                "models",
                f"{statement.name}: {_REMOVED_METHODS[statement.name]}",
            )


def scan_todos(text, path, report):
    """Report what the generic rules cannot rewrite (lines of ``text``,
    the migrated file)."""
    tree = parse(text)
    if tree is None:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            _scan_import(node, path, report)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("odoo.addons.decimal_precision"):
                    report.todo(
                        path,
                        node.lineno,
                        "fields",
                        "decimal_precision is gone: use digits='<precision name>'",
                    )
        elif isinstance(node, ast.ClassDef):
            _scan_class(node, path, report)
            for base in node.bases:
                if ast.unparse(base) in (
                    "osv.osv",
                    "osv.Model",
                    "orm.Model",
                    "osv.osv_memory",
                    "orm.TransientModel",
                    "orm.AbstractModel",
                    "osv.AbstractModel",
                ):
                    report.todo(
                        path,
                        node.lineno,
                        "old-api",
                        f"class {node.name}({ast.unparse(base)}): the 7.0 API "
                        "is gone; inherit odoo.models.Model",
                    )
        elif isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if _is_api(decorator, _OLD_API_DECORATORS):
                    report.todo(
                        path,
                        decorator.lineno,
                        "old-api",
                        f"{ast.unparse(decorator)} on {node.name}: the 7.0 "
                        "API is gone; rewrite the method for recordsets",
                    )
        elif isinstance(node, ast.Attribute) and node.attr == "pool":
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                report.todo(
                    path,
                    node.lineno,
                    "old-api",
                    "self.pool: use self.env[model] (the 7.0 API is gone)",
                )
        elif isinstance(node, ast.keyword) and node.arg in (
            "digits_compute",
            "oldname",
        ):
            report.todo(
                path,
                node.value.lineno,
                "fields",
                f"{node.arg}= is gone: use digits='<precision name>'"
                if node.arg == "digits_compute"
                else "oldname= is gone: rename the column in a migration script",
            )
