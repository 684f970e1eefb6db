# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The testing kit: helpers for the tests of connectors built on this
framework (importable as ``odoo.addons.connector.tests.common``).

* :class:`ConnectorTestCase`: the base test case of a connector's tests: a
  ``TransactionCase`` whose backend registry is restored after each test,
  with helpers to get units and to create or find bindings;
* :func:`trap_job_chain`: run the jobs a test delays, and the jobs they
  delay in turn (a batch job delaying one job per record), synchronously,
  and assert what ran;
* :class:`LoopbackProcess`: a real external system for tests, a script
  run in a subprocess listening on 127.0.0.1;
* :class:`RestServer`: a ready-made one, a small REST/JSON record store
  (``rest_server.py``) to test connectors of REST backends against;
* :class:`RestoreBackendsMixin`: the registry restoration alone, for test
  classes not based on :class:`ConnectorTestCase`;
* :func:`trap_jobs`: queue_job's helper, re-exported;
* :func:`mock_job_delay_to_direct`: 9.0's helper running the ``delay()``
  of a job function at once.

A connector's tests typically read::

    from odoo.addons.connector.tests.common import (
        ConnectorTestCase,
        RestServer,
        trap_job_chain,
    )


    class TestImport(ConnectorTestCase):
        @classmethod
        def setUpClass(cls):
            super().setUpClass()
            cls.server = RestServer()
            cls.addClassCleanup(cls.server.stop)
            cls.backend_record = cls.env["shop.backend"].create(
                {"name": "Shop", "location": cls.server.base_url}
            )

        def test_import(self):
            self.server.put("customers", {"id": 7, "name": "Alice"})
            with trap_job_chain() as chain:
                self.backend_record.action_import_customers()
                chain.perform()
            chain.assert_performed(self.env["shop.res.partner"].import_record, 1)
            self.assertEqual(self.binding("shop.res.partner", 7).name, "Alice")

