"""``make stress``: the example connector's import under load and under
faults, measured.

Two databases as in ``make demo``: a *remote* Odoo seeded with partners
sharing ``--categories`` categories (none imported yet; half of the
partners share the first one), and a *local* Odoo with queue_job's job
runner and ``--workers`` workers (channel ``root:<workers>``). Each scenario
runs on fresh copies of both databases, imports every remote partner, and
is checked and measured:

``load``
    ``--partners`` partners in bulk jobs (``import_chunk``, 200 partners
    each: what the example's first import does), nothing breaks: the
    throughput, and the retries that concurrency costs (advisory locks
    taken by another job, bindings created meanwhile);
``load-per-record``
    ``--record-partners`` partners in one ``import_record`` job per partner
    (what the example's later imports do), nothing breaks: the contrast
    with bulk jobs, and the retries of many small concurrent jobs;
``faults``
    ``--fault-partners`` partners in per-record jobs (many short jobs, so
    that a fault always finds one running); while they are imported,
    PostgreSQL terminates the connection of a running job
    (``pg_terminate_backend``), a worker running a job is SIGKILLed, and
    the remote server stops for ``--outage`` seconds. Each fault is injected
    once the previous one is recovered, and its time to recover measured.

The import is started as the backend's *Import partners* button does
(``action_import_partners``), with its ``bulk`` argument forcing the kind
of jobs.

The jobs of a dead worker are recovered the way the installed queue_job
release recovers them (doc/guides/data_safety.rst tells how):

* 18.0.1 has nothing automatic: a job left *started* stays so. This tool
  does what its operator does: every ``--requeue-interval`` seconds, it
  requeues the jobs *started* by a worker process that no longer exists
  (queue_job writes the pid in ``worker_pid``); or, with
  ``--gc-started-delta N``, the jobs the *Jobs Garbage Collector* finds
  stuck with a ``started_delta`` of N minutes (its cron runs every
  5 minutes with ``started_delta=0``, which never requeues a *started*
  job; N must exceed the longest job, the batch, or that job is requeued
  while it runs);
* 18.0.4 (any release with the ``queue_job_lock`` table): the job runner
  requeues by itself the jobs whose lock row is no longer locked; this tool
  only watches.

A job whose database connection is terminated is retried by the
connector's runjob controller (connector/controllers/main.py).

Every scenario ends with: every remote partner and category bound exactly
once, no duplicate local record, every job done. The exit status is 1
otherwise, or when a fault could not be injected. Run it through
``make stress`` (tools/stress.sh); options: ``--help``.
"""

import argparse
import contextlib
import datetime
import os
import pathlib
import signal
import sys
import time
from dataclasses import dataclass, field

import example_sync as flow
import odoo_harness
import psutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / ".cache" / "logs"
#: Seconds before retries 1, 2, 3 and 4: with queue_job's 5 runs at most, a
#: job that cannot reach the remote survives an outage of about 70 seconds.
RETRY_PATTERN = "{1: 5, 2: 10, 3: 20, 4: 40}"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
#: Seconds between two polls of the job states.
POLL = 0.25
BUSY_STATES = ("wait_dependencies", "pending", "enqueued", "started")
#: What queue_job 18.0.4's runner logs for each dead job it requeues.
REQUEUED_DEAD = "Re-queued dead job"


