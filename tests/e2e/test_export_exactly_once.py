"""Exactly-once exports: a worker killed (SIGKILL) right after the remote
created the record, before the local transaction committed its id.

The export goes through ``hold_proxy.py``, which lets the remote create the
partner and withholds the answer; the worker waiting for it is killed. How
the job comes back depends on queue_job's release:

* 18.0.4 and later: the job runner finds the job *started* whose lock row is
  no longer held (``queue_job_lock``) and requeues it by itself;
* 18.0.1: nothing requeues a *started* job automatically (the garbage
  collector cron only requeues *enqueued* jobs unless given a
  ``started_delta``); the operator requeues it, as the test does.

Either way the retried export must find the remote partner the dead try
created: one remote partner, bound by the binding.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time

import example_sync as flow
import odoo_harness

PROXY_SCRIPT = os.path.join(os.path.dirname(__file__), "hold_proxy.py")
NAME = "Exported exactly once"
PARTNER = flow.PARTNER


@contextlib.contextmanager
def hold_proxy(target_url):
    """The proxy process; yields (its URL, its directory of flag files)."""
    with tempfile.TemporaryDirectory() as hold_dir:
        process = subprocess.Popen(
            [sys.executable, PROXY_SCRIPT, target_url, hold_dir],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            port = process.stdout.readline().strip()
            assert port, "the proxy did not start"
            yield f"http://127.0.0.1:{port}", hold_dir
        finally:
            process.kill()
            process.wait(timeout=10)
            process.stdout.close()


def wait_for(predicate, timeout, what):
    """Poll ``predicate`` every 0.05 s until it returns a truthy value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} after {timeout}s")


def export_job(sync, since_id):
    """The export job created after ``since_id`` (a dict with worker_pid)."""
    with contextlib.closing(odoo_harness.pg_connect(sync.local_db)) as conn:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT id, state, worker_pid, retry FROM queue_job "
                "WHERE id > %s AND method_name = 'export_record' ORDER BY id",
                (since_id,),
            )
            rows = cr.fetchall()
    assert len(rows) <= 1, rows
    if rows:
        return dict(zip(("id", "state", "worker_pid", "retry"), rows[0], strict=True))
    return None


def runner_requeues_dead_jobs(sync):
    """Whether this queue_job release requeues the jobs of dead workers."""
    with contextlib.closing(odoo_harness.pg_connect(sync.local_db)) as conn:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('queue_job_lock') IS NOT NULL")
            return cr.fetchone()[0]


def test_export_retried_after_a_killed_worker_creates_once(sync):
    with hold_proxy(sync.remote.url) as (proxy_url, hold_dir):
        backend_id = flow.create_backend(
            sync.local_rpc,
            proxy_url,
            sync.remote_db,
            name="Through a proxy",
            timeout=60,
        )
        open(os.path.join(hold_dir, "hold"), "w").close()
        since = odoo_harness.max_job_id(sync.local_db)
        partner_id = sync.local_rpc("res.partner", "create", [{"name": NAME}])
        binding_id = sync.local_rpc(
            PARTNER, "create", [{"backend_id": backend_id, "odoo_id": partner_id}]
        )

        created = os.path.join(hold_dir, "created")
        wait_for(lambda: os.path.exists(created), 90, "the remote created nothing")
        job = export_job(sync, since)
        assert job["state"] == "started" and job["worker_pid"], job
        os.kill(job["worker_pid"], signal.SIGKILL)

        if not runner_requeues_dead_jobs(sync):
            # queue_job 18.0.1: the operator requeues the stuck job
            time.sleep(2)
            assert export_job(sync, since)["state"] == "started"
            sync.local_rpc("queue.job", "requeue", [[job["id"]]])
        wait_for(
            lambda: export_job(sync, since)["state"] == "done",
            120,
            "the export was not retried to the end",
        )

    remote_ids = sync.remote_rpc("res.partner", "search", [[("name", "=", NAME)]])
    assert len(remote_ids) == 1, remote_ids
    binding = sync.local_rpc(PARTNER, "read", [[binding_id], ["external_id"]])[0]
    assert binding["external_id"] == str(remote_ids[0])
