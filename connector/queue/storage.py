# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The 9.0 ``Job`` and ``OpenERPJobStorage``, stored as queue_job 18.0 jobs.

:class:`Job` is what 9.0 code, related actions and identity functions know
of a job: its function, model name, arguments, state, dates... It can be
built in memory (``Job(func=..., args=...)``) and run with
:meth:`Job.perform`, or read from a stored ``queue.job``.
:class:`OpenERPJobStorage` stores and loads such jobs; they are ordinary
queue_job jobs (run by queue_job's runner and workers) whose method, on the
model ``connector.function.job``, stands for the function.
"""

import hashlib
import inspect
import uuid
from datetime import MINYEAR, datetime, timedelta

from odoo.addons.queue_job.job import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_PRIORITY,
    ENQUEUED,
    PENDING,
    RETRY_INTERVAL,
    WAIT_DEPENDENCIES,
)
from odoo.addons.queue_job.job import Job as QueueJob
from odoo.addons.queue_job.job import identity_exact as _queue_job_identity_exact

from ..connector import _env_of
from ..exception import (
    FailedJobError,
    JobFunctionError,
    NotReadableJobError,
    RetryableJobError,
)
from .registry import (
    FUNCTION_JOB_MODEL,
    FUNCTION_JOB_PREFIX,
    func_path,
    function_job_method,
    function_of_job_method,
    path_of_job_method,
)

__all__ = ["Job", "JobStorage", "OpenERPJobStorage", "identity_exact"]

# what a stored job and a Job have in common, copied both ways
_STATE_ATTRIBUTES = (
    "state",
    "retry",
    "max_retries",
    "result",
    "exc_info",
    "date_created",
    "date_enqueued",
    "date_started",
    "date_done",
    "company_id",
)


def _first_line(text):
    lines = [line.strip() for line in (text or "").strip().splitlines()]
    return lines[0] if lines else ""


def default_description(func):
    """The description of a job of ``func`` when none is given: the first
    line of its docstring, else ``Function <name>``."""
    return _first_line(func.__doc__) or f"Function {func.__name__}"


class Job:
    """A job of a 9.0 job function.

    :param func: the function (or its dotted path as a string)
    :param model_name: the model the job works on; prepended to ``args``
    :param args: positional arguments (a tuple)
    :param kwargs: keyword arguments (a dict)
    :param priority: smaller runs first (default 10)
    :param eta: not before this datetime (a ``timedelta`` or a number of
        seconds counts from now)
    :param job_uuid: the uuid, for a job read from storage
    :param max_retries: retries before the job fails (0: no limit; default 5)
    :param description: human description (default: the docstring)
    :param channel: complete channel name, overriding the function's
    :param identity_key: a string, or a function of the job returning one:
        a job with the same key pending or enqueued is not stored again

    The function receives a session first, then ``args`` and ``kwargs``:
    ``func(session, model_name, *args, **kwargs)``. A job is only run from
    storage when its function is decorated with ``@job``.

    Jobs compare by ``(eta, priority, date_created)``: the smaller runs
    first.
    """

    def __init__(
        self,
        func=None,
        model_name=None,
        args=None,
        kwargs=None,
        priority=None,
        eta=None,
        job_uuid=None,
        max_retries=None,
        description=None,
        channel=None,
        identity_key=None,
    ):
        args = () if args is None else args
        if isinstance(args, list):
            args = tuple(args)
        if not isinstance(args, tuple):
            raise TypeError(f"Job args must be a tuple, got {args!r}")
        kwargs = {} if kwargs is None else kwargs
        if not isinstance(kwargs, dict):
            raise TypeError(f"Job kwargs must be a dict, got {kwargs!r}")
        if func is None:
            raise TypeError("Job needs a function")
        if inspect.ismethod(func):
            raise NotImplementedError(
                f"Jobs on instance methods are not supported ({func!r}): use "
                "a module-level function, or records.with_delay() for a model "
                "method"
            )
        if inspect.isfunction(func):
            self._func = func
            self.func_name = func_path(func)
        elif isinstance(func, str):
            self._func = None
            self.func_name = func
        else:
            raise TypeError(f"{func!r} is neither a function nor a dotted path")
        self.model_name = model_name
        self.args = ((model_name,) + args) if model_name else args
        self.kwargs = kwargs
        self.priority = DEFAULT_PRIORITY if priority is None else priority
        self.max_retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
        self._uuid = job_uuid
        self._description = description
        self.channel = channel
        self.identity_key = identity_key
        self.state = PENDING
        self.retry = 0
        self.result = None
        self.exc_info = None
        self.user_id = None
        self.company_id = None
        self.date_created = datetime.now()
        self.date_enqueued = None
        self.date_started = None
        self.date_done = None
        self._eta = None
        self.eta = eta

    def _sort_key(self):
        return (self.eta or datetime(MINYEAR, 1, 1), self.priority, self.date_created)

    def __lt__(self, other):
        if not isinstance(other, Job):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __gt__(self, other):
        if not isinstance(other, Job):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __repr__(self):
        return f"<Job {self.uuid}, priority:{self.priority}>"

    @property
    def func(self):
        """The function the job runs.

        :raise JobFunctionError: for a job read by path whose function is
            not decorated with ``@job`` (a stored job only runs those)
        """
        if self._func is not None:
            return self._func
        method = function_job_method(self.func_name)
        func = function_of_job_method(method, related_action=True)
        if func is None:
            raise JobFunctionError(
                f"Job function {self.func_name} is not a function decorated "
                "with @job: a stored job cannot run it."
            )
        return func

    @property
    def func_string(self):
        """The call as text: ``module.name(arg, key=value)``."""
        args = [repr(arg) for arg in self.args]
        args += [f"{key}={value!r}" for key, value in self.kwargs.items()]
        return f"{self.func_name}({', '.join(args)})"

    @property
    def uuid(self):
        """The job's unique id (made when first asked)."""
        if self._uuid is None:
            self._uuid = str(uuid.uuid4())
        return self._uuid

    @property
    def description(self):
        """The description given, else the function's docstring, else
        ``Function <name>``."""
        if self._description:
            return self._description
        func = self.func
        return func.__doc__ or f"Function {func.__name__}"

    @property
    def identity_key(self):
        """The identity key (computed by the identity function when one was
        given instead of a string)."""
        if self._identity_key is None and self._identity_key_func is not None:
            self._identity_key = self._identity_key_func(self)
        return self._identity_key

    @identity_key.setter
    def identity_key(self, value):
        if isinstance(value, str) or value is None:
            self._identity_key, self._identity_key_func = value, None
        else:
            self._identity_key, self._identity_key_func = None, value

    @property
    def eta(self):
        """Not before this datetime (``None``: as soon as possible)."""
        return self._eta

    @eta.setter
    def eta(self, value):
        if not value:
            self._eta = None
        elif isinstance(value, timedelta):
            self._eta = datetime.now() + value
        elif isinstance(value, int | float):
            self._eta = datetime.now() + timedelta(seconds=value)
        else:
            self._eta = value

    def perform(self, session):
        """Run the job now, as its user, with ``job_uuid`` in the context.

        A :class:`~odoo.addons.connector.exception.RetryableJobError`
        counts a retry (unless raised with ``ignore_retry``); the last
        allowed one becomes a ``FailedJobError``.

        :return: what the function returned
        """
        user = self.user_id or session.uid
        with session.change_user(user), session.change_context(job_uuid=self.uuid):
            self.retry += 1
            try:
                self.result = self.func(session, *self.args, **self.kwargs)
            except RetryableJobError as err:
                if err.ignore_retry:
                    self.retry -= 1
                    raise
                if self.max_retries and self.retry >= self.max_retries:
                    raise FailedJobError(
                        f"Max. retries ({self.max_retries}) reached: {err}"
                    ) from err
                raise
        return self.result

    def set_pending(self, result=None, reset_retry=True):
        """Back to pending (for a retry or a requeue)."""
        self.state = PENDING
        self.date_enqueued = self.date_started = self.date_done = None
        if reset_retry:
            self.retry = 0
        if result is not None:
            self.result = result

    def set_enqueued(self):
        """Sent to a worker by the runner."""
        self.state = ENQUEUED
        self.date_enqueued = datetime.now()
        self.date_started = None

    def set_started(self):
        """Running."""
        self.state = "started"
        self.date_started = datetime.now()

    def set_done(self, result=None):
        """Ended well."""
        self.state = "done"
        self.exc_info = None
        self.date_done = datetime.now()
        if result is not None:
            self.result = result

    def set_failed(self, exc_info=None):
        """Ended in error (``exc_info``: the traceback text)."""
        self.state = "failed"
        if exc_info is not None:
            self.exc_info = exc_info

    def _get_retry_seconds(self, seconds=None):
        """Seconds before the next try: ``seconds`` when given, else the
        function's retry pattern (the entry of the highest count of retries
        reached), else 10 minutes."""
        if seconds:
            return seconds
        pattern = getattr(self.func, "retry_pattern", None) or {}
        seconds = RETRY_INTERVAL
        for count, postpone in sorted(pattern.items()):
            if self.retry >= count:
                seconds = postpone
        return seconds

    def postpone(self, result=None, seconds=None):
        """Set the eta to now plus :meth:`_get_retry_seconds`."""
        self.eta = timedelta(seconds=self._get_retry_seconds(seconds))
        self.exc_info = None
        if result is not None:
            self.result = result

    def related_action(self, session):
        """What the *Related* button of the job opens: the result of the
        function's related action (see ``@related_action``), ``None`` when it
        has none."""
        action = getattr(self.func, "related_action", None)
        if action is None or isinstance(action, str):
            return None
        return action(session, self)

    @classmethod
    def _from_queue_job(cls, queue_job):
        """The 9.0 view of a queue_job ``Job`` of a function job."""
        method = queue_job.method_name
        if not method.startswith(FUNCTION_JOB_PREFIX):
            raise NotReadableJobError(
                f"Job {queue_job.uuid} runs {queue_job.model_name}.{method}, "
                "not a 9.0 job function: it cannot be read as a 9.0 Job"
            )
        model_name, *args = queue_job.args or (None,)
        func = function_of_job_method(method, related_action=True)
        func = func or path_of_job_method(method)
        job = cls(
            func,
            model_name=model_name,
            args=tuple(args),
            kwargs=dict(queue_job.kwargs),
            priority=queue_job.priority,
            job_uuid=queue_job.uuid,
            max_retries=queue_job.max_retries,
            description=queue_job._description,
            channel=queue_job._channel,
        )
        job.user_id = queue_job.user_id
        job._eta = queue_job.eta
        job._identity_key = queue_job._identity_key
        for name in _STATE_ATTRIBUTES:
            setattr(job, name, getattr(queue_job, name))
        return job

    def _to_queue_job(self, env):
        """A queue_job ``Job`` storing this job (same uuid and state)."""
        records = env[FUNCTION_JOB_MODEL]
        if self.user_id:
            records = records.with_user(self.user_id)
        method = getattr(records, function_job_method(self.func_name))
        stored_args = (self.args[1:] if self.model_name else self.args) or ()
        queue_job = QueueJob(
            method,
            args=(self.model_name or None,) + tuple(stored_args),
            kwargs=self.kwargs,
            priority=self.priority,
            eta=self.eta,
            job_uuid=self.uuid,
            max_retries=self.max_retries,
            description=self._description or default_description(self.func),
            channel=self.channel,
            identity_key=self.identity_key,
        )
        for name in _STATE_ATTRIBUTES:
            value = getattr(self, name)
            if value is not None or name != "company_id":
                setattr(queue_job, name, value)
        return queue_job


def legacy_identity(identity_func):
    """Wrap a 9.0 identity function (which expects a 9.0 :class:`Job`) for
    queue_job, which calls it with its own job."""

    def identity(queue_job):
        return identity_func(Job._from_queue_job(queue_job))

    return identity


def identity_exact(job_):
    """Identity of a job from its function, arguments, company and user:
    with ``identity_key=identity_exact``, a job identical to one already
    pending or enqueued is not stored again (its uuid is returned)::

        export_record.delay(session, "shop.res.partner", binding_id,
                            identity_key=identity_exact)

    Accepts a 9.0 :class:`Job` and queue_job's own jobs (those of model
    methods get queue_job's ``identity_exact``).
    """
    if not isinstance(job_, Job):
        if not str(getattr(job_, "method_name", "")).startswith(FUNCTION_JOB_PREFIX):
            return _queue_job_identity_exact(job_)
        job_ = Job._from_queue_job(job_)
    hasher = hashlib.sha1()
    for part in (
        job_.func_name,
        str(job_.args),
        str(sorted(job_.kwargs.items())),
        str(job_.company_id),
        str(job_.user_id),
    ):
        hasher.update(part.encode("utf-8"))
    return hasher.hexdigest()


class JobStorage:
    """9.0's interface of a storage of jobs; :class:`OpenERPJobStorage`,
    on queue_job's ``queue.job`` table, is the one implementation."""

    def store(self, job_):
        """Store ``job_`` (a :class:`Job`)."""
        raise NotImplementedError

    def load(self, job_uuid):
        """The :class:`Job` stored under ``job_uuid``."""
        raise NotImplementedError

    def exists(self, job_uuid):
        """Whether a job is stored under ``job_uuid``."""
        raise NotImplementedError


class OpenERPJobStorage(JobStorage):
    """Store and load 9.0 jobs as ``queue.job`` records.

    :param session: a ``ConnectorSession`` or an Odoo environment
    """

    _job_model_name = "queue.job"

    def __init__(self, session):
        self.session = session
        self.env = _env_of(session)
        self.job_model = self.env[self._job_model_name]

    def job_record_with_same_identity_key(self, identity_key):
        """The pending or enqueued job with this identity key, if any."""
        return (
            self.job_model.sudo()
            .search(
                [
                    ("identity_key", "=", identity_key),
                    ("state", "in", [WAIT_DEPENDENCIES, PENDING, ENQUEUED]),
                ],
                limit=1,
            )
            .with_env(self.env)
        )

    def enqueue(
        self,
        func,
        model_name=None,
        args=None,
        kwargs=None,
        priority=None,
        eta=None,
        max_retries=None,
        description=None,
        channel=None,
        identity_key=None,
    ):
        """Store a new job of the decorated function ``func``; return its
        uuid (that of the pending job with the same identity key, if any).

        :raise JobFunctionError: when ``func`` is not decorated with ``@job``
        """
        # the @job machinery sits above the storage
        from .job import enqueue_function  # pylint: disable=import-outside-toplevel

        return enqueue_function(
            self.env,
            func,
            model_name,
            tuple(args or ()),
            dict(kwargs or {}),
            priority=priority,
            eta=eta,
            max_retries=max_retries,
            description=description,
            channel=channel,
            identity_key=identity_key,
        )

    def enqueue_resolve_args(self, func, *args, **kwargs):
        """:meth:`enqueue`, the job options taken out of ``kwargs``
        (``priority``, ``eta``, ``model_name``, ``max_retries``,
        ``description``, ``channel``, ``identity_key``)."""
        options = {
            name: kwargs.pop(name)
            for name in (
                "priority",
                "eta",
                "model_name",
                "max_retries",
                "description",
                "channel",
                "identity_key",
            )
            if name in kwargs
        }
        return self.enqueue(func, args=args, kwargs=kwargs, **options)

    def exists(self, job_uuid):
        """Whether a job of this uuid is stored."""
        return bool(self.db_record_from_uuid(job_uuid))

    def db_record_from_uuid(self, job_uuid):
        """The ``queue.job`` record of this uuid (empty when there is none)."""
        return QueueJob.db_records_from_uuids(self.env, [job_uuid]).with_env(self.env)

    def db_record(self, job_):
        """The ``queue.job`` record of a :class:`Job`."""
        return self.db_record_from_uuid(job_.uuid)

    def store(self, job_):
        """Create or update the stored job of ``job_`` (state, dates, retries,
        result...)."""
        if job_.user_id is None:
            job_.user_id = self.env.uid
        job_._to_queue_job(self.env).store()

    def load(self, job_uuid):
        """The stored job of this uuid.

        :raise NoSuchJobError: when it does not exist
        :raise NotReadableJobError: when it is not a job of a 9.0 function
        """
        return Job._from_queue_job(QueueJob.load(self.env, job_uuid))
