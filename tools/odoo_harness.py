"""Run real Odoo processes: databases, servers with workers and queue_job's
job runner, XML-RPC clients, job monitoring.

The one home of what the scripts of ``tools/`` share: used by ``make
demo`` (tools/demo_sync.py), ``make stress`` (tools/stress.py), ``make
bench`` and ``make bench-e2e``, and by the end-to-end tests under
``tests/e2e``, which drive the same processes a production setup runs, and
break them the way production breaks (:func:`kill_job_worker`,
:func:`terminate_job_connection`). The shell scripts get the same settings
from its command line (``tools/common.sh``)::

    python tools/odoo_harness.py odoo-options   # one option a line
    python tools/odoo_harness.py free-port

It expects the environment ``tools/common.sh`` prepares: the virtual
environment's Python, ``CONNECTOR_ADDONS_PATH`` and the ``PG*`` variables.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xmlrpc.client

import psutil
import psycopg2

ODOO_BIN = os.path.join(os.path.dirname(sys.executable), "odoo")
STARTUP_TIMEOUT = 180  # seconds for a server to answer /web/health
FINISHED_STATES = ("done", "failed", "cancelled")


class HarnessError(RuntimeError):
    """A process did not start or a command failed; the message says where
    its log is."""


def free_port(preferred=None):
    """A TCP port of loopback nothing listens on: ``preferred`` when it is
    free, else any free one (nothing listens on it either, so a connection
    to it is refused until someone binds it)."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred or 0))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_options():
    """The options of the ``odoo`` command for this environment: the addons
    path (``CONNECTOR_ADDONS_PATH``) and the PostgreSQL server of the
    ``PG*`` variables.

    Odoo would also find the server through libpq's ``PG*`` variables;
    passed as options, the server is in the command itself: a command
    printed for later (``make demo``) works in a shell without them.
    """
    options = ["--addons-path", os.environ["CONNECTOR_ADDONS_PATH"]]
    for option, variable in (
        ("--db_host", "PGHOST"),
        ("--db_port", "PGPORT"),
        ("--db_user", "PGUSER"),
    ):
        if os.environ.get(variable):
            options += [option, os.environ[variable]]
    return options


def pg_connect(dbname):
    """A psycopg2 connection (autocommit) to ``dbname`` with the PG* settings."""
    conn = psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("PGHOST") or None,
        port=os.environ.get("PGPORT") or None,
        user=os.environ.get("PGUSER") or None,
    )
    conn.autocommit = True
    return conn


def database_exists(dbname):
    """Whether the database exists."""
    with contextlib.closing(pg_connect("postgres")) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
        return bool(cr.fetchone())


def drop_database(dbname):
    """Drop the database if it exists (and its filestore)."""
    with contextlib.closing(pg_connect("postgres")) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (dbname,),
        )
        cr.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
    filestore = os.path.expanduser(f"~/.local/share/Odoo/filestore/{dbname}")
    shutil.rmtree(filestore, ignore_errors=True)


def clone_database(source, target):
    """Drop ``target`` and create it as a copy of ``source`` (PostgreSQL's
    ``TEMPLATE`` copy, and the filestore). Nothing may be connected to
    ``source`` meanwhile: copy it while no server serves it."""
    drop_database(target)
    with contextlib.closing(pg_connect("postgres")) as conn, conn.cursor() as cr:
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    filestore = os.path.expanduser("~/.local/share/Odoo/filestore")
    if os.path.isdir(f"{filestore}/{source}"):
        shutil.copytree(f"{filestore}/{source}", f"{filestore}/{target}")


def install_modules(dbname, modules, log_path, extra_args=()):
    """Create ``dbname`` if needed and install ``modules`` in it (a blocking
    ``odoo -i ... --stop-after-init``).

    :raise HarnessError: when Odoo fails; the message names the log
    """
    command = [
        ODOO_BIN,
        *odoo_options(),
        "-d",
        dbname,
        "-i",
        ",".join(modules),
        "--without-demo=all",
        "--stop-after-init",
        "--no-http",
        "--logfile",
        log_path,
        *extra_args,
    ]
    result = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    if result.returncode:
        raise HarnessError(f"installing {modules} in {dbname} failed, see {log_path}")


