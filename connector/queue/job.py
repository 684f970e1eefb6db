# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Jobs declared as connectors 9.0 and 10.0 declared them, run by queue_job.

**9.0: job functions.** A module-level function decorated with :func:`job`
runs synchronously when called, and is enqueued with its ``delay``::

    from odoo.addons.connector.queue.job import job, related_action
    from odoo.addons.connector.related_action import unwrap_binding

    @job(default_channel="root.shop")
    @related_action(action=unwrap_binding)
    def export_record(session, model_name, binding_id, fields=None):
        '''Export a record to the shop'''
        ...

    uuid = export_record.delay(session, "shop.res.partner", binding.id,
                               priority=5, eta=60)

The job is a real queue_job job, run by queue_job's runner and workers, as
the user who enqueued it, with the company and context keys queue_job keeps
(language, time zone, companies); the function gets a
:class:`~odoo.addons.connector.session.ConnectorSession` of that
environment. The reserved keywords of ``delay`` are ``priority``, ``eta``
(a datetime, a ``timedelta`` or seconds), ``max_retries``, ``description``
(default: the first line of the docstring, else ``Function <name>``),
``channel`` (overrides the function's) and ``identity_key`` (a string or a
function such as :func:`identity_exact`: a job with the same key still
pending or enqueued is not stored twice, its uuid is returned). Everything
else goes to the function; arguments must be JSON-serializable (numbers,
strings, lists, dicts, dates, datetimes, recordsets), as queue_job stores
them in JSON.

**10.0: job methods.** On a model method, the same decorators declare the
job function queue_job 18.0 reads its options from::

    class ShopPartner(models.Model):
        _name = "shop.res.partner"

        @job(default_channel="root.shop", retry_pattern={1: 60, 5: 300})
        @related_action(action="related_action_unwrap_binding")
        def export_record(self, fields=None):
            ...

    binding.with_delay(priority=5).export_record(fields=["name"])

