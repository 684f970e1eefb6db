"""End-to-end throughput of the example connector (``make bench-e2e``): a
remote Odoo seeded with N partners, a local Odoo whose queue_job runner
and 2 workers import them, once in bulk jobs (``import_chunk``, 200
partners each) and once in one ``import_record`` job per partner.

Both imports start from an empty local database: the second one runs in a
copy of the first database made before any import (``CREATE DATABASE ...
TEMPLATE``). Figures per size and mode:

* records/s and jobs/s: partners bound, and jobs done, over the time from
  the call that enqueues the import to the end of its last job;
* queries per record: the SQL queries of the job requests (Odoo's access
  log gives each request's query count) over the partners bound. The
  queries of the job runner itself (a few per job, on its own connection)
  and of the remote server are not counted.

It expects the environment ``tools/common.sh`` prepares (see
:mod:`odoo_harness`); ``tools/bench_e2e.sh`` runs it.
"""

import argparse
import contextlib
import json
import os
import re
import sys
import threading
import time

import example_sync as flow
import odoo_harness

#: The goal: bulk jobs import at least this many times faster.
GOAL_RATIO = 10
_REQUEST = re.compile(
    r' (\S+) werkzeug: .*"GET /queue_job/runjob\S* HTTP/[\d.]+" \d+ - (\d+) '
)


def _queries(log_path, offset, dbname):
    """SQL queries of the job requests of ``dbname`` logged after
    ``offset``, and their number."""
    with open(log_path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        counts = [
            int(m.group(2))
            for m in map(_REQUEST.search, log)
            if m and m.group(1) == dbname
        ]
    return sum(counts), len(counts)


def _warm_up(server, dbname, calls=6):
    """Concurrent requests to ``dbname``, so that each worker has loaded
    its registry before the measure (a cold worker takes seconds)."""

    def call():
        rpc = odoo_harness.RPC(server.url, dbname, "admin", "admin", timeout=600)
        rpc(flow.PARTNER, "search_count", [[]])

    threads = [threading.Thread(target=call) for __ in range(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure(server, dbname, remote, remote_rpc, bulk, timeout):
    """Import every remote partner into ``dbname`` (bulk jobs or one job
    per partner) and return the figures of the run.

    :raise odoo_harness.HarnessError: when jobs fail, or the local side
        misses or duplicates a partner
    """
    _warm_up(server, dbname)
    rpc = odoo_harness.RPC(server.url, dbname, "admin", "admin", timeout=600)
    backend_id = flow.create_backend(rpc, remote.url, remote.dbname)
    since = odoo_harness.max_job_id(dbname)
    with open(server.log_path, "rb") as log:
        offset = log.seek(0, 2)
    start = time.monotonic()
    rpc(flow.PARTNER, "import_batch", [backend_id], {"bulk": bulk})
    odoo_harness.wait_for_jobs(dbname, timeout, since_id=since, poll=1)
    seconds = time.monotonic() - start
    stats = flow.job_stats(dbname, since_id=since)
    state = flow.sync_state(dbname, backend_id, remote_rpc)
    problems = {
        "failed": len(stats.failed),
        "missing": len(state.missing_partners),
        "duplicates": state.duplicates,
    }
    if any(problems.values()):
        raise odoo_harness.HarnessError(f"import into {dbname}: {problems}")
    queries, requests = _queries(server.log_path, offset, dbname)
    records = state.partner_bindings
    return {
        "mode": "bulk jobs" if bulk else "per-record jobs",
        "records": records,
        "jobs": stats.count(),
        "job_requests": requests,
        "seconds": round(seconds, 1),
        "records_per_s": round(records / seconds, 1),
        "jobs_per_s": round(stats.count() / seconds, 2),
        "queries_per_record": round(queries / records, 1),
    }


def run_size(size, log_dir, timeout):
    """Seed ``size`` remote partners and measure both modes; returns their
    figures (bulk first)."""
    tag = f"{os.getpid()}_{size}"
    remote_db, bulk_db, record_db = (
        f"bench_e2e_{tag}_{name}" for name in ("remote", "bulk", "record")
    )
    flow.create_databases(bulk_db, remote_db, log_dir)
    odoo_harness.clone_database(bulk_db, record_db)
    remote = odoo_harness.OdooServer([remote_db], f"{log_dir}/{remote_db}.log")
    local = odoo_harness.OdooServer(
        [bulk_db, record_db],
        f"{log_dir}/bench_e2e_{tag}_local.log",
        workers=2,
        job_runner=True,
        channels="root:2",
    )
    try:
        remote.start()
        local.start()
        remote.dbname = remote_db
        remote_rpc = odoo_harness.RPC(remote.url, remote_db, "admin", "admin", 600)
        print(f"seeding {size} remote partners...", file=sys.stderr)
        flow.seed_remote(remote_rpc, partners=size, categories=30)
        results = []
        for dbname, bulk in ((bulk_db, True), (record_db, False)):
            figures = measure(local, dbname, remote, remote_rpc, bulk, timeout)
            print(f"{size}: {figures}", file=sys.stderr)
            results.append({"size": size, **figures})
        return results
    finally:
        local.stop()
        remote.stop()
        for dbname in (bulk_db, record_db, remote_db):
            with contextlib.suppress(Exception):
                odoo_harness.drop_database(dbname)


def report(results):
    """The side-by-side table, with the ratio per size and the goal met or
    missed; returns its text."""
    header = (
        f"{'partners':>8}  {'mode':<16}{'records':>8}{'jobs':>7}{'seconds':>9}"
        f"{'records/s':>11}{'jobs/s':>9}{'queries/rec':>13}"
    )
    lines = [header, "-" * len(header)]
    for row in results:
        lines.append(
            f"{row['size']:>8}  {row['mode']:<16}{row['records']:>8}{row['jobs']:>7}"
            f"{row['seconds']:>9}{row['records_per_s']:>11}{row['jobs_per_s']:>9}"
            f"{row['queries_per_record']:>13}"
        )
    for size in sorted({row["size"] for row in results}):
        rows = {row["mode"]: row for row in results if row["size"] == size}
        bulk, record = rows["bulk jobs"], rows["per-record jobs"]
        ratio = bulk["records_per_s"] / record["records_per_s"]
        verdict = "met" if ratio >= GOAL_RATIO else "MISSED"
        lines.append(
            f"{size} partners: bulk/per-record records/s = {ratio:.1f}x, queries "
            f"per record {record['queries_per_record']} -> "
            f"{bulk['queries_per_record']} (goal >= {GOAL_RATIO}x: {verdict})"
        )
    return "\n".join(lines)


def main():
    """Command line: ``--sizes 2000,20000 --out results.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--out")
    parser.add_argument("--log-dir", default=".cache/logs")
    parser.add_argument("--timeout", type=int, default=7200)
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        results += run_size(size, args.log_dir, args.timeout)
    print(report(results))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
