# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The legacy 9.0 and 10.0 addons of tests/legacy, as the migration command
rewrote them (``make test`` migrates them into ``.cache/legacy-migrated``),
run their jobs through queue_job's runner and 2 workers:

* 9.0 function jobs (``import_batch.delay(...)``, ``import_record``,
  ``export_record`` delayed by an ``on_record_write`` consumer) and 10.0
  job methods (``with_delay().import_batch(...)``...);
* the import of remote partner 1 meets a 503 once (an injected fault of the
  remote service): its job raises ``NetworkRetryableError`` (a
  ``RetryableJobError``), is retried after the 1 s of its retry pattern and
  ends done with one retry;
* the related actions of the jobs open the partner (``unwrap_binding`` /
  ``related_action_unwrap_binding``) or the remote record;
* the exporters commit in their jobs (``session.commit()``,
  ``self.env.cr.commit()``), as legacy connectors did.
"""

import contextlib
import json
import os
import pathlib
import subprocess
import sys
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import odoo_harness  # noqa: E402

LOG_DIR = ROOT / ".cache" / "logs"
MIGRATED = ROOT / ".cache" / "legacy-migrated"
JOBS_TIMEOUT = 90


class Remote:
    """The remote service a migrated addon ships (tests/remote_server.py),
    in a process of its own on 127.0.0.1."""

    def __init__(self, addon):
        script = MIGRATED / addon / "tests" / "remote_server.py"
        self.process = subprocess.Popen(
            [sys.executable, str(script)], stdout=subprocess.PIPE, text=True
        )
        self.url = f"http://127.0.0.1:{int(self.process.stdout.readline())}"

    def post(self, path, data):
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(data).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=10).read()

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())

    def seed(self):
        """Two partners and a title; the next read of partner 1 fails once
        with a 503."""
        self.post("/_admin/records/titles", {"id": "7", "name": "Doctor"})
        self.post(
            "/_admin/records/partners",
            {"id": "1", "name": "Ada", "email": "ada@example.com", "title": "7"},
        )
        self.post("/_admin/records/partners", {"id": "2", "name": "Grace"})
        self.post("/_admin/faults", {"path": "/partners/1", "status": 503})

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()


def _job_rows(dbname, since_id):
    with (
        contextlib.closing(odoo_harness.pg_connect(dbname)) as conn,
        conn.cursor() as cr,
    ):
        cr.execute(
            "SELECT id, method_name, state, retry, func_string, exc_info "
            "FROM queue_job WHERE id > %s ORDER BY id",
            (since_id,),
        )
        names = [column.name for column in cr.description]
        return [dict(zip(names, row, strict=True)) for row in cr.fetchall()]


@pytest.fixture(scope="module")
def legacy():
    """A database with both migrated addons, served with queue_job's runner
    and 2 workers; a remote service per addon."""
    for variable in ("CONNECTOR_ADDONS_PATH", "PGHOST"):
        if not os.environ.get(variable):
            raise RuntimeError(f"{variable} is not set: run the suite with `make test`")
    if not (MIGRATED / "connector_legacy90").is_dir():
        raise RuntimeError(f"no migrated legacy addons in {MIGRATED}: run `make test`")
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    dbname = f"legacy_e2e_{os.getpid()}"
    server = odoo_harness.OdooServer(
        [dbname],
        str(LOG_DIR / f"{dbname}.log"),
        workers=2,
        job_runner=True,
        channels="root:2",
    )
    remotes = {}
    try:
        odoo_harness.install_modules(
            dbname,
            ["connector_legacy90", "connector_legacy100"],
            str(LOG_DIR / f"{dbname}-install.log"),
        )
        server.start()
        remotes = {
            name: Remote(f"connector_{name}") for name in ("legacy90", "legacy100")
        }
        rpc = odoo_harness.RPC(server.url, dbname, "admin", "admin")
        yield dbname, rpc, remotes
    finally:
        server.stop()
        for remote in remotes.values():
            remote.stop()
        if os.environ.get("E2E_KEEP_DATABASES") != "1":
            odoo_harness.drop_database(dbname)


def _run(dbname, action):
    since = odoo_harness.max_job_id(dbname)
    action()
    odoo_harness.wait_for_jobs(dbname, JOBS_TIMEOUT, since_id=since)
    return _job_rows(dbname, since)


def _check_imports(rows, kind):
    assert rows, f"no {kind} job ran"
    assert [r for r in rows if r["state"] != "done"] == [], rows
    imports = [r for r in rows if "import_record" in r["method_name"]]
    assert len(imports) == 2, rows
    # queue_job counts the runs in ``retry``: 1 for a job done at once
    retries = {("'1'" in r["func_string"]): r["retry"] for r in imports}
    assert retries == {True: 2, False: 1}, imports


@pytest.mark.parametrize("name", ["legacy90", "legacy100"])
def test_migrated_jobs_run_on_the_runner(legacy, name):
    dbname, rpc, remotes = legacy
    remote = remotes[name]
    remote.seed()
    backend_model = f"{name}.backend"
    binding_model = f"{name}.res.partner"
    link = "openerp_id" if name == "legacy90" else "odoo_id"
    backend_id = rpc(backend_model, "create", [{"name": name, "location": remote.url}])

    # import: a batch job delaying a job per partner, one of them retried
    rows = _run(dbname, lambda: rpc(backend_model, "import_partners", [[backend_id]]))
    _check_imports(rows, name)
    if name == "legacy90":
        assert all(r["method_name"].startswith("_function_job__") for r in rows), rows
    else:
        assert {r["method_name"] for r in rows} == {"import_batch", "import_record"}
    bindings = rpc(
        binding_model,
        "search_read",
        [[("backend_id", "=", backend_id)]],
        {"fields": ["name", "title", link]},
    )
    assert sorted(b["name"] for b in bindings) == ["Ada", "Grace"]
    ada = next(b for b in bindings if b["name"] == "Ada")
    assert ada["title"][1] == "Doctor"

    # export: an edit of the partner delays an export job (event consumer)
    partner_id = ada[link][0]
    rows = _run(
        dbname,
        lambda: rpc("res.partner", "write", [[partner_id], {"name": "Ada Lovelace"}]),
    )
    assert [(r["state"], r["retry"]) for r in rows] == [("done", 1)], rows
    assert "export_record" in rows[0]["method_name"]
    assert remote.get("/partners/1")["name"] == "Ada Lovelace"
    # the exporter commits once it bound the external id, as legacy
    # connectors did: queue_job 18.0.4+ allows it because the job function
    # says so (18.0.1 lets every job commit)
    if "allow_commit" in rpc("queue.job.function", "fields_get", [], {}):
        [job] = rpc("queue.job", "read", [[rows[0]["id"]], ["job_function_id"]])
        [function] = rpc(
            "queue.job.function",
            "read",
            [[job["job_function_id"][0]], ["allow_commit"]],
        )
        assert function["allow_commit"], function

    # related actions: the export opens the partner, the import the remote
    action = rpc("queue.job", "open_related_action", [[rows[0]["id"]]])
    assert (action["res_model"], action["res_id"]) == ("res.partner", partner_id)
    import_job = rpc(
        "queue.job",
        "search",
        [[("method_name", "like", "import_record"), ("func_string", "like", "'2'")]],
        {"order": "id desc", "limit": 1},
    )
    action = rpc("queue.job", "open_related_action", [import_job])
    assert action["url"] == f"{remote.url}/partners/2"
