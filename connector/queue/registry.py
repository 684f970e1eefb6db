# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Where decorated job functions and methods are remembered, and how a
stored queue_job job finds its 9.0 function again.

queue_job 18.0 only runs methods of models. A 9.0 job function therefore
runs as a method of the abstract model ``connector.function.job`` whose name
is derived from the function's dotted path (:func:`function_job_method`);
each function gets its own ``queue.job.function`` record, so its channel,
retry pattern and related action are its own, as they were in 9.0.

Only functions decorated with ``@job`` are run: a stored job naming any other
function (renamed, no longer decorated, or of an addon that is not
installed) fails with :class:`~odoo.addons.connector.exception.JobFunctionError`
instead of running it.
"""

import re

from ..connector import get_openerp_module, is_module_installed
from ..exception import JobFunctionError
from ..session import ConnectorSession

__all__ = [
    "FUNCTION_JOB_MODEL",
    "FUNCTION_JOB_PREFIX",
    "JOB_REGISTRY",
    "function_job_method",
    "function_of_job_method",
    "job_function_configs",
]

#: The model whose methods run 9.0 job functions.
FUNCTION_JOB_MODEL = "connector.function.job"
#: Prefix of those methods' names (private: never callable over RPC).
FUNCTION_JOB_PREFIX = "_function_job__"

#: Every function decorated with ``@job`` (the 9.0 registry).
JOB_REGISTRY = set()
# job method name -> decorated function
_FUNCTION_JOBS = {}
# job method name -> function with a @related_action but no @job: 9.0 let
# such a job be stored and its related action be opened, not run
_RELATED_ACTION_FUNCTIONS = {}
# names of model methods decorated with @job (10.0 style)
_METHOD_JOB_NAMES = set()

_ADDONS_PREFIX = re.compile(r"^(odoo|openerp)\.addons\.")


def func_path(func):
    """The dotted path of a function: ``module.name``."""
    return f"{func.__module__}.{func.__name__}"


def function_job_method(path):
    """The name of the ``connector.function.job`` method running the job
    function of dotted path ``path``.

    ``odoo.addons.shop.jobs.import_record`` gives
    ``_function_job__shop__jobs__import_record``
    (``openerp.addons.`` paths give the same name, so jobs stored before a
    migration of the imports keep their function).
    """
    return FUNCTION_JOB_PREFIX + _ADDONS_PREFIX.sub("", path).replace(".", "__")


def register_function(func):
    """Remember ``func`` as a 9.0 job function (done by ``@job``)."""
    JOB_REGISTRY.add(func)
    _FUNCTION_JOBS[function_job_method(func_path(func))] = func


def register_related_action_function(func):
    """Remember ``func``, a function with a related action (done by
    ``@related_action``), so that the related action of its stored jobs can
    be opened even when it is not decorated with ``@job``."""
    _RELATED_ACTION_FUNCTIONS[function_job_method(func_path(func))] = func


def register_method_name(name):
    """Remember that model methods named ``name`` may be job methods (done
    by ``@job`` on a method)."""
    _METHOD_JOB_NAMES.add(name)


def function_of_job_method(method_name, related_action=False):
    """The ``@job`` function a job method name stands for, or ``None``.

    :param related_action: also a function decorated with
        ``@related_action`` only (enough to open a related action, never to
        run a job)
    """
    func = _FUNCTION_JOBS.get(method_name)
    if func is None and related_action:
        func = _RELATED_ACTION_FUNCTIONS.get(method_name)
    return func


def path_of_job_method(method_name):
    """The dotted path of the function of a job method name, for messages
    (recovered from the name when the function is not registered)."""
    func = function_of_job_method(method_name, related_action=True)
    if func is not None:
        return func_path(func)
    return "odoo.addons." + method_name[len(FUNCTION_JOB_PREFIX) :].replace("__", ".")


def checked_function(env, method_name):
    """The decorated function of ``method_name``, installed in the database
    of ``env``.

    :raise JobFunctionError: when no ``@job`` function has this name in the
        process, or when its addon is not installed in the database
    """
    func = _FUNCTION_JOBS.get(method_name)
    path = path_of_job_method(method_name)
    if func is None:
        raise JobFunctionError(
            f"Job function {path} is not a function decorated with @job in this "
            "Odoo (it was renamed or removed, or lost its decorator): the job "
            "is refused."
        )
    addon = get_openerp_module(func)
    if not is_module_installed(env, addon):
        raise JobFunctionError(
            f"Job function {path} belongs to the addon {addon}, which is not "
            f"installed in database {env.cr.dbname}: the job is refused."
        )
    return func


def function_job_runner(method_name):
    """The method of ``connector.function.job`` named ``method_name``: it
    runs the job function with a
    :class:`~odoo.addons.connector.session.ConnectorSession` of the job's
    environment (its user, company and context), as 9.0's job did::

        func(session, model_name, *args, **kwargs)

    The first stored argument is the model name, or ``None`` for a job
    created without one (then the function gets only ``*args``).
    """

    def run(records, model_name, *args, **kwargs):
        func = checked_function(records.env, method_name)
        session = ConnectorSession.from_env(records.env)
        call_args = ((model_name,) if model_name else ()) + args
        return func(session, *call_args, **kwargs)

    run.__name__ = run.__qualname__ = method_name
    return run


def is_method_definition(func):
    """Whether ``func`` is being defined in a class body (a model method,
    10.0 style) rather than at module level (a 9.0 job function)."""
    parts = func.__qualname__.split(".")
    return len(parts) > 1 and parts[-2] != "<locals>"


def _related_action_config(func, is_function):
    """The ``related_action`` value of the job function record of ``func``."""
    action = getattr(func, "related_action", None)
    if action is None:
        return {}
    if is_function:
        return {"func_name": "related_action_function_job"}
    return {"func_name": action, "kwargs": dict(getattr(func, "kwargs", {}))}


def _config(model_name, method, func, is_function):
    return {
        "model": model_name,
        "method": method,
        "channel": func.default_channel,
        "retry_pattern": dict(func.retry_pattern or {}),
        "related_action": _related_action_config(func, is_function),
    }


def job_function_configs(env, functions=None):
    """What the ``queue.job.function`` records of the decorated jobs must
    say: a list of dicts with ``model``, ``method``, ``channel``,
    ``retry_pattern`` and ``related_action``.

    :param env: an environment of the database (only installed addons count)
    :param functions: restrict to these 9.0 functions (default: all the
        registered ones, and every decorated model method of the registry)
    """
    configs = []
    for method, func in sorted(_FUNCTION_JOBS.items()):
        if functions is not None and func not in functions:
            continue
        if is_module_installed(env, get_openerp_module(func)):
            configs.append(_config(FUNCTION_JOB_MODEL, method, func, True))
    if functions is not None:
        return configs
    for model_name in sorted(env.registry):
        model_class = type(env[model_name])
        for name in sorted(_METHOD_JOB_NAMES):
            func = getattr(model_class, name, None)
            if getattr(func, "delayable", False):
                configs.append(_config(model_name, name, func, False))
    return configs