class OdooServer:
    """An Odoo server process serving ``databases`` on a loopback port.

    :param databases: the database names it serves (its ``--database``, also
        the databases queue_job's runner watches)
    :param log_path: file the server logs to
    :param workers: number of HTTP workers (0: the threaded server)
    :param job_runner: load queue_job as a server-wide module, so its job
        runner dispatches jobs to this server
    :param channels: queue_job channels (``ODOO_QUEUE_JOB_CHANNELS``)
    :param runner_target: ``(host, port)`` the job runner sends the jobs to
        (``ODOO_QUEUE_JOB_HOST``/``PORT``), e.g. a load balancer in front of
        several servers; default: this server
    :param port: the HTTP port (default: a free one); a server stopped and
        started again keeps it, so clients find it at the same URL
    :param extra_args: more options of the ``odoo`` command, e.g.
        ``["--log-handler", "odoo.addons.queue_job:DEBUG"]``
    """

    def __init__(
        self,
        databases,
        log_path,
        workers=0,
        job_runner=False,
        channels="root:2",
        port=None,
        extra_args=(),
        runner_target=None,
    ):
        self.databases = list(databases)
        self.log_path = log_path
        self.workers = workers
        self.job_runner = job_runner
        self.channels = channels
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.runner_target = runner_target
        self.process = None

    @property
    def url(self):
        """Base URL of the server."""
        return f"http://127.0.0.1:{self.port}"

    def _command(self):
        load = "base,web,queue_job" if self.job_runner else "base,web"
        return [
            ODOO_BIN,
            *odoo_options(),
            "--database",
            ",".join(self.databases),
            "--db-filter",
            "^({})$".format("|".join(self.databases)),
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(self.port),
            "--gevent-port",
            str(free_port()),
            "--workers",
            str(self.workers),
            "--max-cron-threads",
            "0",
            "--load",
            load,
            "--limit-time-real",
            "300",
            "--logfile",
            self.log_path,
            *self.extra_args,
        ]

    def start(self, timeout=STARTUP_TIMEOUT):
        """Start the server and wait until it answers.

        :raise HarnessError: when it exits or does not answer in time
        """
        env = dict(os.environ)
        if self.job_runner:
            host, port = self.runner_target or ("127.0.0.1", self.port)
            env.update(
                ODOO_QUEUE_JOB_CHANNELS=self.channels,
                ODOO_QUEUE_JOB_HOST=host,
                ODOO_QUEUE_JOB_PORT=str(port),
            )
        self.process = subprocess.Popen(
            self._command(),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HarnessError(f"the Odoo server exited, see {self.log_path}")
            try:
                with urllib.request.urlopen(
                    f"{self.url}/web/health", timeout=2
                ) as resp:
                    if resp.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise HarnessError(
            f"the Odoo server did not answer in {timeout}s, see {self.log_path}"
        )

    def pids(self):
        """The pids of the server's processes: its main process and its
        children (workers, job runner)."""
        if not self.is_running():
            return set()
        with contextlib.suppress(psutil.NoSuchProcess):
            main = psutil.Process(self.process.pid)
            return {main.pid} | {child.pid for child in main.children(recursive=True)}
        return set()

    def is_running(self):
        """Whether the server process is alive."""
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout=30):
        """Stop the server and all its workers (SIGTERM, then SIGKILL).
        It can be started again, on the same port."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=timeout)

    def kill(self):
        """Kill the server and all its workers at once (SIGKILL), as a
        crash of its node would: the requests it was serving die
        unanswered, their transactions are rolled back."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RPC:
    """An XML-RPC client of one database of an Odoo server::

    rpc = RPC(server.url, "remote_db", "admin", "admin")
    partner_ids = rpc("res.partner", "search", [[("is_company", "=", True)]])
    """

    def __init__(self, url, dbname, login, password, timeout=60):
        self.dbname = dbname
        self.password = password
        transport = _TimeoutTransport(timeout)
        common = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/common", transport=transport
        )
        self.uid = common.authenticate(dbname, login, password, {})
        if not self.uid:
            raise HarnessError(f"cannot log in {login} on {dbname} at {url}")
        self.models = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", transport=transport, allow_none=True
        )

    def __call__(self, model, method, args=(), kwargs=None):
        return self.models.execute_kw(
            self.dbname,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs or {},
        )


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        """The HTTP connection of ``xmlrpc.client``, with the timeout."""
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def job_states(dbname, since_id=0):
    """Count of queue jobs per state in ``dbname`` (those whose id is above
    ``since_id``)."""
    with contextlib.closing(pg_connect(dbname)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT state, count(*) FROM queue_job WHERE id > %s GROUP BY state",
            (since_id,),
        )
        return dict(cr.fetchall())


