"""The backends' credentials, end to end: the jobs of backends with a wrong
password, an unreachable URL (with user info) or a URL answering HTML run in
the real workers; they fail, or are retried, with messages naming the
backend and its URL, and no job, message or log line of either server names
a password.

Runs after ``test_example_sync.py`` (file order) on the same databases.
"""

import contextlib
import pathlib
import subprocess
import sys
import time
import xmlrpc.client

import example_sync as flow
import odoo_harness
import pytest

SECRET = "E2e-Pw-5ecret-3b9d"
URL_SECRET = "E2e-Url-5ecret-c41a"
ENDPOINT = (
    pathlib.Path(__file__).resolve().parents[2]
    / "examples/connector_example_odoo/tests/rpc_endpoint.py"
)


@pytest.fixture(scope="module")
def html_url():
    """The URL of an HTTP server answering HTML to everything."""
    process = subprocess.Popen(
        [sys.executable, str(ENDPOINT)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = process.stdout.readline().strip()
        yield f"http://127.0.0.1:{port}/html"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def wait_for(predicate, timeout=60):
    """Poll ``predicate()`` until it returns something true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    raise odoo_harness.HarnessError(f"still waiting after {timeout}s")


def all_job_columns(dbname, since_id):
    """Every column of the jobs created after ``since_id``, as text."""
    with contextlib.closing(odoo_harness.pg_connect(dbname)) as conn:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT row_to_json(queue_job)::text FROM queue_job WHERE id > %s",
                (since_id,),
            )
            return "\n".join(row[0] for row in cr.fetchall())


def test_failing_jobs_never_name_the_password(sync, html_url):
    unreachable = f"http://127.0.0.1:{odoo_harness.free_port()}"
    settings = {
        "E2E wrong password": sync.remote.url,
        "E2E HTML": html_url,
        "E2E unreachable": unreachable.replace("://", f"://proxy:{URL_SECRET}@"),
    }
    backends = {
        name: flow.create_backend(
            sync.local_rpc, url, sync.remote_db, name=name, password=SECRET, timeout=5
        )
        for name, url in settings.items()
    }
    since = odoo_harness.max_job_id(sync.local_db)
    for name, backend_id in backends.items():
        with pytest.raises(xmlrpc.client.Fault) as info:
            sync.click("action_check_connection", backend_id=backend_id)
        assert f"backend '{name}'" in info.value.faultString
        assert SECRET not in info.value.faultString
        assert URL_SECRET not in info.value.faultString
        sync.click("action_import_partners", backend_id=backend_id)

    def settled():
        rows = odoo_harness.job_rows(sync.local_db, since_id=since)
        by_name = {}
        for row in rows:
            for name in backends:
                if name in (row["exc_message"] or row["result"] or ""):
                    by_name[name] = row
        done = (
            by_name.get("E2E wrong password", {}).get("state") == "failed"
            and by_name.get("E2E HTML", {}).get("state") == "failed"
            and by_name.get("E2E unreachable", {}).get("retry", 0) >= 1
        )
        return by_name if done else None

    rows = wait_for(settled)
    wrong = rows["E2E wrong password"]
    assert wrong["exc_name"].endswith("RemoteAuthenticationError")
    assert f"({sync.remote.url}, database '{sync.remote_db}')" in wrong["exc_message"]
    html = rows["E2E HTML"]
    assert html["exc_name"].endswith("RemoteConfigurationError")
    assert f"{html_url}/xmlrpc/2/common does not answer XML-RPC" in html["exc_message"]
    retried = rows["E2E unreachable"]
    assert retried["state"] in ("pending", "enqueued", "started", "failed")
    assert f"cannot reach {unreachable}" in retried["result"]
    # stop the retries of the unreachable backend
    sync.local_rpc("queue.job", "button_cancelled", [[retried["id"]]])

    stored = all_job_columns(sync.local_db, since)
    for secret in (SECRET, URL_SECRET):
        assert secret not in stored
        for server in (sync.local, sync.remote):
            assert secret not in pathlib.Path(server.log_path).read_text(
                errors="replace"
            ), f"{secret} in {server.log_path}"
    # the workers are still there
    assert sync.local.is_running()
    assert sync.click("action_check_connection")["params"]["type"] == "success"
