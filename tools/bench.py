"""`make bench`: the cost per record of the connector's import pipeline, next
to what Odoo itself costs for the same records.

Run by tools/bench.sh on a fresh database where ``test_connector_bench`` is
installed. Every scenario runs in its own transaction, rolled back at the
end; scenarios are interleaved (A B C ... then ... C B A), rounds repeated,
and the medians reported, so that a noisy machine shifts all of them alike.
Prints a table per size and writes the raw numbers as JSON.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time

import odoo_harness

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

PARTNER = "bench.res.partner"
INDUSTRY = "bench.res.partner.industry"
INDUSTRIES = 20
LOOKUP_BINDINGS = 100_000
LOOKUPS = 2_000
JOBS = 200


def boot(dbname):
    """Load the registry of ``dbname`` (Odoo configured from the PG*
    variables and CONNECTOR_ADDONS_PATH)."""
    config.parse_config(odoo_harness.odoo_options())
    odoo.modules.module.initialize_sys_path()
    return Registry(dbname)


def external_records(size, generation=0):
    """Deterministic external partners (and industries), as the adapter
    returns them; ``generation`` changes every value (for updates)."""
    rng = random.Random(42 + generation)
    # generation 0 is older than the bindings' sync date, generation 1 newer
    stamp = f"2026-0{1 + generation}-01 00:00:00"
    partners = {}
    for index in range(size):
        external_id = f"P{index}"
        partners[external_id] = {
            "id": external_id,
            "name": f"Partner {index} g{generation}",
            "email": f"partner{index}.g{generation}@example.com",
            "phone": f"+32 {rng.randrange(10**8, 10**9)}",
            "street": f"{rng.randrange(1, 500)} Rue {generation}",
            "city": rng.choice(["Brussels", "Lyon", "Lausanne", "Namur"]),
            "zip": str(rng.randrange(1000, 9999)),
            "industry": f"I{index % INDUSTRIES}",
            "updated_at": stamp,
        }
    industries = {
        f"I{index}": {
            "id": f"I{index}",
            "name": f"Industry {index}",
            "full_name": f"Bench industry {index}",
            "updated_at": "2026-01-01 00:00:00",
        }
        for index in range(INDUSTRIES)
    }
    return {PARTNER: partners, INDUSTRY: industries}


class Scenario:
    """A measured operation: ``prepare(env)`` (untimed, same transaction)
    then ``run(env, state)`` (timed); the result is per record."""

    def __init__(self, name, run, prepare=None, records=None):
        self.name = name
        self.run = run
        self.prepare = prepare or (lambda env: None)
        self.records = records


def backend_cpu_seconds(cr):
    """CPU seconds used so far by the PostgreSQL backend serving ``cr``
    (read from /proc: the server runs on this machine)."""
    cr.execute("SELECT pg_backend_pid()")
    with open(f"/proc/{cr.fetchone()[0]}/stat", encoding="ascii") as stat:
        # the fields after the command name; utime and stime are 14th, 15th
        fields_ = stat.read().rsplit(")", 1)[1].split()
    return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")


def measure(registry, scenario, count):
    """Run one scenario in a transaction rolled back.

    :return: per record: wall µs, queries, and CPU µs (this process plus its
        database backend: unlike wall time, barely moved by other programs
        competing for the cores)
    """
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            state = scenario.prepare(env)
            env.flush_all()
            env.invalidate_all()
            server_cpu = backend_cpu_seconds(cr)
            queries = cr.sql_log_count
            cpu = time.process_time()
            start = time.perf_counter()
            scenario.run(env, state)
            env.flush_all()
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - cpu
            queries = cr.sql_log_count - queries
            cpu += backend_cpu_seconds(cr) - server_cpu
        finally:
            cr.rollback()
    per = scenario.records or count
    return elapsed * 1e6 / per, queries / per, cpu * 1e6 / per


def run_rounds(registry, scenarios, rounds, count):
    """Run the scenarios interleaved, the order flipped every round; the
    medians per scenario."""
    samples = {scenario.name: [] for scenario in scenarios}
    for round_ in range(rounds):
        order = scenarios if round_ % 2 == 0 else scenarios[::-1]
        for scenario in order:
            samples[scenario.name].append(measure(registry, scenario, count))
        print(f"  {count} records: round {round_ + 1}/{rounds} done", file=sys.stderr)
    return {
        name: {
            "us_per_record": statistics.median(s[0] for s in values),
            "queries_per_record": statistics.median(s[1] for s in values),
            "cpu_us_per_record": statistics.median(s[2] for s in values),
            "samples": values,
        }
        for name, values in samples.items()
    }


def create_fixture(registry):
    """Committed once: a backend, its industries bound, and
    ``LOOKUP_BINDINGS`` partner bindings to look up (inserted with SQL: a
    fixture, not a measure).

    :return: ``(backend id, {industry external id: industry id}, (lowest,
        highest) partner id of the lookup bindings)``
    """
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        backend = env["bench.backend"].create({"name": "Bench"})
        industries = env["res.partner.industry"].create(
            [{"name": f"Industry {i}"} for i in range(INDUSTRIES)]
        )
        env[INDUSTRY].create(
            [
                {
                    "odoo_id": industry.id,
                    "backend_id": backend.id,
                    "external_id": f"I{i}",
                    "sync_date": "2026-06-01 00:00:00",
                }
                for i, industry in enumerate(industries)
            ]
        )
        env.flush_all()
        cr.execute(
            """
            WITH partner AS (
                INSERT INTO res_partner (name, active, type, create_date, write_date)
                SELECT 'Lookup ' || g, true, 'contact', now(), now()
                FROM generate_series(1, %s) AS g
                RETURNING id
            )
            INSERT INTO bench_res_partner
                (odoo_id, backend_id, external_id, sync_date, create_date, write_date)
            SELECT id, %s, 'L' || id, now(), now(), now() FROM partner
            """,
            (LOOKUP_BINDINGS, backend.id),
        )
        cr.execute("ANALYZE res_partner")
        cr.execute("ANALYZE bench_res_partner")
        cr.execute(
            "SELECT min(odoo_id), max(odoo_id) FROM bench_res_partner "
            "WHERE external_id LIKE 'L%%'"
        )
        lookup_range = cr.fetchone()
        cr.commit()
        industry_ids = {f"I{i}": industry.id for i, industry in enumerate(industries)}
        return backend.id, industry_ids, lookup_range


def raw_vals(record, backend_id, industry_ids):
    """The values of a partner binding as the raw ORM paths create it."""
    return {
        "name": record["name"],
        "email": record["email"],
        "phone": record["phone"],
        "street": record["street"],
        "city": record["city"],
        "zip": record["zip"],
        "industry_id": industry_ids[record["industry"]],
        "origin": f"bench {record['id']}",
        "backend_id": backend_id,
        "external_id": record["id"],
        # before the changes of the update scenario, after the creation
        "sync_date": "2026-01-15 00:00:00",
    }


def size_scenarios(size, backend_id, industry_ids):
    """The scenarios whose cost grows with the number of records."""
    from odoo.addons.test_connector_bench.units import BenchAdapter

    data = external_records(size)
    changed = external_records(size, generation=1)
    records = list(data[PARTNER].values())

    def use_data(env):
        BenchAdapter.storage = data

    def raw_create(env, state):
        model = env[PARTNER]
        for record in records:
            model.create(raw_vals(record, backend_id, industry_ids))

    def raw_batch(env, state):
        env[PARTNER].create([raw_vals(r, backend_id, industry_ids) for r in records])

    def import_each(env, state):
        model = env[PARTNER]
        backend = env["bench.backend"].browse(backend_id)
        for record in records:
            model.import_record(backend, record["id"])

    def prepare_update(env):
        bindings = env[PARTNER].create(
            [raw_vals(r, backend_id, industry_ids) for r in records]
        )
        BenchAdapter.storage = changed
        return bindings

    def raw_update(env, bindings):
        for binding in bindings:
            vals = raw_vals(
                changed[PARTNER][binding.external_id], backend_id, industry_ids
            )
            del vals["origin"], vals["backend_id"], vals["external_id"]
            binding.write(vals)

    return [
        Scenario("raw create (floor)", raw_create, use_data),
        Scenario("raw batch create (floor)", raw_batch, use_data),
        Scenario(
            "raw create + 3 statements",
            statements_floor(records, backend_id, industry_ids),
            use_data,
        ),
        Scenario("importer create", import_each, use_data),
        Scenario("raw update (floor)", raw_update, prepare_update),
        Scenario("importer update", import_each, prepare_update),
        Scenario("bulk importer create", bulk_import(records, backend_id), use_data),
    ]


def bulk_import(records, backend_id):
    """A scenario run: the bulk importer on ``records``, 500 at a time."""
    from odoo.addons.connector.connector import ConnectorEnvironment
    from odoo.addons.connector.unit.synchronizer import BulkImporter

    def run(env, state):
        backend = env["bench.backend"].browse(backend_id)
        importer = ConnectorEnvironment(backend, PARTNER).get_connector_unit(
            BulkImporter
        )
        ids = [record["id"] for record in records]
        for start in range(0, len(ids), 500):
            importer.run(ids[start : start + 500])

    return run


def statements_floor(records, backend_id, industry_ids):
    """A scenario run: the raw create, each record preceded by the three
    statements the record importer cannot do without (its advisory lock,
    the lookup of the binding, the lookup of the dependency's binding),
    sent as plain SQL: the floor of an importer keeping its lock and
    lookups."""
    from odoo.addons.connector.connector import _advisory_lock_key

    lookup = "SELECT id, odoo_id, sync_date, external_version FROM {} " + (
        "WHERE external_id = %s AND backend_id = %s"
    )

    def run(env, state):
        model = env[PARTNER]
        cr = env.cr
        for record in records:
            cr.execute(
                "SELECT pg_try_advisory_xact_lock(%s)",
                (_advisory_lock_key(f"bench {record['id']}"),),
            )
            cr.fetchall()
            for table, external_id in (
                ("bench_res_partner", record["id"]),
                ("bench_res_partner_industry", record["industry"]),
            ):
                cr.execute(lookup.format(table), (external_id, backend_id))
                cr.fetchall()
            model.create(raw_vals(record, backend_id, industry_ids))

    return run


def fixed_scenarios(backend_id, lookup_range):
    """Lookups, writes and jobs: their cost does not depend on the size.

    :return: ``(scenarios, external ids looked up)``
    """
    from odoo.addons.connector.connector import Binder, ConnectorEnvironment
    from odoo.addons.connector.event import on_record_write

    rng = random.Random(7)
    hits = [f"L{rng.randint(*lookup_range)}" for __ in range(LOOKUPS)]

    def binder_of(env):
        backend = env["bench.backend"].browse(backend_id)
        return ConnectorEnvironment(backend, PARTNER).get_connector_unit(Binder)

    def lookup(env, state, unwrap=False):
        binder = binder_of(env)
        for external_id in hits:
            binder.to_internal(external_id, unwrap=unwrap).id  # noqa: B018

    def lookup_miss(env, state):
        binder = binder_of(env)
        for index in range(LOOKUPS):
            binder.to_internal(f"missing-{index}")

    def partners_to_write(env):
        return env["res.partner"].search([("name", "like", "Lookup ")], limit=LOOKUPS)

    def plain_write(env, partners):
        for index, partner in enumerate(partners):
            partner.write({"comment": f"written {index}"})

    def noop_consumer(env, model_name, record_id, vals):
        """A consumer doing nothing: the cost of listening."""

    def prepare_with_consumer(env):
        on_record_write.subscribe(noop_consumer, model_names="res.partner")
        return partners_to_write(env)

    def write_with_consumer(env, partners):
        try:
            plain_write(env, partners)
        finally:
            on_record_write.unsubscribe(noop_consumer, model_names="res.partner")

    scenarios = [
        Scenario("binder lookup (hit)", lookup, records=LOOKUPS),
        Scenario(
            "binder lookup unwrap (hit)",
            lambda env, state: lookup(env, state, unwrap=True),
            records=LOOKUPS,
        ),
        Scenario("binder lookup (miss)", lookup_miss, records=LOOKUPS),
        Scenario("write, no consumer", plain_write, partners_to_write, LOOKUPS),
        Scenario(
            "write, one consumer", write_with_consumer, prepare_with_consumer, LOOKUPS
        ),
    ]
    return scenarios + job_scenarios(backend_id), hits


def job_scenarios(backend_id):
    """Enqueue and run jobs: an import job, a job doing nothing, and the same
    imports without a job."""
    from odoo.addons.queue_job.job import Job
    from odoo.addons.test_connector_bench.units import BenchAdapter

    job_records = list(external_records(JOBS)[PARTNER].values())

    def use_job_data(env):
        BenchAdapter.storage = external_records(JOBS)

    def run_jobs(env, method, args):
        """Enqueue and run jobs as queue_job's controller does, without the
        HTTP request and the commits."""
        model = env[PARTNER]
        backend = env["bench.backend"].browse(backend_id)
        for record in job_records:
            delayed = getattr(model.with_delay(), method)(*args(backend, record))
            job = Job.load(env, delayed.uuid)
            job.set_started()
            job.store()
            job.perform()
            env.flush_all()
            job.set_done()
            job.store()
            env.flush_all()

    def import_jobs(env, state):
        run_jobs(env, "import_record", lambda backend, record: (backend, record["id"]))

    def noop_jobs(env, state):
        run_jobs(env, "bench_noop_job", lambda backend, record: ())

    def direct_imports(env, state):
        model = env[PARTNER]
        backend = env["bench.backend"].browse(backend_id)
        for record in job_records:
            model.import_record(backend, record["id"])

    return [
        Scenario("no-op job (enqueue+run)", noop_jobs, use_job_data, JOBS),
        Scenario("import job (enqueue+run)", import_jobs, use_job_data, JOBS),
        Scenario("import, no job", direct_imports, use_job_data, JOBS),
    ]


def main():
    """Parse the options, measure, write the JSON and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sizes", default="500,2000,8000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", required=True, help="JSON file of the results")
    options = parser.parse_args()
    registry = boot(options.db)
    backend_id, industry_ids, lookup_range = create_fixture(registry)
    results = {"rounds": options.rounds, "lookup_bindings": LOOKUP_BINDINGS}
    results["sizes"] = {}
    for size in [int(s) for s in options.sizes.split(",")]:
        results["sizes"][size] = run_rounds(
            registry,
            size_scenarios(size, backend_id, industry_ids),
            options.rounds,
            size,
        )
        # written after each size: a long run interrupted keeps what it measured
        with open(options.out, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=1)
    fixed, hits = fixed_scenarios(backend_id, lookup_range)
    results["fixed"] = run_rounds(registry, fixed, options.rounds, 1)
    with registry.cursor() as cr:
        cr.execute(
            "EXPLAIN SELECT id FROM bench_res_partner "
            "WHERE external_id = %s AND backend_id = %s",
            (hits[0], backend_id),
        )
        results["lookup_plan"] = [row[0] for row in cr.fetchall()]
    with open(options.out, "w", encoding="utf-8") as out:
        json.dump(results, out, indent=1)
    report(results)


#: {scenario: its floor} in the tables of the sizes
FLOORS = {
    "raw create (floor)": "raw create (floor)",
    "raw create + 3 statements": "raw create (floor)",
    "importer create": "raw create (floor)",
    "raw batch create (floor)": "raw batch create (floor)",
    "bulk importer create": "raw batch create (floor)",
    "raw update (floor)": "raw update (floor)",
    "importer update": "raw update (floor)",
}
#: {scenario: the highest ratio to its floor allowed} (issue 11, point 3)
GOALS = {"importer create": 1.10, "bulk importer create": 1.2}


def report(results):
    """Print the tables: µs and queries per record, ratio to the floor."""
    for size, rows in results["sizes"].items():
        report_size(size, rows, results["rounds"])
    report_goals(results)
    report_fixed(results)


def report_size(size, rows, rounds):
    """The table of one size: wall and CPU time per record, each with its
    ratio to the floor, and queries per record."""
    print(f"\nN = {size} records (median of {rounds} rounds)")
    print(
        f"{'scenario':<28}{'µs/record':>11}{'× floor':>9}"
        f"{'CPU µs/rec':>12}{'× floor':>9}{'queries/rec':>13}"
    )
    for name, row in rows.items():
        floor = rows[FLOORS[name]]
        print(
            f"{name:<28}{row['us_per_record']:>11.0f}"
            f"{row['us_per_record'] / floor['us_per_record']:>9.2f}"
            f"{row['cpu_us_per_record']:>12.0f}"
            f"{row['cpu_us_per_record'] / floor['cpu_us_per_record']:>9.2f}"
            f"{row['queries_per_record']:>13.2f}"
        )


def report_goals(results):
    """Each goal, met or missed at each size, on the CPU ratio (the one
    other programs barely move) and the wall-time ratio."""
    print("\nGoals (ratio to the floor: CPU / wall time)")
    for name, goal in GOALS.items():
        for size, rows in results["sizes"].items():
            floor = rows[FLOORS[name]]
            cpu = rows[name]["cpu_us_per_record"] / floor["cpu_us_per_record"]
            wall = rows[name]["us_per_record"] / floor["us_per_record"]
            verdict = "met" if cpu <= goal else "MISSED"
            print(
                f"  {name}, N = {size}: ×{cpu:.2f} / ×{wall:.2f} "
                f"(goal ≤ ×{goal:.2f}): {verdict}"
            )


def report_fixed(results):
    """The table of the lookups, writes and jobs."""
    fixed = results["fixed"]
    print(
        f"\nLookups ({results['lookup_bindings']:,} bindings), writes and jobs "
        f"(median of {results['rounds']} rounds)"
    )
    print(f"{'scenario':<28}{'µs/op':>12}{'queries/op':>13}{'ratio':>10}")
    ratios = {
        "write, one consumer": "write, no consumer",
        "binder lookup unwrap (hit)": "binder lookup (hit)",
    }
    for name, row in fixed.items():
        reference = ratios.get(name)
        ratio = (
            f"{row['us_per_record'] / fixed[reference]['us_per_record']:>10.2f}"
            if reference
            else f"{'':>10}"
        )
        print(
            f"{name:<28}{row['us_per_record']:>12.0f}"
            f"{row['queries_per_record']:>13.2f}{ratio}"
        )
    overhead = (
        fixed["import job (enqueue+run)"]["us_per_record"]
        - fixed["import, no job"]["us_per_record"]
    )
    noop = fixed["no-op job (enqueue+run)"]["us_per_record"]
    print(
        f"\nJob overhead of an import: {overhead:.0f} µs, a no-op job: {noop:.0f} µs "
        f"(× {overhead / noop:.2f})"
    )
    print("\nPlan of a binder lookup:")
    for line in results["lookup_plan"]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