def _step(message):
    """Tell what happens now (on stderr, with the time)."""
    print(f"==> {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def _elapsed(start, end):
    return None if start is None or end is None else end - start


@dataclass(frozen=True)
class Scenario:
    """What a scenario imports: ``bulk`` (the ``bulk`` argument of the
    backend's ``action_import_partners``), whether the faults are injected,
    and the command-line option giving its number of partners."""

    bulk: bool
    faults: bool
    partners_option: str


SCENARIOS = {
    "load": Scenario(bulk=True, faults=False, partners_option="partners"),
    "load-per-record": Scenario(
        bulk=False, faults=False, partners_option="record_partners"
    ),
    # a bulk job runs for a minute on 200 partners: per-record jobs give
    # each fault a running job to hit, and a short one to recover
    "faults": Scenario(bulk=False, faults=True, partners_option="fault_partners"),
}


@dataclass
class FaultRecord:
    """One fault injected during a run, and its recovery (``time.monotonic``
    instants; ``None`` while it has not happened)."""

    name: str
    target: str = ""
    injected: float | None = None
    recovered: float | None = None
    #: when the remote answered again (the outage only)
    back: float | None = None
    affected: int = 0
    #: injections that missed before the one counted (the termination only)
    misses: int = 0

    @property
    def seconds(self):
        """Seconds from the fault to the end of its recovery (``None``
        when it did not end)."""
        return _elapsed(self.injected, self.recovered)

    def describe(self):
        """One line: what was hit, and how long the recovery took."""
        if self.injected is None:
            return f"{self.name}: NOT injected (no job to hit)"
        if self.recovered is None:
            return f"{self.name} ({self.target}): NOT recovered"
        line = f"{self.name} ({self.target}): recovered in {self.seconds:.1f} s"
        if self.misses:
            line += f" ({self.misses} earlier injection(s) missed)"
        if self.back is not None:
            line += (
                f", {self.recovered - self.back:.1f} s after the remote answered "
                f"again; {self.affected} jobs had failed to reach it"
            )
        return line


class _JobFault:
    """A fault hitting the job started last: recovered when that job is
    done."""

    name = ""

    def __init__(self):
        self.record = FaultRecord(self.name)
        self.uuid = None

    def _hit(self, run):
        """Inject the fault; returns ``(target description, job uuid)`` or
        ``None`` when no job runs."""
        raise NotImplementedError

    def inject(self, run):
        """Inject the fault now; returns whether a running job was hit."""
        hit = self._hit(run)
        if not hit:
            return False
        self.record.target, self.uuid = hit
        self.record.injected = time.monotonic()
        return True

    def poll(self, run):
        """Whether the job hit is finished; it is recovered when done."""
        return run.finish_fault(self.record, [self.uuid])


class WorkerKill(_JobFault):
    """SIGKILL of the worker process running a job."""

    name = "SIGKILL of a worker"

    def _hit(self, run):
        hit = odoo_harness.kill_job_worker(run.local_db, run.local)
        return hit and (f"pid {hit[0]}, job {hit[1]}", hit[1])


class ConnectionTermination(_JobFault):
    """``pg_terminate_backend`` of the connection of a running job, counted
    once the job met the loss in its work: the runjob controller postponed
    it with its message (``LOST``).

    A termination can miss: the job may end its work between the choice of
    its connection and the termination (the loss then hits queue_job's
    bookkeeping), or leave it without another statement (raising a
    ``RetryableJobError`` for a lock another job holds, say). A missed
    termination is done again on another job, and counted in ``misses``.
    """

    name = "pg_terminate_backend"
    #: what the runjob controller's postponement says of the job
    LOST = "The database connection of job"

    def __init__(self):
        super().__init__()
        self.confirmed = False
        self.misses = 0

    def _hit(self, run):
        hit = odoo_harness.terminate_job_connection(run.local_db, run.local)
        return hit and (f"backend {hit[0]} of worker {hit[1]}, job {hit[2]}", hit[2])

    def poll(self, run):
        """Whether the job hit is finished (see :meth:`_JobFault.poll`),
        once the loss is confirmed; a miss is forgotten and the fault
        injected again."""
        if self.uuid is None:
            if self.inject(run):
                _step(f"{self.name}: {self.record.target}")
                return False
            # no job left to hit: the fault ends, injected or not
            return not run.busy_jobs()
        if not self.confirmed:
            [(state, result)] = run.job_state_and_result(self.uuid)
            if state == "started":
                return False
            if state == "pending" and self.LOST in (result or ""):
                self.confirmed = True
            else:
                self.misses = self.record.misses = self.misses + 1
                _step(f"{self.name}: missed job {self.uuid} ({state}), again")
                self.uuid = self.record.injected = None
                return False
        return super().poll(run)


class RemoteOutage:
    """The remote server stopped for ``seconds``, then started again on the
    same port; recovered when every job that failed to reach it is done."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.record = FaultRecord(f"remote stopped {seconds} s")
        self.affected = None

    def inject(self, run):
        """Stop the remote server (always possible)."""
        run.remote.stop()
        self.record.target = run.remote.url
        self.record.injected = time.monotonic()
        return True

    def poll(self, run):
        """Start the remote again once the outage is over, then wait for the
        jobs that could not reach it."""
        now = time.monotonic()
        if self.record.back is None:
            if now - self.record.injected < self.seconds:
                return False
            run.remote.start()
            self.record.back = time.monotonic()
            self.affected = run.jobs_mentioning(run.remote.url)
            self.record.affected = len(self.affected)
        return run.finish_fault(self.record, self.affected)


FAULTS = {
    "terminate": ConnectionTermination,
    "kill": WorkerKill,
}


class CpuMeter:
    """The CPU time the processes of a run consume: both Odoo servers (and
    their workers) and the PostgreSQL backends of their databases, sampled
    every ``interval`` seconds by :meth:`tick` (a process that ends between
    two samples loses what it used since the last one)."""

    def __init__(self, run, interval=2.0):
        self.run = run
        self.interval = interval
        self.used = {}
        self.next = 0.0
        self.tick(force=True)
        self.baseline = dict(self.used)

    def tick(self, force=False):
        """Read the CPU times of the processes (every ``interval`` s)."""
        if not force and time.monotonic() < self.next:
            return
        self.next = time.monotonic() + self.interval
        pids = self.run.local.pids() | self.run.remote.pids()
        for pid in pids | set(self.run.backend_pids()):
            with contextlib.suppress(psutil.Error):
                times = psutil.Process(pid).cpu_times()
                self.used[pid] = times.user + times.system

    @property
    def seconds(self):
        """CPU seconds used since the meter was created."""
        return sum(
            used - self.baseline.get(pid, 0.0) for pid, used in self.used.items()
        )


class _OperatorRequeue:
    """What an operator of queue_job 18.0.1 does about the jobs of a dead
    worker, which nothing else requeues: every ``interval`` seconds, over
    XML-RPC, the jobs :meth:`_domain` finds are put back to *pending* with
    ``requeue()`` (the *Requeue* button of the jobs), and counted."""

    def __init__(self, run, interval):
        self.run = run
        self.interval = interval
        self.next = time.monotonic() + interval
        self.requeued = 0

    def _domain(self):
        """The domain of the jobs to requeue now (``None``: none)."""
        raise NotImplementedError

    def tick(self):
        """Requeue the stuck jobs when it is due."""
        if time.monotonic() < self.next:
            return
        self.next = time.monotonic() + self.interval
        domain = self._domain()
        stuck = domain and self.run.local_rpc("queue.job", "search", [domain])
        if stuck:
            self.run.local_rpc("queue.job", "requeue", [stuck])
            self.requeued += len(stuck)
            _step(f"requeued {len(stuck)} stuck job(s) ({type(self).__name__})")


class DeadWorkerRequeue(_OperatorRequeue):
    """The jobs *started* by a process that is no longer one of the local
    server's (queue_job writes the pid running a job in ``worker_pid``): on
    one host, a pid tells a dead worker's job from a long one."""

    def describe(self):
        """The mechanism, for the report."""
        return (
            "the jobs started by a dead worker (worker_pid no longer a process "
            "of the server) requeued with queue.job's requeue() every "
            f"{self.interval:g} s by this tool, as an operator would"
        )

    def _domain(self):
        alive = self.run.local.pids()
        dead = [
            uuid
            for uuid, pid in odoo_harness.started_jobs(self.run.local_db)
            if pid not in alive
        ]
        return dead and [("uuid", "in", dead), ("state", "=", "started")]


class GarbageCollector(_OperatorRequeue):
    """The jobs the *Jobs Garbage Collector*'s
    ``requeue_stuck_jobs(enqueued_delta=5, started_delta=...)`` requeues
    (its domain, searched here so that they are counted): those *started*
    more than ``started_delta`` minutes ago, and those *enqueued* more than
    5 minutes ago. ``started_delta`` must exceed the longest job: a job
    running longer is requeued while it runs."""

    def __init__(self, run, started_delta, interval):
        super().__init__(run, interval)
        self.started_delta = started_delta

    def describe(self):
        """The mechanism, for the report."""
        return (
            "the stuck jobs of queue_job's Jobs Garbage Collector, "
            f"requeue_stuck_jobs(enqueued_delta=5, started_delta={self.started_delta})"
            f", requeued every {self.interval:g} s by this tool (in place of the cron)"
        )

    def _domain(self):
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        enqueued = now - datetime.timedelta(minutes=5)
        started = now - datetime.timedelta(minutes=self.started_delta)
        return [
            "|",
            "&",
            ("date_enqueued", "<=", enqueued.strftime(DATETIME_FORMAT)),
            ("state", "=", "enqueued"),
            "&",
            ("date_started", "<=", started.strftime(DATETIME_FORMAT)),
            ("state", "=", "started"),
        ]


class RunnerRequeue:
    """How queue_job 18.0.4 recovers the jobs of a dead worker: its job
    runner requeues them by itself (a job runs holding a row lock of
    ``queue_job_lock``, which the death of its transaction releases); this
    tool only counts what the runner logged."""

    def __init__(self, run):
        self.log = flow.LogWatch(run.local.log_path)

    def describe(self):
        """The mechanism, for the report."""
        return (
            "queue_job's job runner: jobs enqueued or started, enqueued more "
            "than 10 s ago, whose queue_job_lock row is unlocked go back to "
            "pending (retry + 1 if started)"
        )

    def tick(self):
        """Nothing to do: the runner does it."""

    @property
    def requeued(self):
        """Dead jobs the runner requeued."""
        return len(self.log.lines(REQUEUED_DEAD))


def has_dead_job_requeuer(dbname):
    """Whether the queue_job installed in ``dbname`` has the runner's
    dead-job requeuer (its ``queue_job_lock`` table exists)."""
    with (
        contextlib.closing(odoo_harness.pg_connect(dbname)) as conn,
        conn.cursor() as cr,
    ):
        cr.execute("SELECT to_regclass('queue_job_lock') IS NOT NULL")
        return cr.fetchone()[0]


class Stress:
    """The databases and servers of a stress run.

    ``prepare`` installs both databases once and keeps fresh copies of
    them; each scenario then runs on new copies (``start``: the remote one
    seeded, both servers started, the backend configured; ``stop``).
    ``close`` stops everything and drops the databases.
    """

    def __init__(self, prefix, workers, log_dir=LOG_DIR):
        self.local_db = f"{prefix}_local"
        self.remote_db = f"{prefix}_remote"
        self.fresh = {db: f"{db}_fresh" for db in (self.local_db, self.remote_db)}
        self.workers = workers
        self.log_dir = pathlib.Path(log_dir)
        self.remote = odoo_harness.OdooServer(
            [self.remote_db], str(self.log_dir / f"{self.remote_db}.log")
        )
        self.local = odoo_harness.OdooServer(
            [self.local_db],
            str(self.log_dir / f"{self.local_db}.log"),
            workers=workers,
            job_runner=True,
            channels=f"root:{workers}",
            extra_args=flow.POSTPONE_LOG_ARGS,
        )
        self.local_rpc = self.remote_rpc = None
        self.backend_id = None
        self.seed = None

    def prepare(self, templates=None):
        """Install both databases (or copy ``templates``, a pair of freshly
        installed (local, remote) databases) and keep fresh copies."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if templates:
            odoo_harness.clone_database(templates[0], self.fresh[self.local_db])
            odoo_harness.clone_database(templates[1], self.fresh[self.remote_db])
            return
        flow.create_databases(self.local_db, self.remote_db, self.log_dir)
        for dbname, fresh in self.fresh.items():
            odoo_harness.clone_database(dbname, fresh)

    def start(self, partners, categories, retry_pattern=RETRY_PATTERN):
        """Copy the fresh databases, start the remote server and seed it with
        ``partners`` partners sharing ``categories`` categories, start the
        local server and configure its backend."""
        for dbname, fresh in self.fresh.items():
            odoo_harness.clone_database(fresh, dbname)
        self.remote.start()
        self.remote_rpc = odoo_harness.RPC(
            self.remote.url, self.remote_db, "admin", "admin"
        )
        self.seed = flow.seed_remote(
            self.remote_rpc, partners=partners, categories=categories
        )
        self.local.start()
        self.local_rpc = odoo_harness.RPC(
            self.local.url, self.local_db, "admin", "admin"
        )
        self.backend_id = flow.create_backend(
            self.local_rpc, self.remote.url, self.remote_db
        )
        flow.set_retry_pattern(self.local_rpc, retry_pattern)

    def stop(self):
        """Stop both servers."""
        self.local.stop()
        self.remote.stop()

    def close(self, keep=False):
        """Stop both servers; drop the databases (but the last scenario's
        when ``keep``)."""
        self.stop()
        dbnames = list(self.fresh.values())
        if not keep:
            dbnames += list(self.fresh)
        for dbname in dbnames:
            with contextlib.suppress(Exception):
                odoo_harness.drop_database(dbname)

    def _fetch(self, query, params):
        with (
            contextlib.closing(odoo_harness.pg_connect(self.local_db)) as conn,
            conn.cursor() as cr,
        ):
            cr.execute(query, params)
            return cr.fetchall()

    def backend_pids(self):
        """The pids of the PostgreSQL backends connected to both databases."""
        rows = self._fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname IN (%s, %s)",
            (self.local_db, self.remote_db),
        )
        return [pid for (pid,) in rows]

    def busy_jobs(self):
        """How many jobs are pending, enqueued or started."""
        [(count,)] = self._fetch(
            "SELECT count(*) FROM queue_job WHERE state = ANY(%s)", (list(BUSY_STATES),)
        )
        return count

    def job_state_and_result(self, uuid):
        """``[(state, result)]`` of the job ``uuid``."""
        return self._fetch(
            "SELECT state, result FROM queue_job WHERE uuid = %s", (uuid,)
        )

    def job_states_of(self, uuids):
        """Count of the jobs ``uuids`` per state."""
        return dict(
            self._fetch(
                "SELECT state, count(*) FROM queue_job WHERE uuid = ANY(%s) "
                "GROUP BY state",
                (list(uuids),),
            )
        )

    def jobs_mentioning(self, text, since_id=0):
        """The uuids of the unfinished jobs whose result (the message of
        their last postponement) contains ``text``."""
        rows = self._fetch(
            "SELECT uuid FROM queue_job WHERE id > %s AND state NOT IN "
            "('done', 'failed', 'cancelled') AND result LIKE %s",
            (since_id, f"%{text}%"),
        )
        return [uuid for (uuid,) in rows]

    def batch_done(self, since_id):
        """Whether the batch job after ``since_id`` is done (every
        ``import_record`` job exists)."""
        return bool(
            self._fetch(
                "SELECT 1 FROM queue_job WHERE id > %s AND "
                "method_name = 'import_batch' AND state = 'done'",
                (since_id,),
            )
        )

    def finish_fault(self, record, uuids):
        """Whether the jobs ``uuids`` a fault hit are all finished; the fault
        is recovered (``record.recovered`` set) when they are all done."""
        states = self.job_states_of(uuids)
        if any(states.get(state) for state in BUSY_STATES):
            return False
        if sum(states.values()) == states.get("done", 0):
            record.recovered = time.monotonic()
        return True


@dataclass
class Figures:
    """What a scenario did and left; :meth:`problems` lists what is wrong."""

    scenario: str
    release: str
    partners: int
    categories: int
    workers: int
    seconds: float
    jobs: int
    done: int
    failed: int
    unfinished: int
    #: partner and category bindings created
    records: int
    #: jobs that ran more than once (counted retries), and the retries
    retried_jobs: int
    retries: int
    duplicates: int
    lost: int
    different: int
    #: how dead jobs are recovered, and how many were requeued
    recovery: str = ""
    requeued: int = 0
    #: CPU time of both servers and their database backends
    cpu_seconds: float = 0.0
    #: jobs postponed by a RetryableJobError (counted retry or not)
    postponed: int = 0
    faults: list = field(default_factory=list)
    #: the kind of import jobs
    mode: str = ""

    @property
    def records_per_s(self):
        """Bindings created per second."""
        return self.records / self.seconds

    @property
    def jobs_per_s(self):
        """Jobs done per second."""
        return self.done / self.seconds

    @property
    def cpu_per_job(self):
        """CPU seconds per job done (what the machine's load does not
        change, unlike the rates)."""
        return self.cpu_seconds / max(self.done, 1)

    @property
    def cpu_per_record(self):
        """CPU seconds per binding created (what compares bulk jobs with
        per-record jobs)."""
        return self.cpu_seconds / max(self.records, 1)

    def problems(self):
        """What went wrong (empty when the scenario passed)."""
        problems = [
            f"{count} {what}"
            for count, what in (
                (self.duplicates, "duplicates"),
                (self.lost, "remote records not imported"),
                (self.different, "partners differing from the remote"),
                (self.failed, "failed jobs"),
                (self.unfinished, "unfinished jobs"),
            )
            if count
        ]
        problems += [
            fault.describe() for fault in self.faults if fault.recovered is None
        ]
        return problems


def _due(run, since, states, start_fraction):
    """Whether a fault may be injected: the batch job is done and at least
    ``start_fraction`` of the jobs are finished."""
    total = sum(states.values())
    finished = sum(states.get(state, 0) for state in odoo_harness.FINISHED_STATES)
    return total and finished >= start_fraction * total and run.batch_done(since)


def drive(run, since, faults, tickers, timeout, start_fraction=0.1, label="jobs"):
    """Wait until the jobs created after job ``since`` are finished,
    injecting ``faults`` one after the other (the first once
    ``start_fraction`` of the jobs are finished, each next one once the
    previous one is recovered), and calling the ``tick()`` of each of
    ``tickers`` (the recovery, the CPU meter) at each poll.

    :raise odoo_harness.HarnessError: after ``timeout`` seconds
    """
    deadline = time.monotonic() + timeout
    waiting, active = list(faults), None
    progress = odoo_harness.progress_bar(label)
    while True:
        states = odoo_harness.job_states(run.local_db, since_id=since)
        progress(states)
        for ticker in tickers:
            ticker.tick()
        if active is not None and active.poll(run):
            _step(active.record.describe())
            active = None
        if active is None and waiting and _due(run, since, states, start_fraction):
            if waiting[0].inject(run):
                active = waiting.pop(0)
                _step(f"{active.record.name}: {active.record.target}")
        if active is None and not any(states.get(s) for s in BUSY_STATES):
            break
        if time.monotonic() > deadline:
            raise odoo_harness.HarnessError(
                f"jobs of {run.local_db} still running after {timeout}s: {states}"
            )
        time.sleep(POLL)
    if sys.stderr.isatty():
        sys.stderr.write("\n")


def _recovery(run, gc_started_delta, interval):
    if has_dead_job_requeuer(run.local_db):
        return RunnerRequeue(run)
    if gc_started_delta:
        return GarbageCollector(run, gc_started_delta, interval)
    return DeadWorkerRequeue(run, interval)


def run_scenario(run, name, partners, categories, faults=(), bulk=None, **options):
    """Import ``partners`` remote partners sharing ``categories`` new
    categories on fresh databases, injecting ``faults`` (instances of
    :class:`WorkerKill`, :class:`ConnectionTermination`,
    :class:`RemoteOutage`); returns the :class:`Figures` of the run.

    :param bulk: ``True`` for bulk jobs, ``False`` for one job per partner,
        ``None`` for the example's choice (bulk jobs: a first import)
    :param options: on queue_job 18.0.1, ``requeue_interval`` (seconds,
        default 10) between two requeues of the jobs of dead workers, or of
        the garbage collector's stuck jobs when ``gc_started_delta``
        (minutes) is given; ``start_fraction`` (see :func:`drive`);
        ``timeout`` (seconds, default 1800)
    """
    run.start(partners, categories)
    try:
        recovery = _recovery(
            run,
            options.get("gc_started_delta"),
            options.get("requeue_interval", 10),
        )
        log = flow.LogWatch(run.local.log_path)
        since = odoo_harness.max_job_id(run.local_db)
        meter = CpuMeter(run)
        started = time.monotonic()
        run.local_rpc(
            flow.BACKEND,
            "action_import_partners",
            [[run.backend_id]],
            {"bulk": bulk},
        )
        drive(
            run,
            since,
            faults,
            (recovery, meter),
            options.get("timeout", 1800),
            start_fraction=options.get("start_fraction", 0.1),
            label=name,
        )
        seconds = time.monotonic() - started
        meter.tick(force=True)
        figures = _figures(run, name, since, seconds)
    finally:
        run.stop()
    figures.recovery = recovery.describe()
    figures.requeued = recovery.requeued
    figures.cpu_seconds = meter.seconds
    figures.postponed = log.postponed()
    figures.faults = [fault.record for fault in faults]
    figures.mode = {True: "bulk jobs", False: "per-record jobs"}.get(
        bulk, "example's choice"
    )
    return figures


def _figures(run, name, since, seconds):
    """The :class:`Figures` of the jobs after ``since`` and of the
    bindings (what the database tells; the caller adds the rest)."""
    stats = flow.job_stats(run.local_db, since_id=since)
    state = flow.sync_state(run.local_db, run.backend_id, run.remote_rpc)
    return Figures(
        scenario=name,
        release=odoo_harness.queue_job_version(run.local_db),
        partners=state.remote_partners,
        categories=state.remote_categories,
        workers=run.workers,
        seconds=seconds,
        jobs=stats.count(),
        done=stats.count("done"),
        failed=stats.count("failed"),
        unfinished=stats.count() - sum(stats.count(s) for s in ("done", "failed")),
        records=state.partner_bindings + state.category_bindings,
        retried_jobs=len(stats.retried),
        retries=sum(row["retry"] - 1 for row in stats.retried),
        duplicates=state.duplicates,
        lost=len(state.missing_partners) + len(state.missing_categories),
        different=len(state.different),
    )


#: The rows of the table: a label, and the value of a scenario's figures.
ROWS = [
    ("queue_job", lambda f: f.release),
    ("import jobs", lambda f: f.mode),
    ("remote partners / categories", lambda f: f"{f.partners} / {f.categories}"),
    ("workers", lambda f: f.workers),
    ("import time", lambda f: f"{f.seconds:.1f} s"),
    ("records/s (bindings created)", lambda f: f"{f.records_per_s:.1f}"),
    ("jobs/s (jobs done)", lambda f: f"{f.jobs_per_s:.1f}"),
    ("CPU time per job (servers + PostgreSQL)", lambda f: f"{f.cpu_per_job:.3f} s"),
    ("CPU time per record", lambda f: f"{f.cpu_per_record:.3f} s"),
    ("jobs done / failed", lambda f: f"{f.done} / {f.failed}"),
    ("jobs postponed (RetryableJobError)", lambda f: f.postponed),
    ("jobs retried / retries counted", lambda f: f"{f.retried_jobs} / {f.retries}"),
    ("dead jobs requeued", lambda f: f.requeued),
    ("duplicates", lambda f: f.duplicates),
    ("lost (remote records not bound)", lambda f: f.lost),
]


def table(figures):
    """The figures of the scenarios side by side, as a text table; then one
    line per fault."""
    rows = [("scenario", [f.scenario for f in figures])]
    rows += [(label, [str(value(f)) for f in figures]) for label, value in ROWS]
    names = dict.fromkeys(fault.name for f in figures for fault in f.faults)
    for name in names:
        values = []
        for f in figures:
            record = next((fault for fault in f.faults if fault.name == name), None)
            seconds = record and record.seconds
            values.append("-" if seconds is None else f"{seconds:.1f} s")
        rows.append((f"time to recover: {name}", values))
    label_width = max(len(label) for label, __ in rows)
    width = max(len(value) for __, values in rows for value in values)
    rule = "+" + "-" * (label_width + 2) + ("+" + "-" * (width + 2)) * len(figures)
    lines = [rule + "+"]
    for label, values in rows:
        cells = "".join(f"| {value:>{width}} " for value in values)
        lines.append(f"| {label:<{label_width}} {cells}|")
        if label == "scenario":
            lines.append(rule + "+")
    lines.append(rule + "+")
    for f in figures:
        lines += [f"{f.scenario}: {fault.describe()}" for fault in f.faults]
    lines.append(f"recovery of dead jobs: {figures[0].recovery}")
    return "\n".join(lines)


def _faults(names, outage):
    faults = []
    for name in names:
        if name == "outage":
            faults.append(RemoteOutage(outage))
        elif name in FAULTS:
            faults.append(FAULTS[name]())
        else:
            known = ", ".join([*FAULTS, "outage"])
            raise SystemExit(f"unknown fault {name!r} (known: {known})")
    return faults


def _parser():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--partners",
        type=int,
        default=int(os.environ.get("STRESS_PARTNERS") or 5000),
        help="remote partners of the load scenario (default: $STRESS_PARTNERS "
        "or 5000)",
    )
    parser.add_argument(
        "--record-partners",
        type=int,
        default=int(os.environ.get("STRESS_RECORD_PARTNERS") or 2000),
        help="remote partners of the load-per-record scenario (default: "
        "$STRESS_RECORD_PARTNERS or 2000)",
    )
    parser.add_argument(
        "--fault-partners",
        type=int,
        default=int(os.environ.get("STRESS_FAULT_PARTNERS") or 2000),
        help="remote partners of the faults scenario (default: "
        "$STRESS_FAULT_PARTNERS or 2000)",
    )
    parser.add_argument("--categories", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"among {', '.join(SCENARIOS)} (default: all, in that order)",
    )
    parser.add_argument(
        "--faults",
        default="terminate,kill,outage",
        help="the faults of the 'faults' scenario, in order",
    )
    parser.add_argument("--outage", type=int, default=30, help="seconds")
    parser.add_argument(
        "--requeue-interval",
        type=float,
        default=10,
        help="queue_job 18.0.1: seconds between two requeues of the stuck jobs",
    )
    parser.add_argument(
        "--gc-started-delta",
        type=float,
        help="queue_job 18.0.1: requeue the jobs the garbage collector finds "
        "with this started_delta (minutes), not those of dead workers",
    )
    parser.add_argument("--prefix", default="connector_stress")
    parser.add_argument(
        "--templates",
        metavar="LOCAL,REMOTE",
        help="copy these freshly installed databases instead of installing",
    )
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per run")
    parser.add_argument(
        "--keep", action="store_true", help="keep the databases afterwards"
    )
    return parser


def _run_scenarios(run, args, names):
    """Run the scenarios ``names`` of :data:`SCENARIOS` with the options
    ``args``; returns their :class:`Figures`."""
    figures = []
    for name in names:
        scenario = SCENARIOS[name]
        partners = getattr(args, scenario.partners_option)
        _step(
            f"scenario {name}: {partners} partners in {args.categories} "
            f"categories, {args.workers} workers"
        )
        faults = args.faults.split(",") if scenario.faults else []
        figures.append(
            run_scenario(
                run,
                name,
                partners,
                args.categories,
                _faults(faults, args.outage),
                bulk=scenario.bulk,
                timeout=args.timeout,
                gc_started_delta=args.gc_started_delta,
                requeue_interval=args.requeue_interval,
            )
        )
    return figures


def main(argv=None):
    """Run the scenarios and print their table; returns the exit status."""
    args = _parser().parse_args(argv)
    names = args.scenarios.split(",")
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        raise SystemExit(
            f"unknown scenario(s) {', '.join(unknown)} (known: {', '.join(SCENARIOS)})"
        )
    run = Stress(args.prefix, args.workers)
    # a SIGTERM (e.g. a CI timeout) stops the servers too
    signal.signal(signal.SIGTERM, lambda *__: sys.exit(143))
    try:
        _step(f"creating the databases {run.local_db} and {run.remote_db}")
        run.prepare(templates=args.templates and args.templates.split(","))
        figures = _run_scenarios(run, args, names)
    finally:
        run.close(keep=args.keep)
    print(table(figures))
    problems = [f"{f.scenario}: {p}" for f in figures for p in f.problems()]
    for problem in problems:
        print(f"stress FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
