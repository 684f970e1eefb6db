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
import sys
import time

import example_sync as flow
import odoo_harness

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / ".cache" / "logs"
REMOTE_PORT = 8169
LOCAL_PORT = 8069


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
    common = [odoo, *odoo_harness.odoo_options()]
    remote_cmd = [*common, "-d", remote_db, f"--db-filter=^{remote_db}$"]
    remote_cmd += ["--http-port", str(remote.port)]
    local_cmd = [*common, "-d", local_db, f"--db-filter=^{local_db}$"]
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


def _parse(argv):
    """The options of the command line."""
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
    return args


class Demo:
    """The phases of the demo, in order (:meth:`prepare`,
    :meth:`import_partners`, :meth:`export_edits`), then its figures
    (:meth:`rows`, :meth:`problems`). Each phase is timed."""

    def __init__(self, args):
        self.args = args
        self.local_db = f"{args.prefix}_local"
        self.remote_db = f"{args.prefix}_remote"
        self.timer = Timer()
        self.remote = odoo_harness.OdooServer(
            [self.remote_db],
            str(LOG_DIR / f"{self.remote_db}.log"),
            port=odoo_harness.free_port(REMOTE_PORT),
        )
        self.local = odoo_harness.OdooServer(
            [self.local_db],
            str(LOG_DIR / f"{self.local_db}.log"),
            workers=args.workers,
            job_runner=True,
            channels=f"root:{args.workers}",
            port=odoo_harness.free_port(LOCAL_PORT),
            extra_args=flow.POSTPONE_LOG_ARGS,
        )
        self.remote_rpc = self.local_rpc = self.backend_id = self.seed = None
        self.imports = self.exports = self.state = self.everything = None
        self.import_seconds = self.import_postponed = self.exported_ok = 0
        self.edited = []

    def prepare(self):
        """Create both databases, seed the remote one, start both servers
        and configure the backend."""
        args, started = self.args, time.monotonic()
        for dbname in (self.local_db, self.remote_db):
            if odoo_harness.database_exists(dbname):
                step(f"dropping the previous demo database {dbname}")
        step(
            f"creating {self.remote_db} (base) and {self.local_db} "
            "(connector_example_odoo)"
        )
        flow.create_databases(self.local_db, self.remote_db, LOG_DIR)
        self.timer.phase("create the databases", started)

        started = time.monotonic()
        step(f"starting the remote Odoo on {self.remote.url}")
        self.remote.start()
        self.remote_rpc = odoo_harness.RPC(
            self.remote.url, self.remote_db, "admin", "admin"
        )
        step(f"seeding {args.partners} partners in {args.categories} categories")
        self.seed = flow.seed_remote(
            self.remote_rpc, partners=args.partners, categories=args.categories
        )
        self.timer.phase("seed the remote database", started)

        started = time.monotonic()
        step(
            f"starting the local Odoo on {self.local.url} with {args.workers} "
            "workers and queue_job's job runner"
        )
        self.local.start()
        self.local_rpc = odoo_harness.RPC(
            self.local.url, self.local_db, "admin", "admin"
        )
        self.backend_id = flow.create_backend(
            self.local_rpc, self.remote.url, self.remote_db
        )
        check = self.local_rpc(
            flow.BACKEND, "action_check_connection", [[self.backend_id]]
        )
        step(check["params"]["message"])
        self.timer.phase("start Odoo, configure the backend", started)

    def import_partners(self):
        """Click *Import partners* and wait for the jobs."""
        started = time.monotonic()
        since = odoo_harness.max_job_id(self.local_db)
        log = flow.LogWatch(self.local.log_path)
        step("import: a batch job, then the jobs it enqueues (chunks or per partner)")
        self.local_rpc(flow.BACKEND, "action_import_partners", [[self.backend_id]])
        self.imports = wait(self.local_db, since, "import", self.args.timeout)
        self.import_seconds = self.timer.phase("import (jobs)", started)
        self.import_postponed = log.postponed()

    def export_edits(self):
        """Edit partners locally (each edit enqueues an export), wait for
        the jobs, check the remote partners, and compare both sides."""
        started = time.monotonic()
        since = odoo_harness.max_job_id(self.local_db)
        binding_ids = self.local_rpc(
            flow.PARTNER, "search", [[]], {"limit": self.args.edits, "order": "id"}
        )
        self.edited = self.local_rpc(
            flow.PARTNER, "read", [binding_ids, ["odoo_id", "external_id"]]
        )
        step(
            f"editing {len(self.edited)} partners locally: each change enqueues "
            "an export"
        )
        for i, binding in enumerate(self.edited):
            self.local_rpc(
                "res.partner",
                "write",
                [[binding["odoo_id"][0]], {"email": f"demo-edit-{i}@example.com"}],
            )
        self.exports = wait(self.local_db, since, "export", self.args.timeout)
        self.timer.phase("export (jobs)", started)
        remote_emails = self.remote_rpc(
            "res.partner",
            "read",
            [[int(b["external_id"]) for b in self.edited], ["email"]],
        )
        self.exported_ok = sum(
            1
            for i, record in enumerate(remote_emails)
            if record["email"] == f"demo-edit-{i}@example.com"
        )
        self.state = flow.sync_state(self.local_db, self.backend_id, self.remote_rpc)
        self.everything = flow.job_stats(self.local_db)

    def stop(self):
        """Stop both servers."""
        step("stopping the servers")
        self.local.stop()
        self.remote.stop()

    def rows(self):
        """The rows of the summary table."""
        state, imports, everything = self.state, self.imports, self.everything
        rows = [
            (
                "remote partners / categories",
                f"{state.remote_partners} / {state.remote_categories}",
            ),
            ("partners sharing one category", self.seed.sharing_partners),
            ("jobs done", everything.count("done")),
            ("jobs failed", everything.count("failed")),
            ("jobs retried (run twice or more)", len(everything.retried)),
            ("jobs postponed (RetryableJobError)", self.import_postponed),
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
                f"{self.exports.count('done', 'export_record')} "
                f"({self.exported_ok} ok)",
            ),
            ("exports caused by imports", imports.count(method="export_record")),
            ("checkpoints (partners without email)", state.checkpoints),
            ("duplicates found", state.duplicates),
            (
                "import throughput",
                f"{imports.count() / self.import_seconds:.1f} jobs/s, "
                f"{state.partner_bindings / self.import_seconds:.1f} partners/s",
            ),
        ]
        rows += [(f"time: {label}", f"{sec:.1f} s") for label, sec in self.timer.phases]
        rows.append(("time: total", f"{self.timer.total:.1f} s"))
        return rows

    def problems(self):
        """What went wrong: duplicates, failed jobs, databases out of sync
        (empty when nothing did)."""
        problems = []
        if self.state.duplicates:
            problems.append(f"{self.state.duplicates} duplicates")
        if self.everything.count("failed"):
            problems.append(f"{self.everything.count('failed')} failed jobs")
        out_of_sync = self.state.missing_partners or self.state.different
        if out_of_sync or self.exported_ok != len(self.edited):
            problems.append("the databases are not in sync")
        return problems


def main(argv=None):
    """Run the demo; returns the exit status (1 when the databases end out
    of sync, with duplicates or failed jobs)."""
    demo = Demo(_parse(argv))
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    try:
        demo.prepare()
        demo.import_partners()
        demo.export_edits()
    finally:
        demo.stop()
    print(summary(demo.rows()))
    print(how_to_open(demo.remote, demo.remote_db, demo.local, demo.local_db))
    problems = demo.problems()
    if problems:
        print("demo FAILED: " + ", ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
