# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Python 2 to Python 3, with the 2to3 fixers of ``fissix``.

9.0 and 10.0 addons are Python 2 code (``iteritems``, ``basestring``,
``unicode``, ``except X, e``, print statements, ``urllib2``...). ``fissix``
is the maintained copy of the standard library's ``lib2to3`` (deprecated
since Python 3.11, removed in 3.13): the same parser and fixers, on every
Python Odoo 18 runs on. Each fixer that rewrites something is reported with
the line it rewrote.
"""

import logging
import warnings

from .errors import MigrationError

__all__ = ["to_python3"]

#: What each fixer does, for the report (fixers not named here are
#: reported by name).
FIXER_MESSAGES = {
    "apply": "apply(f, args) -> f(*args)",
    "basestring": "basestring -> str",
    "dict": "dict.iteritems()/keys()/values()... -> Python 3 views",
    "except": "except X, e -> except X as e",
    "exec": "exec statement -> exec()",
    "filter": "filter() -> list(filter()) / comprehension",
    "funcattrs": "f.func_* -> f.__*__",
    "future": "from __future__ import dropped",
    "getcwdu": "os.getcwdu() -> os.getcwd()",
    "has_key": "d.has_key(k) -> k in d",
    "import": "implicit relative import -> from . import",
    "imports": "Python 2 module renamed (urlparse, StringIO, cPickle...)",
    "imports2": "Python 2 module renamed",
    "input": "input() -> eval(input())",
    "itertools": "itertools.imap/izip/ifilter -> builtins",
    "itertools_imports": "itertools imports of builtins dropped",
    "long": "long -> int",
    "map": "map() -> list(map())",
    "metaclass": "__metaclass__ -> metaclass=",
    "methodattrs": "m.im_func/im_self -> __func__/__self__",
    "ne": "<> -> !=",
    "next": "it.next() -> next(it)",
    "nonzero": "__nonzero__ -> __bool__",
    "numliterals": "Python 2 number literal (0777, 10L) rewritten",
    "print": "print statement -> print()",
    "raise": "raise E, msg -> raise E(msg)",
    "raw_input": "raw_input() -> input()",
    "reduce": "reduce -> functools.reduce",
    "renames": "sys.maxint -> sys.maxsize",
    "repr": "`x` -> repr(x)",
    "standarderror": "StandardError -> Exception",
    "sys_exc": "sys.exc_type/value/traceback -> sys.exc_info()",
    "throw": "generator.throw(E, v) -> throw(E(v))",
    "tuple_params": "tuple parameters unpacked in the body",
    "types": "types.StringType... -> builtins",
    "unicode": "unicode -> str, u'' -> ''",
    "urllib": "urllib/urllib2 -> urllib.request/parse/error",
    "xrange": "xrange -> range",
    "xreadlines": "f.xreadlines() -> f",
    "zip": "zip() -> list(zip())",
}


def _refactoring_tool_class():
    """fissix's RefactoringTool, subclassed to record which fixer rewrote
    which line (imported late: only the migration needs fissix)."""
    try:
        from fissix import refactor
    except ImportError as err:  # pragma: no cover - a broken environment
        raise MigrationError(
            "the Python 2 to 3 rewrite needs the 'fissix' package "
            "(pip install fissix)"
        ) from err

    class RecordingTool(refactor.RefactoringTool):
        """A RefactoringTool whose fixers note ``(line, fixer)`` in
        :attr:`rewrites` when they change the tree."""

        def __init__(self, fixer_names, options=None):
            super().__init__(fixer_names, options=options)
            self.rewrites = []
            for fixer in self.pre_order + self.post_order:
                fixer.transform = self._recording(fixer, fixer.transform)

        def _recording(self, fixer, transform):
            name = type(fixer).__module__.rsplit(".fix_", 1)[-1]

            def recording_transform(node, results):
                before = str(node)
                line = node.get_lineno()
                new = transform(node, results)
                after = str(new) if new is not None else str(node)
                if after != before:
                    self.rewrites.append((line, name))
                return new

            return recording_transform

    return refactor, RecordingTool


_TOOLS = {}


def _tool(options):
    """The refactoring tool for ``options`` (made once: compiling the
    fixers' patterns takes a while)."""
    if options not in _TOOLS:
        refactor, tool_class = _refactoring_tool_class()
        # fissix logs each optional fixer it skips: not worth a line
        logging.getLogger("RefactoringTool").setLevel(logging.WARNING)
        fixers = refactor.get_fixers_from_package("fissix.fixes")
        _TOOLS[options] = tool_class(fixers, options=dict(options))
    return _TOOLS[options]


def to_python3(text, path, display_path, report):
    """``text`` (the source of ``path``) rewritten for Python 3.

    :param path: the file's real path (the import fixer looks at its
        neighbours to tell a relative import from an absolute one)
    :param display_path: the path to name in the report and errors
    :param report: the :class:`~.report.Report` to fill
    :raise MigrationError: when the file is neither Python 2 nor Python 3
    """
    if not text.endswith("\n"):
        text += "\n"
    tree = error = None
    for options in (
        {},
        {"print_function": True},
        {"print_function": True, "exec_function": True},
    ):
        tool = _tool(tuple(sorted(options.items())))
        tool.rewrites = []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = tool.refactor_string(text, str(path))
            break
        except Exception as err:  # fissix raises its own ParseError/TokenError
            error = err
    if tree is None:
        line = getattr(error, "lineno", None) or _parse_error_line(error)
        where = f"{display_path}:{line}" if line else display_path
        raise MigrationError(
            f"{where}: cannot parse the file as Python 2 or 3: {error}"
        )
    seen = set()
    for line, name in sorted(tool.rewrites):
        if (line, name) in seen:
            continue
        seen.add((line, name))
        report.change(
            display_path, line, "py2to3", FIXER_MESSAGES.get(name, f"2to3 fixer {name}")
        )
    return str(tree)


def _parse_error_line(error):
    context = getattr(error, "context", None)
    try:
        return context[1][0]
    except (TypeError, IndexError):
        return None