def max_job_id(dbname):
    """The highest queue job id of ``dbname`` (0 without jobs): jobs
    created later have a higher one."""
    with contextlib.closing(pg_connect(dbname)) as conn, conn.cursor() as cr:
        cr.execute("SELECT coalesce(max(id), 0) FROM queue_job")
        return cr.fetchone()[0]


def job_rows(dbname, since_id=0):
    """The queue jobs of ``dbname`` whose id is above ``since_id``, as dicts
    (id, uuid, model_name, method_name, state, retry, max_retries, result,
    exc_name, exc_message, exc_info, date_created, date_done; worker_pid:
    the process that ran it last)."""
    with contextlib.closing(pg_connect(dbname)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT id, uuid, model_name, method_name, state, retry, max_retries, "
            "result, exc_name, exc_message, exc_info, date_created, date_done, "
            "worker_pid FROM queue_job WHERE id > %s ORDER BY id",
            (since_id,),
        )
        names = [column.name for column in cr.description]
        return [dict(zip(names, row, strict=True)) for row in cr.fetchall()]


def wait_for_jobs(dbname, timeout, progress=None, poll=0.5, since_id=0):
    """Wait until no queue job of ``dbname`` is waiting or running.

    :param progress: called with the state counts at each poll (e.g. to
        draw a progress bar)
    :param since_id: only the jobs whose id is above it count (see
        :func:`max_job_id`)
    :return: the final state counts
    :raise HarnessError: on timeout
    """
    busy = ("wait_dependencies", "pending", "enqueued", "started")
    deadline = time.monotonic() + timeout
    while True:
        states = job_states(dbname, since_id=since_id)
        if progress:
            progress(states)
        if not any(states.get(state) for state in busy):
            return states
        if time.monotonic() > deadline:
            raise HarnessError(
                f"jobs of {dbname} still running after {timeout}s: {states}"
            )
        time.sleep(poll)


def queue_job_version(dbname):
    """The version of queue_job installed in ``dbname`` (e.g. ``18.0.1.7.0``)."""
    with contextlib.closing(pg_connect(dbname)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT latest_version FROM ir_module_module WHERE name = 'queue_job'"
        )
        row = cr.fetchone()
        return row[0] if row else None


def started_jobs(dbname):
    """The jobs of ``dbname`` in state *started*, the one started last first,
    as ``(uuid, worker_pid)`` pairs (the pid of the process running it)."""
    with contextlib.closing(pg_connect(dbname)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT uuid, worker_pid FROM queue_job WHERE state = 'started' "
            "ORDER BY date_started DESC, id DESC"
        )
        return cr.fetchall()


def kill_job_worker(dbname, server):
    """SIGKILL the process of ``server`` running the job of ``dbname`` started
    last, while its connection is busy with the job's work (see
    :func:`terminate_job_connection`), as a crash or the kernel's OOM killer
    would: no handler runs, its database connections drop, its job stays
    *started*.

    :return: ``(pid, job uuid)``, or ``None`` when no job of ``server`` runs
        (or the one chosen ended before the signal: try again)
    """
    hit = _busy_job(dbname, server)
    if not hit:
        return None
    pid = hit[1]
    os.kill(pid, signal.SIGKILL)
    # a dead process commits nothing more: what it left started is what it
    # was running
    left = [uuid for uuid, worker in started_jobs(dbname) if worker == pid]
    return (pid, left[0]) if left else None


def terminate_job_connection(dbname, server, wait=2.0):
    """Have PostgreSQL terminate (``pg_terminate_backend``) the connection
    through which a process of ``server`` runs the job of ``dbname`` started
    last, while it is busy with the job's work (see :func:`_busy_job`), as a
    failover or a DBA would. The connections are looked at again every
    10 ms for up to ``wait`` seconds.

    :return: ``(backend pid, worker pid, job uuid)``, or ``None`` when no
        job's connection was busy with its work meanwhile
    """
    deadline = time.monotonic() + wait
    while True:
        hit = _busy_job(dbname, server, terminate=True)
        if hit or time.monotonic() >= deadline:
            return hit
        time.sleep(0.01)


