"""``make demo``: the example connector synchronizing two Odoo databases.

1. (re)creates two databases: a *remote* one (bare Odoo) and a *local* one
   with ``connector`` and ``connector_example_odoo``;
2. seeds the remote one over XML-RPC (300 partners in 30 categories by
   default, half of them sharing one category);
3. starts the remote Odoo, and the local Odoo with queue_job's job runner and
   2 workers; creates the backend and checks the connection;
4. enqueues the import of the partners and waits for the jobs (progress
   bar);
5. edits a few partners locally, which enqueues their exports, and waits;
6. prints a summary, stops both servers and tells how to open the
   databases, which are kept. A new run recreates them.

Run it through ``make demo`` (tools/demo.sh), which prepares the environment
(see :mod:`odoo_harness`). Options: ``--help``.
"""

import argparse
import os
import pathlib
import shlex
import socket
import sys
import time

import example_sync as flow
import odoo_harness

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / ".cache" / "logs"
REMOTE_PORT = 8169
LOCAL_PORT = 8069


def _port(preferred):
    """``preferred`` when free on loopback, else any free port."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            return odoo_harness.free_port()
    return preferred


class Timer:
    """Wall-clock durations of the phases, in order."""

    def __init__(self):
        self.phases = []
        self.start = time.monotonic()

    def phase(self, label, started):
        """Record the phase ``label`` begun at ``started`` (a
        ``time.monotonic()``); returns its duration in seconds."""
        seconds = time.monotonic() - started
        self.phases.append((label, seconds))
        return seconds

    @property
    def total(self):
        """Seconds since the timer was created."""
        return time.monotonic() - self.start


def step(message):
    """Tell what the demo does now."""
    print(f"==> {message}", file=sys.stderr, flush=True)


def wait(sync_db, since, label, timeout):
    """Wait for the jobs after ``since``, with a progress bar; returns the
    job stats."""
    odoo_harness.wait_for_jobs(
        sync_db,
        timeout,
        progress=odoo_harness.progress_bar(label),
        since_id=since,
    )
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    return flow.job_stats(sync_db, since_id=since)


def summary(rows):
    """A two-column table."""
    width = max(len(label) for label, __ in rows)
    lines = ["+" + "-" * (width + 2) + "+" + "-" * 24 + "+"]
    for label, value in rows:
        lines.append(f"| {label:<{width}} | {value!s:>22} |")
    lines.append(lines[0])
    return "\n".join(lines)


def how_to_open(remote, remote_db, local, local_db):
    """How to start both servers again to look into the kept databases."""
    odoo = pathlib.Path(sys.executable).parent / "odoo"
    common = ["--addons-path", os.environ["CONNECTOR_ADDONS_PATH"]]
    for option, variable in (
        ("--db_host", "PGHOST"),
        ("--db_port", "PGPORT"),
        ("--db_user", "PGUSER"),
    ):
        if os.environ.get(variable):
            common += [option, os.environ[variable]]
    remote_cmd = [odoo, *common, "-d", remote_db, f"--db-filter=^{remote_db}$"]
    remote_cmd += ["--http-port", str(remote.port)]
    local_cmd = [odoo, *common, "-d", local_db, f"--db-filter=^{local_db}$"]
    local_cmd += ["--http-port", str(local.port)]
    local_cmd += ["--load", "base,web,queue_job", "--workers", "2"]
    lines = [
        f"\nThe databases {remote_db} and {local_db} are kept (server logs in "
        f"{LOG_DIR}). To look into them, start both servers (two terminals):",
        "  " + shlex.join(map(str, remote_cmd)),
        "  ODOO_QUEUE_JOB_CHANNELS=root:2 " + shlex.join(map(str, local_cmd)),
        f"then browse {local.url} (Connectors > Backends > Example Odoo) and "
        f"{remote.url}; login admin, password admin.",
    ]
    if os.environ.get("DEMO_PRIVATE_PG") == "1":
        lines.append(
            "They live in the private PostgreSQL cluster of .cache/pg, which "
            "`make demo` started and stopped: start it again first (see "
            "tools/common.sh, start_private_pg)."
        )
    return "\n".join(lines)


def main(argv=None):
    """Run the demo; returns the exit status (1 when the databases end out
    of sync, with duplicates or failed jobs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--prefix", default="example_demo", help="database names prefix"
    )
    parser.add_argument("--partners", type=int, default=300)
    parser.add_argument("--categories", type=int, default=30)
    parser.add_argument("--edits", type=int, default=10, help="partners edited locally")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=900, help="seconds per phase")
    args = parser.parse_args(argv)
    if args.partners < args.edits or args.categories < 2 or args.workers < 2:
        parser.error("at least 2 categories, 2 workers and as many partners as edits")

    local_db, remote_db = f"{args.prefix}_local", f"{args.prefix}_remote"
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    timer = Timer()
    remote = odoo_harness.OdooServer(
        [remote_db], str(LOG_DIR / f"{remote_db}.log"), port=_port(REMOTE_PORT)
    )
    local = odoo_harness.OdooServer(
        [local_db],
        str(LOG_DIR / f"{local_db}.log"),
        workers=args.workers,
        job_runner=True,
        channels=f"root:{args.workers}",
        port=_port(LOCAL_PORT),
        extra_args=flow.POSTPONE_LOG_ARGS,
    )
    try:
        started = time.monotonic()
        for dbname in (local_db, remote_db):
            if odoo_harness.database_exists(dbname):
                step(f"dropping the previous demo database {dbname}")
        step(f"creating {remote_db} (base) and {local_db} (connector_example_odoo)")
        flow.create_databases(local_db, remote_db, LOG_DIR)
        timer.phase("create the databases", started)

        started = time.monotonic()
        step(f"starting the remote Odoo on {remote.url}")
        remote.start()
        remote_rpc = odoo_harness.RPC(remote.url, remote_db, "admin", "admin")
        step(f"seeding {args.partners} partners in {args.categories} categories")
        seed = flow.seed_remote(
            remote_rpc, partners=args.partners, categories=args.categories
        )
        timer.phase("seed the remote database", started)

        started = time.monotonic()
        step(
            f"starting the local Odoo on {local.url} with {args.workers} workers and "
            "queue_job's job runner"
        )
        local.start()
        local_rpc = odoo_harness.RPC(local.url, local_db, "admin", "admin")
        backend_id = flow.create_backend(local_rpc, remote.url, remote_db)
        check = local_rpc(flow.BACKEND, "action_check_connection", [[backend_id]])
        step(check["params"]["message"])
        timer.phase("start Odoo, configure the backend", started)

        started = time.monotonic()
        since = odoo_harness.max_job_id(local_db)
        log = flow.LogWatch(local.log_path)
        step("import: one batch job, then one job per partner")
        local_rpc(flow.BACKEND, "action_import_partners", [[backend_id]])
        imports = wait(local_db, since, "import", args.timeout)
        import_seconds = timer.phase("import (jobs)", started)
        import_postponed = log.postponed()

        started = time.monotonic()
        since = odoo_harness.max_job_id(local_db)
        binding_ids = local_rpc(
            flow.PARTNER, "search", [[]], {"limit": args.edits, "order": "id"}
        )
        bindings = local_rpc(
            flow.PARTNER, "read", [binding_ids, ["odoo_id", "external_id"]]
        )
        step(
            f"editing {len(bindings)} partners locally: each change enqueues an export"
        )
        for i, binding in enumerate(bindings):
            local_rpc(
                "res.partner",
                "write",
                [[binding["odoo_id"][0]], {"email": f"demo-edit-{i}@example.com"}],
            )
        exports = wait(local_db, since, "export", args.timeout)
        timer.phase("export (jobs)", started)
        remote_emails = remote_rpc(
            "res.partner",
            "read",
            [[int(b["external_id"]) for b in bindings], ["email"]],
        )
        exported_ok = sum(
            1
            for i, record in enumerate(remote_emails)
            if record["email"] == f"demo-edit-{i}@example.com"
        )
        state = flow.sync_state(local_db, backend_id, remote_rpc)
        everything = flow.job_stats(local_db)
    finally:
        step("stopping the servers")
        local.stop()
        remote.stop()

    rows = [
        (
            "remote partners / categories",
            f"{state.remote_partners} / {state.remote_categories}",
        ),
        ("partners sharing one category", seed.sharing_partners),
        ("jobs done", everything.count("done")),
        ("jobs failed", everything.count("failed")),
        ("jobs retried (run twice or more)", len(everything.retried)),
        ("jobs postponed (RetryableJobError)", import_postponed),
        ("partner bindings", state.partner_bindings),
        ("category bindings", state.category_bindings),
        (
            "import jobs: bulk (chunks) / one record",
            f"{imports.count('done', 'import_chunk')} / "
            f"{imports.count('done', 'import_record')}",
        ),
        (
            "partners missing / differing",
            f"{len(state.missing_partners)} / {len(state.different)}",
        ),
        (
            "exports done (checked remotely)",
            f"{exports.count('done', 'export_record')} ({exported_ok} ok)",
        ),
        ("exports caused by imports", imports.count(method="export_record")),
        ("checkpoints (partners without email)", state.checkpoints),
        ("duplicates found", state.duplicates),
        (
            "import throughput",
            f"{imports.count() / import_seconds:.1f} jobs/s, "
            f"{state.partner_bindings / import_seconds:.1f} partners/s",
        ),
    ]
    rows += [(f"time: {label}", f"{seconds:.1f} s") for label, seconds in timer.phases]
    rows.append(("time: total", f"{timer.total:.1f} s"))
    print(summary(rows))

    print(how_to_open(remote, remote_db, local, local_db))
    problems = []
    if state.duplicates:
        problems.append(f"{state.duplicates} duplicates")
    if everything.count("failed"):
        problems.append(f"{everything.count('failed')} failed jobs")
    if state.missing_partners or state.different or exported_ok != len(bindings):
        problems.append("the databases are not in sync")
    if problems:
        print("demo FAILED: " + ", ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