The channel, retry pattern and related action of every decorated function
and method become ``queue.job.function`` records when the registry loads
(records that exist are left as they are: an administrator's change wins),
so no XML is needed.

``default_channel`` must be ``root`` or start with ``root.``;
``retry_pattern`` maps a count of retries to the seconds to wait (or a
``(min, max)`` pair). A stored job only runs a function decorated with
``@job`` whose addon is installed in the database.
"""

import functools
import json
import numbers

from odoo.addons.queue_job.fields import JobEncoder
from odoo.addons.queue_job.job import (
    CANCELLED,
    DEFAULT_MAX_RETRIES,
    DEFAULT_PRIORITY,
    DONE,
    ENQUEUED,
    FAILED,
    PENDING,
    RETRY_INTERVAL,
    STARTED,
    STATES,
    WAIT_DEPENDENCIES,
)

from ..connector import _env_of
from ..exception import JobFunctionError
from .registry import (
    FUNCTION_JOB_MODEL,
    JOB_REGISTRY,
    func_path,
    function_job_method,
    function_of_job_method,
    is_method_definition,
    register_function,
    register_method_name,
    register_related_action_function,
)
from .storage import (
    Job,
    JobStorage,
    OpenERPJobStorage,
    default_description,
    identity_exact,
    legacy_identity,
)

__all__ = [
    "job",
    "related_action",
    "identity_exact",
    "Job",
    "JobStorage",
    "OpenERPJobStorage",
    "whitelist_unpickle_global",
    "JOB_REGISTRY",
    "STATES",
    "WAIT_DEPENDENCIES",
    "PENDING",
    "ENQUEUED",
    "STARTED",
    "DONE",
    "CANCELLED",
    "FAILED",
    "DEFAULT_PRIORITY",
    "DEFAULT_MAX_RETRIES",
    "RETRY_INTERVAL",
]

# keywords of delay() that configure the job instead of reaching the function
_JOB_OPTIONS = ("priority", "eta", "max_retries", "description", "channel")
_JOB_OPTIONS += ("identity_key",)


#: What :func:`whitelist_unpickle_global` was given.
UNPICKLE_WHITELIST = set()


def whitelist_unpickle_global(fn_or_class):
    """Allow a function or class in the arguments of stored jobs (9.0),
    kept for the code that calls it; returns ``fn_or_class``.

    9.0 pickled the arguments of jobs and refused to unpickle the globals
    it did not know. queue_job 18.0 stores them in JSON: numbers, strings,
    lists, dicts, dates, datetimes and recordsets are stored whatever this
    list says, and ``delay`` refuses any other value, naming it.
    """
    UNPICKLE_WHITELIST.add(fn_or_class)
    return fn_or_class


def _check_storable(func, args, kwargs):
    """Refuse, naming it, an argument of ``func`` queue_job cannot store."""
    values = [(f"argument {index}", value) for index, value in enumerate(args, 3)]
    values += [(f"argument {name!r}", value) for name, value in kwargs.items()]
    for where, value in values:
        try:
            json.dumps(value, cls=JobEncoder)
        except (TypeError, ValueError) as err:
            raise JobFunctionError(
                f"{_describe(func)}.delay(): {where} ({type(value).__name__}) "
                "cannot be stored: queue_job stores the arguments of jobs in "
                "JSON (numbers, strings, lists, dicts, dates, datetimes, "
                f"records), 9.0 pickled them ({err})"
            ) from err


def _describe(func):
    return func_path(func) if callable(func) else repr(func)


def _check_channel(channel, func):
    parts = channel.split(".") if isinstance(channel, str) else []
    if not parts or parts[0] != "root" or not all(parts):
        raise JobFunctionError(
            f"@job on {_describe(func)}: default_channel must be 'root' or a "
            f"dotted path starting with 'root.', got {channel!r}"
        )


def _is_seconds(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _check_retry_pattern(pattern, func):
    if pattern is None:
        return
    valid = isinstance(pattern, dict) and all(
        _is_seconds(count)
        and (
            _is_seconds(wait)
            or (
                isinstance(wait, tuple | list)
                and len(wait) == 2
                and all(_is_seconds(bound) for bound in wait)
            )
        )
        for count, wait in pattern.items()
    )
    if not valid:
        raise JobFunctionError(
            f"@job on {_describe(func)}: retry_pattern must be a dict of "
            "{count of retries: seconds or (min, max) seconds}, got "
            f"{pattern!r}"
        )


def _refuse_method_delay(func):
    def delay(*args, **kwargs):
        raise JobFunctionError(
            f"{func.__qualname__}.delay() is the 9.0 form of a job function: "
            f"delay a model method with records.with_delay().{func.__name__}(...)"
        )

    return delay


def job(func=None, default_channel="root", retry_pattern=None):
    """Declare a job function (module level, 9.0) or a job method (in a
    model class, 10.0); see the module documentation.

    ``@job``, ``@job(default_channel=..., retry_pattern=...)`` and
    ``job(func, ...)`` all work; ``job(None, ...)`` returns a
    ``functools.partial`` waiting for the function. The function itself is
    returned, with the attributes ``default_channel``, ``retry_pattern`` and
    ``delay`` (job methods: ``delayable``, and a ``delay`` that tells to use
    ``with_delay()``).

    :param default_channel: channel of the job function record created for
        it: ``root`` or ``root.<sub>...``
    :param retry_pattern: ``{count of retries: seconds to wait}``
    :raise JobFunctionError: on a channel outside ``root`` or a malformed
        retry pattern
    :raise TypeError: when what is decorated is not a function
    """
    if func is None:
        return functools.partial(
            job, default_channel=default_channel, retry_pattern=retry_pattern
        )
    if not callable(func) or not hasattr(func, "__qualname__"):
        raise TypeError(f"@job decorates functions and methods, not {func!r}")
    _check_channel(default_channel, func)
    _check_retry_pattern(retry_pattern, func)
    func.default_channel = default_channel
    func.retry_pattern = retry_pattern
    if is_method_definition(func):
        func.delayable = True
        func.delay = _refuse_method_delay(func)
        register_method_name(func.__name__)
    else:
        func.delay = functools.partial(_delay, func)
        register_function(func)
    return func


def related_action(action=None, **kwargs):
    """Attach a *Related Action* to a job: what the job's *Related* button
    opens.

    On a 9.0 job function, ``action`` is a callable taking ``(session,
    job, **kwargs)`` (``job`` is a :class:`Job`: ``job.args[0]`` is the
    model name) and returning an action dictionary, or ``None`` for
    nothing; ``kwargs`` are passed to it::

        @job
        @related_action(action=unwrap_binding)
        def export_record(session, model_name, binding_id): ...

    On a 10.0 job method, ``action`` is the name of a ``queue.job`` method,
    called with ``kwargs`` (e.g. ``related_action_unwrap_binding``).

    :raise TypeError: when ``action`` is neither (a string for a function,
        or a callable for a method)
    """

    def decorate(func):
        if is_method_definition(func):
            if action is not None and not isinstance(action, str):
                raise TypeError(
                    f"@related_action on the method {func.__qualname__}: action "
                    f"must be the name of a queue.job method, got {action!r}"
                )
            func.related_action = action
            func.kwargs = kwargs
            return func
        if action is not None and not callable(action):
            raise TypeError(
                f"@related_action on {_describe(func)}: action must be a "
                f"callable (session, job, **kwargs), got {action!r}"
            )
        if action is not None and kwargs:
            func.related_action = functools.partial(action, **kwargs)
        else:
            func.related_action = action
        register_related_action_function(func)
        return func

    return decorate


def _delay(func, session, model_name=None, *args, **kwargs):
    """``func.delay(session, model_name, *args, **kwargs)``: enqueue ``func``
    (see the module documentation); return the job's uuid."""
    options = {name: kwargs.pop(name) for name in _JOB_OPTIONS if name in kwargs}
    return enqueue_function(_env_of(session), func, model_name, args, kwargs, **options)


def enqueue_function(
    env,
    func,
    model_name,
    args,
    kwargs,
    priority=None,
    eta=None,
    max_retries=None,
    description=None,
    channel=None,
    identity_key=None,
):
    """Store a queue_job job running ``func(session, model_name, *args,
    **kwargs)``; return its uuid.

    The job is created through queue_job's ``with_delay()``, so queue_job's
    test helpers (``trap_jobs``) and its synchronous mode
    (``queue_job__no_delay`` in the context) apply to it.

    :raise JobFunctionError: when ``func`` is not decorated with ``@job``
    """
    method_name = function_job_method(func_path(func)) if callable(func) else None
    if method_name is None or function_of_job_method(method_name) is not func:
        raise JobFunctionError(
            f"{_describe(func)} cannot be enqueued: it is not decorated with @job"
        )
    _check_storable(func, args, kwargs)
    if callable(identity_key):
        identity_key = legacy_identity(identity_key)
    records = env[FUNCTION_JOB_MODEL]
    if channel is None:
        config = (
            env["queue.job.function"]
            .sudo()
            .job_config(
                env["queue.job.function"].job_function_name(
                    FUNCTION_JOB_MODEL, method_name
                )
            )
        )
        if not config.job_function_id:
            # not registered yet (addon being installed): the decorator's channel
            channel = func.default_channel
    delayable = records.with_delay(
        priority=priority,
        eta=eta,
        max_retries=max_retries,
        description=description or default_description(func),
        channel=channel,
        identity_key=identity_key,
    )
    return getattr(delayable, method_name)(model_name or None, *args, **kwargs).uuid