def _client_ports(pid, server_port):
    """The local TCP ports of the connections of process ``pid`` to the
    port ``server_port`` (psutil renamed ``connections`` to
    ``net_connections`` in 6.0)."""
    with contextlib.suppress(psutil.NoSuchProcess):
        process = psutil.Process(pid)
        connections = getattr(process, "net_connections", process.connections)
        return [
            conn.laddr.port
            for conn in connections(kind="tcp")
            if conn.raddr and conn.raddr.port == server_port
        ]
    return []


def _busy_job(dbname, server, terminate=False):
    """The job of ``dbname`` started last whose process of ``server`` has a
    connection busy with the job's work, and that connection, terminated
    with ``terminate``: ``(backend pid, worker pid, job uuid)``, or ``None``.

    Busy means a statement running on it or a transaction open. The job
    may still end its work between the choice and the termination, or
    leave it without sending another statement (raising a
    ``RetryableJobError`` after finding a lock taken, say): the caller
    checks that the job met the loss (``tools/stress.py`` does).

    The connection is found by its client TCP port: every Odoo process
    names its connections after the server's main process. A connection
    whose last statement touched ``queue_job`` is left alone: it is queue_job
    itself (the job's final state, the enqueuing of its dependants), not the
    job's work, and a job whose *done* state is committed has nothing left
    to retry. The job and the connection are chosen, and the connection
    terminated, in one statement: a job ending between a first read and the
    termination would have the next job of its process hit instead.
    """
    with contextlib.closing(pg_connect(dbname)) as conn, conn.cursor() as cr:
        workers = {
            port: pid
            for pid in server.pids()
            for port in _client_ports(pid, conn.info.port)
        }
        if not workers:
            return None
        action = "pg_terminate_backend(backend)" if terminate else "true"
        cr.execute(
            "WITH target AS MATERIALIZED ("
            "  SELECT a.pid AS backend, q.worker_pid, q.uuid"
            "    FROM pg_stat_activity a"
            "    JOIN unnest(%s::int[], %s::int[]) AS w(port, pid)"
            "      ON w.port = a.client_port"
            "    JOIN queue_job q ON q.worker_pid = w.pid AND q.state = 'started'"
            "   WHERE a.datname = %s"
            "     AND a.state IN ('active', 'idle in transaction')"
            "     AND a.query NOT LIKE %s"
            "   ORDER BY q.date_started DESC, q.id DESC, a.xact_start"
            "   LIMIT 1"
            f") SELECT backend, worker_pid, uuid, {action} FROM target",
            (list(workers), list(workers.values()), dbname, "%queue_job%"),
        )
        row = cr.fetchone()
    return tuple(row[:3]) if row and row[3] else None


def progress_bar(label, width=40, stream=sys.stderr, interval=5.0):
    """A callback for :func:`wait_for_jobs` drawing a one-line progress bar
    on a terminal; elsewhere (a log, a pipe) it writes a line at most every
    ``interval`` seconds and when the jobs are finished. Nothing ends the
    bar's line: write a newline after :func:`wait_for_jobs` returns."""
    last = {"time": 0.0, "line": None}

    def draw(states):
        """Draw the bar of ``states`` (count of jobs per state)."""
        total = sum(states.values()) or 1
        finished = sum(states.get(state, 0) for state in FINISHED_STATES)
        filled = int(width * finished / total)
        line = (
            f"{label} [{'#' * filled}{'.' * (width - filled)}] "
            f"{finished}/{total} done={states.get('done', 0)} "
            f"failed={states.get('failed', 0)} pending={states.get('pending', 0)} "
            f"started={states.get('started', 0)}"
        )
        if stream.isatty():
            stream.write(f"\r{line}")
            stream.flush()
            return
        now = time.monotonic()
        due = finished == total or now - last["time"] >= interval
        if line != last["line"] and due:
            stream.write(f"{line}\n")
            stream.flush()
            last.update(time=now, line=line)

    return draw


def _main(argv):
    """The command line of the shell scripts (see the module docstring)."""
    if argv == ["odoo-options"]:
        print("\n".join(odoo_options()))
    elif argv == ["free-port"]:
        print(free_port())
    else:
        sys.exit(f"usage: {sys.argv[0]} odoo-options | free-port")


if __name__ == "__main__":
    _main(sys.argv[1:])
