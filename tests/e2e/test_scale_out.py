"""Scale-out across Odoo nodes: two Odoo servers on one database behind
HAProxy, queue_job's runner (on the first node) sending every job through
the balancer; one node is killed in the middle of an import.

Two ports of this machine stand in for two nodes (see
doc/guides/deployment.rst, which reports the figures this test prints).
The suite has databases of its own and runs in about a minute.
"""

import contextlib
import json
import os
import re
import time

import balancer as haproxy
import example_sync as flow
import odoo_harness
import psutil
import pytest
from conftest import FAST_RETRY_PATTERN, LOG_DIR

#: Remote partners seeded: with the remote company's partner, fewer than
#: the example's bulk threshold (100), so an incremental import gives one
#: ``import_record`` job per partner, jobs to spread over the nodes.
PARTNERS = 40
#: The runner's capacity: 2 workers on each of the 2 nodes.
CHANNELS = "root:4"
#: The share of the jobs done before node 2 is killed (when it runs a job,
#: or at the latest when LATEST_KILL of them are done).
KILL_AFTER = 0.25
LATEST_KILL = 0.6
#: A job enqueued this long ago and not started was lost on its way (the
#: operator requeues it, as queue_job's ``requeue_stuck_jobs`` would).
ENQUEUED_STUCK = 15
TIMEOUT = 180
_RUNJOB = re.compile(
    r"^\S+ \S+ (\d+) .*GET /queue_job/runjob\?db=\S+&job_uuid=([\w-]+)"
)


class Cluster:
    """Two nodes (``nodes[0]`` runs the job runner) on one local database,
    HAProxy in front of them, a remote Odoo, and helpers."""

    def __init__(self, tag):
        self.local_db = f"example_e2e_{tag}_scale_local"
        self.remote_db = f"example_e2e_{tag}_scale_remote"
        ports = [odoo_harness.free_port(), odoo_harness.free_port()]
        self.balancer = haproxy.Balancer(ports, str(LOG_DIR))
        self.nodes = [
            odoo_harness.OdooServer(
                [self.local_db],
                str(LOG_DIR / f"{self.local_db}-node{i + 1}.log"),
                workers=2,
                job_runner=i == 0,
                channels=CHANNELS,
                port=port,
                runner_target=("127.0.0.1", self.balancer.port),
                extra_args=flow.POSTPONE_LOG_ARGS,
            )
            for i, port in enumerate(ports)
        ]
        self.remote = odoo_harness.OdooServer(
            [self.remote_db], str(LOG_DIR / f"{self.remote_db}.log")
        )
        self.backend_id = self.local_rpc = self.remote_rpc = None
        #: the pids of node 2's processes when it was killed
        self.killed_pids = set()

    def setup(self):
        """Create the databases, start the servers and the balancer, seed
        the remote, create the backend."""
        flow.create_databases(self.local_db, self.remote_db, LOG_DIR)
        self.remote.start()
        for node in self.nodes:
            node.start()
        self.balancer.start()
        self.remote_rpc = odoo_harness.RPC(
            self.remote.url, self.remote_db, "admin", "admin"
        )
        self.local_rpc = odoo_harness.RPC(
            self.nodes[0].url, self.local_db, "admin", "admin"
        )
        seed = flow.seed_remote(self.remote_rpc, partners=PARTNERS, categories=8)
        self.backend_id = flow.create_backend(
            self.local_rpc, self.remote.url, self.remote_db, timeout=5
        )
        flow.set_retry_pattern(self.local_rpc, FAST_RETRY_PATTERN)
        # the categories first: partner jobs importing a shared category
        # would wait on each other (tested elsewhere), not spread
        for category_id in seed.category_ids:
            self.local_rpc(
                flow.CATEGORY, "import_record", [self.backend_id, category_id]
            )

    def teardown(self):
        """Stop everything, drop the databases."""
        for server in (*self.nodes, self.remote, self.balancer):
            server.stop()
        if os.environ.get("E2E_KEEP_DATABASES") != "1":
            for dbname in (self.local_db, self.remote_db):
                with contextlib.suppress(Exception):
                    odoo_harness.drop_database(dbname)

    def runjob_pids(self, node):
        """``{(job uuid, pid)}`` of the job requests ``node`` answered (its
        log's ``/queue_job/runjob`` lines): a job whose ``worker_pid`` is
        the pid of one of its lines ran on that node."""
        with open(node.log_path, encoding="utf-8", errors="replace") as log:
            matches = (_RUNJOB.match(line) for line in log)
            return {(m.group(2), int(m.group(1))) for m in matches if m}

    @staticmethod
    def process_pids(node):
        """The pids of ``node``'s live processes: the server and its
        workers."""
        return {node.process.pid} | {
            child.pid for child in psutil.Process(node.process.pid).children(True)
        }

    def jobs_on(self, node, since_id, state):
        """The jobs in ``state`` whose worker is a live process of
        ``node``."""
        pids = self.process_pids(node)
        rows = odoo_harness.job_rows(self.local_db, since_id=since_id)
        return [r for r in rows if r["state"] == state and r["worker_pid"] in pids]

    def enqueue_incremental_import(self):
        """An import of the partners changed since 2000: the same partners
        as a first import, but in one ``import_record`` job each."""
        self.local_rpc(
            flow.BACKEND,
            "write",
            [[self.backend_id], {"import_partners_since": "2000-01-01 00:00:00"}],
        )
        self.local_rpc(flow.BACKEND, "action_import_partners", [[self.backend_id]])

    def requeue_dead_jobs(self, since_id):
        """Requeue, as an operator would, the jobs started by a process
        that no longer exists and those enqueued long ago but never
        started; returns their ids. (queue_job 18.0.4 requeues the
        former by itself.)"""
        rows = odoo_harness.job_rows(self.local_db, since_id=since_id)
        started = self.local_rpc(
            "queue.job",
            "search_read",
            [[("id", "in", [r["id"] for r in rows if r["state"] == "started"])]],
            {"fields": ["worker_pid"]},
        )
        dead = [job["id"] for job in started if not _alive(job["worker_pid"])]
        dead += self.local_rpc(
            "queue.job",
            "search",
            [
                [
                    ("id", ">", since_id),
                    ("state", "=", "enqueued"),
                    ("date_enqueued", "<", _utc_ago(ENQUEUED_STUCK)),
                ]
            ],
        )
        if dead:
            self.local_rpc("queue.job", "requeue", [dead])
        return dead


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return bool(pid)