See the *Testing a connector* section of the tutorial for more.
"""

import importlib
import json
import os
import socket
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from operator import attrgetter
from unittest import mock

from odoo.tests import TransactionCase
from odoo.tests import common as odoo_test_common

from odoo.addons.connector.backend import BACKENDS
from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.exception import NothingToDoJob
from odoo.addons.connector.queue.job import _JOB_OPTIONS

# queue_job 18.0.4's test helpers register one of their paths in Odoo's
# SETATTR_SOURCES, which Odoo 18 builds from before late 2025 lack: an empty
# registry lets them import there (it only silences a patching warning).
if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

# pylint: disable=wrong-import-position
from odoo.addons.queue_job.delay import Graph  # noqa: E402
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

__all__ = [
    "ConnectorTestCase",
    "JobChain",
    "LoopbackProcess",
    "RestServer",
    "RestoreBackendsMixin",
    "closed_port",
    "mock_job_delay_to_direct",
    "trap_job_chain",
    "trap_jobs",
]

#: How many jobs :meth:`JobChain.perform` performs at most by default: a
#: chain longer than that is taken for one that never ends.
JOB_CHAIN_LIMIT = 100

REST_SERVER_SCRIPT = os.path.join(os.path.dirname(__file__), "rest_server.py")


@contextmanager
def mock_job_delay_to_direct(job_path):
    """Within the block, ``delay(...)`` of the job function at ``job_path``
    runs the function at once instead of enqueuing a job (9.0's helper,
    kept for the tests of 9.0 connectors).

    ``job_path`` is the dotted path of the function in the module whose
    code calls ``delay``, such as
    ``"odoo.addons.shop_connector.invoice.export_invoice"``. The keywords
    reserved to ``delay`` (``priority``, ``eta``, ``max_retries``,
    ``description``, ``channel``, ``identity_key``) are dropped, the others
    reach the function, and ``delay`` returns what the function returns.

    The module's attribute is replaced by a ``unittest.mock.MagicMock``,
    yielded so that the test can check the calls of its ``delay``: as in
    9.0, code holding the function under another name (imported elsewhere
    before the block) still calls the real one.

    :raise ValueError: when ``job_path`` names no function of a module
    """
    module_name, _dot, name = job_path.rpartition(".")
    try:
        module = importlib.import_module(module_name) if module_name else None
    except ImportError as err:
        raise ValueError(f"{job_path}: no module {module_name} ({err})") from err
    func = getattr(module, name, None)
    if not callable(func):
        raise ValueError(
            f"{job_path}: {module_name or job_path!r} has no function {name}"
        )

    def direct(*args, **kwargs):
        for option in _JOB_OPTIONS:
            kwargs.pop(option, None)
        return func(*args, **kwargs)

    with mock.patch(job_path) as patched:
        patched.delay.side_effect = direct
        yield patched


def closed_port():
    """A port of 127.0.0.1 that nothing listens on, for the tests of an
    unreachable backend: a connection to it is refused at once (no timeout
    to wait for). Bound and released by the call, so another program could
    take it meanwhile; on loopback in a test run that does not happen."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackProcess:
    """A real external system for tests: a Python script run in a subprocess,
    which listens on a free port of 127.0.0.1 and prints that port as its
    first line of output. :attr:`base_url` is its address; call :meth:`stop`
    (e.g. with ``addCleanup``) to end it::

        cls.service = LoopbackProcess("/path/to/my_service.py")
        cls.addClassCleanup(cls.service.stop)

    The script runs with the interpreter running Odoo; it should need the
    standard library only (see ``rest_server.py`` for one).

    :param script: path of the script
    :param args: further command line arguments of the script
    :raise RuntimeError: when the script exits without printing a port
    """

    def __init__(self, script, args=()):
        self.script = script
        self.process = subprocess.Popen(
            [sys.executable, script, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        port = self.process.stdout.readline().strip()
        if not port:
            self.stop()
            raise RuntimeError(f"{script} did not start")
        self.base_url = f"http://127.0.0.1:{port}"

    def stop(self):
        """Stop the process and wait for its end."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process.stdout.close()


class RestServer(LoopbackProcess):
    """A REST/JSON record store on 127.0.0.1 (``rest_server.py`` in this
    package), the remote system of tests of connectors for REST backends.

    Its API, for any collection name (``customers``, ``products``...):
    ``GET /<collection>`` (a list of the records, filtered by the query's
    ``key=value`` pairs), ``GET /<collection>/<id>``, ``POST
    /<collection>`` (answers the created record, with its ``id``), ``PUT``
    or ``PATCH /<collection>/<id>`` (merges, answers the record),
    ``DELETE /<collection>/<id>``; 404 for an unknown record. Records get
    ``updated_at`` (UTC, ``YYYY-MM-DD HH:MM:SS``) on each write.

    The methods below seed and inspect it without going through the API
    (nor its log). Start one per test class and :meth:`reset` it in
    ``setUp`` when tests must not see each other's records::

        cls.server = RestServer()
        cls.addClassCleanup(cls.server.stop)
    """

    def __init__(self):
        super().__init__(REST_SERVER_SCRIPT)

    def _admin(self, method, path, payload=None):
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(
            f"{self.base_url}/_admin/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def reset(self):
        """Forget every record, fault, token and logged request."""
        self._admin("POST", "reset")

    def put(self, collection, *records):
        """Store records (dicts with an ``id``) as given, replacing those
        with the same id; no ``updated_at`` is added."""
        self._admin("POST", f"records/{collection}", list(records))

    def records(self, collection):
        """The records of a collection: ``{id (str): record}``."""
        return self._admin("GET", f"records/{collection}")

    def record(self, collection, record_id):
        """One record, or ``None``."""
        return self.records(collection).get(str(record_id))

    def fail(self, method, path, action="drop", count=1, seconds=None):
        """Make the next ``count`` requests ``method path`` (``"GET",
        "/customers/7"``) fail, by ``action``:

        * ``"drop"``: the connection is closed without answer;
        * ``"html"``: a 200 answer with an HTML page (a proxy's, a login
          page's...) instead of JSON;
        * ``"slow"``: the answer comes after ``seconds`` (default 5);
        * an HTTP status (``503``, ``"409"``...): that status, with a JSON
          body ``{"error": "injected fault"}``.
        """
        fault = {"method": method, "path": path, "action": str(action)}
        fault.update(count=count, seconds=seconds or 5)
        self._admin("POST", "faults", fault)

    def require_token(self, token):
        """Refuse (401) the API requests without the header
        ``Authorization: Bearer <token>``; ``None`` accepts them all."""
        self._admin("POST", "token", {"token": token})

    def requests(self):
        """The API requests received since the last :meth:`reset`, oldest
        first: dicts with ``method``, ``path``, ``query`` (a dict),
        ``headers`` (a dict) and ``body`` (decoded JSON, or ``None``)."""
        return self._admin("GET", "log")


def _restore_registry(saved_backends, saved_entries):
    BACKENDS.backends.clear()
    BACKENDS.backends.update(saved_backends)
    for backend, entries in saved_entries.items():
        backend._class_entries = [entry for entry, __ in entries]
        for entry, replaced_by in entries:
            entry.replaced_by[:] = replaced_by


class RestoreBackendsMixin:
    """Restore the process-wide backend registry after each test.

    Tests creating :class:`~odoo.addons.connector.backend.Backend` instances
    register them in :data:`~odoo.addons.connector.backend.BACKENDS`, and
    tests defining throw-away units register them on backends; mixing this
    class in removes both again when the test ends: the registry, and the
    units registered on each backend (``replacing=`` included), are what
    they were before the test.
    """

    def setUp(self):
        """Save the backends and their units, restored by a cleanup."""
        super().setUp()
        saved_backends = set(BACKENDS.backends)
        saved_entries = {
            backend: [(entry, list(entry.replaced_by)) for entry in entries]
            for backend in saved_backends
            for entries in [list(backend._class_entries)]
        }
        self.addCleanup(_restore_registry, saved_backends, saved_entries)


class ConnectorTestCase(RestoreBackendsMixin, TransactionCase):
    """The base test case of a connector's tests.

    A ``TransactionCase`` (each test rolled back) whose backend registry is
    restored after each test (see :class:`RestoreBackendsMixin`: a test may
    register throw-away units, even with ``replacing=``), with helpers for
    the backend record of the class, :attr:`backend_record`, which
    ``setUpClass`` creates::

        class TestPartnerImport(ConnectorTestCase):
            @classmethod
            def setUpClass(cls):
                super().setUpClass()
                cls.backend_record = cls.env["shop.backend"].create(
                    {"name": "Shop", "location": "http://127.0.0.1:1"}
                )

            def test_mapping(self):
                mapper = self.unit(ImportMapper, "shop.res.partner")
                values = mapper.map_record({"name": "Alice"}).values()
                self.assertEqual(values["name"], "Alice")

            def test_update(self):
                binding = self.create_binding("shop.res.partner", 7, name="A")
                ...
                self.assertEqual(self.binding("shop.res.partner", 7), binding)

    Every helper takes a ``backend=`` (another backend record) too.
    """

    #: The backend record the helpers use by default (set it in
    #: ``setUpClass``).
    backend_record = None

    def _backend(self, backend):
        backend = backend if backend is not None else self.backend_record
        if backend is None:
            raise ValueError(
                f"{type(self).__name__} has no backend record: set "
                "cls.backend_record in setUpClass, or pass backend="
            )
        return backend

    def connector_env(self, model_name, backend=None, env=None):
        """A :class:`~odoo.addons.connector.connector.ConnectorEnvironment`
        of ``model_name`` on the backend record.

        :param model_name: the (binding) model the units work on
        :param backend: a backend record (default: :attr:`backend_record`)
        :param env: the Odoo environment the units work in (default: the
            test's ``self.env``)
        """
        return ConnectorEnvironment(self._backend(backend), env or self.env, model_name)

    def unit(self, unit_class, model_name, backend=None, env=None):
        """The unit the backend registers for ``model_name`` that is a
        ``unit_class`` (the class or a subclass), as jobs find it::

            importer = self.unit(RecordImporter, "shop.res.partner")

        :raise NoConnectorUnitError: when the backend has none (the message
            lists the units registered for the model)
        """
        return self.connector_env(
            model_name, backend=backend, env=env
        ).get_connector_unit(unit_class)

    def create_binding(
        self, model_name, external_id, record=None, backend=None, **values
    ):
        """Create a binding of ``model_name`` on the backend record, with
        the external id ``external_id`` (stored as a string; ``None`` for a
        binding not exported yet) and ``values``.

        With ``record`` (an Odoo record), the binding is bound to it,
        through the ``_inherits`` field of the binding model for that
        record's model (or its ``odoo_id``/``openerp_id``); without, an
        ``_inherits`` binding creates its own record from ``values``::

            partner = self.env["res.partner"].create({"name": "Alice"})
            binding = self.create_binding("shop.res.partner", 7, record=partner)
            other = self.create_binding("shop.res.partner", 8, name="Bob")

        The binding gets no ``sync_date`` unless ``values`` give one.
        """
        model = self.env[model_name]
        values = dict(values, backend_id=self._backend(backend).id)
        if external_id is not None:
            values["external_id"] = str(external_id)
        if record is not None:
            link = model._inherits.get(record._name) or next(
                (name for name in ("odoo_id", "openerp_id") if name in model._fields),
                None,
            )
            if link is None:
                raise ValueError(
                    f"{model_name} has no field linking it to {record._name} "
                    "(no _inherits of it, no odoo_id or openerp_id)"
                )
            values[link] = record.id
        return model.create(values)

    def binding(self, model_name, external_id, backend=None):
        """The binding of ``external_id`` on the backend record (archived
        ones too), possibly empty: what an import created, or updated."""
        return (
            self.env[model_name]
            .with_context(active_test=False)
            .search(
                [
                    ("backend_id", "=", self._backend(backend).id),
                    ("external_id", "=", str(external_id)),
                ]
            )
        )


def _job_name(job):
    return f"{job.model_name}.{job.method_name}"


def _job_matches(job, only):
    """Whether ``job`` is a job of the method ``only`` (a bound method,
    ``model.method``: any record of the model matches)."""
    if only is None:
        return True
    return job.model_name == only.__self__._name and job.method_name == only.__name__


def _describe_job(job):
    args = [repr(arg) for arg in job.args]
    args += [f"{key}={value!r}" for key, value in job.kwargs.items()]
    return f"{job.recordset!r}.{job.method_name}({', '.join(args)})"


class JobChain:
    """What :func:`trap_job_chain` yields: the jobs delayed in its block,
    performed on demand with the jobs they delay in turn.

    .. attribute:: performed

        The jobs performed (queue_job ``Job`` objects, with their
        ``args``, ``kwargs`` and ``result``), in the order they ran.

    .. attribute:: trap

        queue_job's ``JobsTrap`` underneath: its ``assert_enqueued_job``
        checks how a job was delayed (arguments, properties), its ``calls``
        list every delay of the block.
    """

    def __init__(self, trap, limit=JOB_CHAIN_LIMIT):
        self.trap = trap
        self.limit = limit
        self.performed = []

    def pending(self, only=None):
        """The jobs delayed and not performed yet (of the method ``only``,
        e.g. ``env["shop.res.partner"].import_record``, when given)."""
        return [job for job in self.trap.enqueued_jobs if _job_matches(job, only)]

    def perform(self):
        """Perform the pending jobs, then the jobs they delayed, and so on
        until none is left, as workers would, but in this transaction and
        in order: round after round, each round by priority (the jobs of a
        dependency graph in their order).

        Each job runs in a savepoint, which a job raising an exception
        rolls back, as queue_job rolls back a failed job: a failed job
        leaves nothing written (the jobs performed before it keep their
        work, as they would have committed it). A job raising
        :class:`~odoo.addons.connector.exception.NothingToDoJob` is done, its
        message its result (as the connector's runner does); any other
        exception stops the chain and is raised, with a note naming the job.

        :return: the jobs performed by this call
        :raise AssertionError: when more than ``limit`` jobs ran: the chain
            does not end (the message names the jobs still pending)
        """
        done = []
        while self.trap.enqueued_jobs:
            batch, self.trap.enqueued_jobs = self.trap.enqueued_jobs, []
            for job in self._ordered(batch):
                if len(self.performed) >= self.limit:
                    pending = [_describe_job(j) for j in self.trap.enqueued_jobs]
                    raise AssertionError(
                        f"The job chain performed {self.limit} jobs and did not "
                        f"end: {_describe_job(job)} and {len(pending)} more jobs "
                        f"are pending ({', '.join(pending[:5])}...). Raise "
                        "trap_job_chain(limit=...) if the chain is that long."
                    )
                self._perform(job)
                self.performed.append(job)
                done.append(job)
        return done

    @staticmethod
    def _ordered(jobs):
        singles = sorted(
            (job for job in jobs if not job.graph_uuid), key=attrgetter("priority")
        )
        graphs = {}
        for job in jobs:
            if job.graph_uuid:
                graphs.setdefault(job.graph_uuid, []).append(job)
        ordered = list(singles)
        for graph_jobs in graphs.values():
            graph = Graph()
            for job in graph_jobs:
                graph.add_vertex(job)
                # parents performed in an earlier round are no vertices
                for parent in job.depends_on:
                    if parent in graph_jobs:
                        graph.add_edge(parent, job)
            ordered += graph.topological_sort()
        return ordered

    @staticmethod
    def _perform(job):
        try:
            with job.recordset.env.cr.savepoint():
                job.perform()
        except NothingToDoJob as err:
            job.result = str(err) or "Job interrupted and set to Done: nothing to do."
        except Exception as err:
            if hasattr(err, "add_note"):  # Python 3.11+
                err.add_note(f"raised by the job {_describe_job(job)}")
            raise

    def performed_jobs(self, only=None):
        """The jobs performed (of the method ``only`` when given)."""
        return [job for job in self.performed if _job_matches(job, only)]

    def results(self, only=None):
        """The results of the jobs performed (of the method ``only`` when
        given), in the order they ran."""
        return [job.result for job in self.performed_jobs(only)]

    def assert_performed(self, only, count):
        """Assert that ``count`` jobs of the method ``only`` were
        performed::

            chain.assert_performed(env["shop.res.partner"].import_record, 3)

        :raise AssertionError: naming the jobs that ran otherwise
        """
        found = self.performed_jobs(only)
        if len(found) != count:
            ran = "\n".join(f" * {_describe_job(job)}" for job in self.performed)
            raise AssertionError(
                f"{len(found)} jobs {only.__self__._name}.{only.__name__} "
                f"performed, expected {count}. Jobs performed:\n{ran or ' (none)'}"
            )

    def assert_enqueued_job(self, method, args=None, kwargs=None, properties=None):
        """Assert that a job was delayed with these arguments and
        properties (queue_job's ``JobsTrap.assert_enqueued_job``): any delay
        in the block counts, performed or not."""
        self.trap.assert_enqueued_job(
            method, args=args, kwargs=kwargs, properties=properties
        )


@contextmanager
def trap_job_chain(limit=JOB_CHAIN_LIMIT):
    """Trap the jobs delayed in the block (queue_job's :func:`trap_jobs`:
    they are not stored) and yield a :class:`JobChain` that performs them,
    and those they delay, synchronously::

        with trap_job_chain() as chain:
            backend.action_import_partners()  # delays import_batch
            chain.perform()  # import_batch, then one import_record each
        chain.assert_performed(env["shop.res.partner"].import_batch, 1)
        chain.assert_performed(env["shop.res.partner"].import_record, 2)

    Everything runs in the test's transaction: no worker, no commit.

    :param limit: the most jobs :meth:`JobChain.perform` runs before
        deciding the chain does not end
    """
    with trap_jobs() as trap:
        yield JobChain(trap, limit=limit)
