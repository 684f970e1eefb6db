"""Fixtures of the end-to-end suites: real Odoo servers on loopback.

The session fixture :func:`sync` creates two databases once:

* a *remote* one (a bare Odoo: ``base``) seeded with 60 partners in 8
  categories, served by an Odoo process of its own, which a test may stop
  and start again on the same port;
* a *local* one with ``connector_example_odoo``, served by Odoo with 2 HTTP
  workers and queue_job's job runner (channels ``root:2``), which runs the
  jobs.

Fresh copies of both databases, taken before anything ran in them
(``fresh_local_db``, ``fresh_remote_db``), let a suite start from scratch
without installing again (test_stress.py does). Both servers are stopped
and the databases dropped at the end of the session
(``E2E_KEEP_DATABASES=1`` keeps the databases to look into). The
environment is the one ``tools/common.sh`` prepares (``make test`` runs the
suite with it).
"""

import contextlib
import os
import pathlib
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import example_sync as flow  # noqa: E402
import odoo_harness  # noqa: E402

LOG_DIR = ROOT / ".cache" / "logs"
#: Seconds a phase of the synchronization may take at most.
JOBS_TIMEOUT = 240
#: Retries after 2 s, 4 s, 4 s, 8 s: an outage of 15 seconds is survived.
FAST_RETRY_PATTERN = "{1: 2, 2: 4, 4: 8}"


class ExampleSync:
    """The two servers and databases of the suite, with helpers.

    Attributes: ``local_db``, ``remote_db``, their fresh copies
    ``fresh_local_db`` and ``fresh_remote_db``, ``local`` and ``remote`` (the
    :class:`odoo_harness.OdooServer`), ``local_rpc`` and ``remote_rpc`` (admin
    XML-RPC clients), ``backend_id``, ``seed`` (an
    (:mod:`example_sync`) :class:`Seed`).
    """

    def __init__(self, tag):
        self.local_db = f"example_e2e_{tag}_local"
        self.remote_db = f"example_e2e_{tag}_remote"
        self.fresh_local_db = f"{self.local_db}_fresh"
        self.fresh_remote_db = f"{self.remote_db}_fresh"
        self.local = odoo_harness.OdooServer(
            [self.local_db],
            str(LOG_DIR / f"{self.local_db}.log"),
            workers=2,
            job_runner=True,
            channels="root:2",
            extra_args=flow.POSTPONE_LOG_ARGS,
        )
        self.remote = odoo_harness.OdooServer(
            [self.remote_db], str(LOG_DIR / f"{self.remote_db}.log")
        )
        self.local_rpc = self.remote_rpc = None
        self.backend_id = None
        self.seed = None

    def setup(self):
        """Create and seed the databases, start the servers, configure the
        backend."""
        flow.create_databases(self.local_db, self.remote_db, LOG_DIR)
        odoo_harness.clone_database(self.local_db, self.fresh_local_db)
        odoo_harness.clone_database(self.remote_db, self.fresh_remote_db)
        self.remote.start()
        self.local.start()
        self.remote_rpc = odoo_harness.RPC(
            self.remote.url, self.remote_db, "admin", "admin"
        )
        self.local_rpc = odoo_harness.RPC(
            self.local.url, self.local_db, "admin", "admin"
        )
        self.seed = flow.seed_remote(self.remote_rpc, partners=60, categories=8)
        self.backend_id = flow.create_backend(
            self.local_rpc, self.remote.url, self.remote_db, timeout=5
        )
        flow.set_retry_pattern(self.local_rpc, FAST_RETRY_PATTERN)

    def teardown(self):
        """Stop the servers, drop the databases."""
        self.local.stop()
        self.remote.stop()
        dbnames = [self.fresh_local_db, self.fresh_remote_db]
        if os.environ.get("E2E_KEEP_DATABASES") != "1":
            dbnames += [self.local_db, self.remote_db]
        for dbname in dbnames:
            with contextlib.suppress(Exception):
                odoo_harness.drop_database(dbname)

    def click(self, method, backend_id=None):
        """Call a button of the backend form (``action_...``)."""
        return self.local_rpc(flow.BACKEND, method, [[backend_id or self.backend_id]])

    def run_jobs(self, action):
        """Run ``action()`` (which enqueues jobs), wait until the jobs are
        finished, and return their (:mod:`example_sync`) :class:`JobStats` and the
        number of jobs postponed meanwhile (RetryableJobError)."""
        since = odoo_harness.max_job_id(self.local_db)
        log = flow.LogWatch(self.local.log_path)
        action()
        odoo_harness.wait_for_jobs(self.local_db, JOBS_TIMEOUT, since_id=since)
        return flow.job_stats(self.local_db, since_id=since), log.postponed()

    def wait_for_job(self, since_id, method, timeout=60):
        """Wait until a job of ``method`` created after ``since_id`` is done
        (polling every 0.1 s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = odoo_harness.job_rows(self.local_db, since_id=since_id)
            if any(r["method_name"] == method and r["state"] == "done" for r in rows):
                return
            time.sleep(0.1)
        raise odoo_harness.HarnessError(f"no {method} job done after {timeout}s")

    def state(self, backend_id=None):
        """The (:mod:`example_sync`) :class:`SyncState` of the backend."""
        return flow.sync_state(
            self.local_db, backend_id or self.backend_id, self.remote_rpc
        )


@pytest.fixture(scope="session")
def sync():
    """The :class:`ExampleSync` of the session, set up once."""
    for variable in ("CONNECTOR_ADDONS_PATH", "PGHOST"):
        if not os.environ.get(variable):
            raise RuntimeError(
                f"{variable} is not set: run the suite with `make test` (or with "
                "the environment of tools/common.sh)"
            )
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    sync = ExampleSync(f"{os.getpid()}")
    try:
        sync.setup()
        yield sync
    finally:
        sync.teardown()