def _utc_ago(seconds):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() - seconds))


@pytest.fixture(scope="module")
def cluster():
    """The :class:`Cluster` of the module, set up once."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(f"{os.getpid()}")
    try:
        cluster.setup()
        yield cluster
    finally:
        cluster.teardown()


def _kill_node2_when_due(cluster, since_id, states):
    """Kill node 2 once it has done jobs, KILL_AFTER of them are done and it
    is running one (or LATEST_KILL of them are done); returns what was
    happening then, or ``None`` when it is not time yet."""
    node = cluster.nodes[1]
    total, done = sum(states.values()), states.get("done", 0)
    if done < KILL_AFTER * total or not cluster.jobs_on(node, since_id, "done"):
        return None
    running = cluster.jobs_on(node, since_id, "started")
    if not running and done < LATEST_KILL * total:
        return None
    # a job done just before the kill may never get its access log line
    cluster.killed_pids = cluster.process_pids(node)
    node.kill()
    return {"done": done, "total": total, "running_on_node2": len(running)}


def _run_killing_node2(cluster):
    """Enqueue the import, kill node 2 once it has done jobs and a share of
    the jobs is done, requeue what died with it, wait for the end; returns
    the figures of the run."""
    since = odoo_harness.max_job_id(cluster.local_db)
    start = time.monotonic()
    cluster.enqueue_incremental_import()
    killed_at, requeued = None, []
    deadline = start + TIMEOUT
    while time.monotonic() < deadline:
        states = odoo_harness.job_states(cluster.local_db, since_id=since)
        total = sum(states.values())
        if killed_at is None and total > 1:
            killed_at = _kill_node2_when_due(cluster, since, states)
        busy = sum(states.get(s, 0) for s in ("pending", "enqueued", "started"))
        if total > 1 and not busy and not states.get("wait_dependencies"):
            break
        if killed_at is not None:
            requeued += cluster.requeue_dead_jobs(since)
        time.sleep(1)
    else:
        raise odoo_harness.HarnessError(f"jobs still running after {TIMEOUT}s")
    return {
        "seconds": round(time.monotonic() - start, 1),
        "killed_at": killed_at,
        "requeued": sorted(set(requeued)),
        "since": since,
    }


def _done_per_node(cluster, stats, wait=10):
    """How many of the done jobs of ``stats`` each node ran: from the
    nodes' access logs (``(job uuid, pid)`` of each runjob request), and
    from the worker pids of node 1 now and of node 2 when it was killed. A
    request's log line is written once its response is sent, after the
    job's done state was committed: a job done by node 2 right before the
    kill has none, and the logs of node 1 are read again, for ``wait``
    seconds at most, until every done job is found."""
    deadline = time.monotonic() + wait
    while True:
        pairs = [cluster.runjob_pids(node) for node in cluster.nodes]
        workers = [cluster.process_pids(cluster.nodes[0]), cluster.killed_pids]
        per_node = [0, 0]
        for row in stats.rows:
            ran = (row["uuid"], row["worker_pid"])
            for i in (0, 1):
                found = ran in pairs[i] or row["worker_pid"] in workers[i]
                if row["state"] == "done" and found:
                    per_node[i] += 1
        if sum(per_node) >= stats.count("done") or time.monotonic() > deadline:
            return per_node
        time.sleep(0.5)


def test_jobs_spread_over_two_nodes_and_survive_one(cluster):
    """Jobs run on both nodes; node 2 killed mid-run loses nothing (what
    it was running is requeued and done on node 1), duplicates nothing,
    fails nothing."""
    run = _run_killing_node2(cluster)
    stats = flow.job_stats(cluster.local_db, since_id=run["since"])
    per_node = _done_per_node(cluster, stats)
    state = flow.sync_state(cluster.local_db, cluster.backend_id, cluster.remote_rpc)
    figures = {
        "jobs": stats.count(),
        "import_record_jobs": stats.count(method="import_record"),
        "done_per_node": per_node,
        "states": dict(stats.by_state),
        "retried": len(stats.retried),
        "killed_at": run["killed_at"],
        "requeued_by_operator": len(run["requeued"]),
        "seconds": run["seconds"],
        "jobs_per_second": round(stats.count() / run["seconds"], 1),
        "missing": len(state.missing_partners),
        "duplicates": state.duplicates,
    }
    print("scale-out figures:", json.dumps(figures))
    with open(LOG_DIR / "scale-out-figures.json", "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=2)
    assert run["killed_at"] is not None, "node 2 did no job before the end"
    assert stats.count(method="import_record") == state.remote_partners
    assert stats.failed == []
    assert stats.count("done") == stats.count()
    assert per_node[0] > 0 and per_node[1] > 0, per_node
    assert sum(per_node) == stats.count(), (per_node, stats.count())
    assert state.missing_partners == [] and state.extra_partners == []
    assert state.missing_categories == []
    assert state.duplicates == 0
    assert state.different == []
    assert state.partner_bindings == state.remote_partners
