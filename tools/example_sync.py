"""The example connector's synchronization, driven from outside: databases,
remote data, backend configuration, and what the synchronization left.

Shared by ``make demo`` (tools/demo_sync.py) and the end-to-end suite
(tests/e2e). The servers are driven over XML-RPC (:class:`odoo_harness.RPC`),
the local database is read with SQL for the figures. It expects the
environment ``tools/common.sh`` prepares (see :mod:`odoo_harness`).
"""

import contextlib
import random
import threading
from collections import Counter
from dataclasses import dataclass, field

import odoo_harness

#: The addons of each database: the remote one is a bare Odoo.
LOCAL_MODULES = ("connector_example_odoo",)
REMOTE_MODULES = ("base",)

#: The example's models, as ``examples/connector_example_odoo/backend.py``
#: names them (that module imports Odoo: these scripts drive Odoo from
#: outside and cannot import it; the end-to-end suite fails on a mismatch).
BACKEND = "example.odoo.backend"
PARTNER = "example.odoo.res.partner"
CATEGORY = "example.odoo.res.partner.category"
#: The remote partners the connector synchronizes (the adapter's domain).
SYNCHRONIZED_PARTNERS = [("user_ids", "=", False)]
#: Options making the local server log each job postponed by a
#: RetryableJobError (queue_job writes it at DEBUG level).
POSTPONE_LOG_ARGS = ("--log-handler", "odoo.addons.queue_job.controllers.main:DEBUG")
POSTPONED = " postponed"
#: The names of the partners :func:`seed_remote` creates start with it.
SEEDED_NAME = "Example Partner "

_CITIES = [
    ("Brussels", "1000", "BE"),
    ("Namur", "5000", "BE"),
    ("Lyon", "69001", "FR"),
    ("Berlin", "10115", "DE"),
    ("Madrid", "28001", "ES"),
    ("Fremont", "94538", "US"),
]


def create_databases(local_db, remote_db, log_dir):
    """Drop and create both databases, installing their addons in parallel
    (one ``odoo -i`` process each).

    :raise odoo_harness.HarnessError: when an installation fails (the
        message names its log)
    """
    jobs = [
        (local_db, LOCAL_MODULES, f"{log_dir}/install-{local_db}.log"),
        (remote_db, REMOTE_MODULES, f"{log_dir}/install-{remote_db}.log"),
    ]
    errors = []

    def install(dbname, modules, log_path):
        try:
            odoo_harness.drop_database(dbname)
            odoo_harness.install_modules(dbname, list(modules), log_path)
        except odoo_harness.HarnessError as err:
            errors.append(err)

    threads = [threading.Thread(target=install, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


@dataclass
class Seed:
    """What :func:`seed_remote` created in the remote database."""

    category_ids: list
    partner_ids: list
    #: partners sharing the first category (imported concurrently)
    sharing_partners: int


def seed_remote(rpc, partners=60, categories=8, seed=18):
    """Create ``categories`` categories and ``partners`` partners in the
    remote database, deterministic for a ``seed``.

    Every second partner has the first category (many partners sharing a
    new category, imported at the same time), plus up to two others; every
    tenth has no email (the connector adds a checkpoint for those).

    :param rpc: an :class:`odoo_harness.RPC` of the remote database
    :return: a :class:`Seed`
    """
    rng = random.Random(seed)
    category_ids = rpc(
        "res.partner.category",
        "create",
        [
            [
                {
                    "name": "Shared by many" if i == 0 else f"Category {i:02d}",
                    "color": i % 12,
                }
                for i in range(categories)
            ]
        ],
    )
    countries = _country_ids(rpc)
    values = [_partner_values(i, rng, category_ids, countries) for i in range(partners)]
    partner_ids = []
    for start in range(0, len(values), 100):
        partner_ids += rpc("res.partner", "create", [values[start : start + 100]])
    return Seed(
        category_ids=category_ids,
        partner_ids=partner_ids,
        sharing_partners=sum(1 for i in range(partners) if i % 2 == 0),
    )


def _country_ids(rpc):
    """``{country code: id}`` of the countries of :data:`_CITIES`."""
    codes = sorted({code for __, __, code in _CITIES})
    return {
        country["code"]: country["id"]
        for country in rpc(
            "res.country",
            "search_read",
            [[("code", "in", codes)]],
            {"fields": ["code"]},
        )
    }


def _partner_values(i, rng, category_ids, countries):
    """The values of the ``i``-th seeded partner (see :func:`seed_remote`)."""
    city, zip_code, code = _CITIES[i % len(_CITIES)]
    k = min(rng.randint(0, 2), len(category_ids) - 1)
    tags = rng.sample(category_ids[1:], k=k)
    if i % 2 == 0:
        tags.append(category_ids[0])
    return {
        "name": f"{SEEDED_NAME}{i + 1:04d}",
        "email": False if i % 10 == 9 else f"partner{i + 1:04d}@example.com",
        "phone": f"+32 2 {rng.randint(100, 999)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        "street": f"{rng.randint(1, 200)} Example Street",
        "city": city,
        "zip": zip_code,
        "country_id": countries.get(code, False),
        "is_company": i % 4 == 0,
        "category_id": [(6, 0, sorted(tags))],
    }


def create_backend(
    rpc,
    remote_url,
    remote_db,
    name="Remote Odoo",
    login="admin",
    password="admin",
    version="18.0",
    timeout=10,
):
    """Create a backend of the example connector; returns its id."""
    return rpc(
        BACKEND,
        "create",
        [
            {
                "name": name,
                "version": version,
                "location": remote_url,
                "database": remote_db,
                "login": login,
                "password": password,
                "timeout": timeout,
            }
        ],
    )


def set_retry_pattern(rpc, pattern):
    """Give every job function of the example's channel the retry pattern
    ``pattern`` (e.g. ``"{1: 2, 3: 4}"``: seconds before retry 1, 2, 3...)."""
    channel_ids = rpc(
        "queue.job.channel",
        "search",
        [[("complete_name", "=", "root.connector_example")]],
    )
    function_ids = rpc(
        "queue.job.function", "search", [[("channel_id", "in", channel_ids)]]
    )
    for function_id in function_ids:
        # queue_job parses the edited pattern one function at a time
        rpc(
            "queue.job.function",
            "write",
            [[function_id], {"edit_retry_pattern": pattern}],
        )
    return function_ids


def remote_partners(rpc, fields=("name", "email", "phone", "category_id", "active")):
    """The remote partners the connector synchronizes, by id."""
    records = rpc(
        "res.partner",
        "search_read",
        [SYNCHRONIZED_PARTNERS],
        {"fields": list(fields), "context": {"active_test": False}},
    )
    return {record["id"]: record for record in records}


def remote_categories(rpc):
    """The remote categories, by id."""
    records = rpc(
        "res.partner.category",
        "search_read",
        [[]],
        {"fields": ["name"], "context": {"active_test": False}},
    )
    return {record["id"]: record for record in records}


def _rows(dbname, query, params=()):
    with (
        contextlib.closing(odoo_harness.pg_connect(dbname)) as conn,
        conn.cursor() as cr,
    ):
        cr.execute(query, params)
        return cr.fetchall()


@dataclass
class SyncState:
    """The local side of a synchronization compared with the remote one.

    ``missing_*``/``extra_*``: remote ids without binding, bindings whose
    remote id is not a synchronized remote record; ``duplicate_*``: the
    bindings, or local categories, in excess of one per remote record, and
    the local partners sharing the name of a seeded partner (names
    :func:`seed_remote` makes unique);
    ``different``: bound partners whose name, email or phone differ from
    the remote partner's.
    """

    partner_bindings: int
    category_bindings: int
    remote_partners: int
    remote_categories: int
    missing_partners: list
    extra_partners: list
    missing_categories: list
    duplicate_partner_bindings: int
    duplicate_category_bindings: int
    duplicate_categories: dict
    different: list = field(default_factory=list)
    checkpoints: int = 0
    duplicate_partners: dict = field(default_factory=dict)

    @property
    def duplicates(self):
        """Every duplicate found (must be 0)."""
        return (
            self.duplicate_partner_bindings
            + self.duplicate_category_bindings
            + sum(count - 1 for count in self.duplicate_categories.values())
            + sum(count - 1 for count in self.duplicate_partners.values())
        )


def _duplicate_seeded_partners(local_db):
    """``{name: count}`` of the seeded partners' names found more than once
    in ``local_db``."""
    return dict(
        _rows(
            local_db,
            "SELECT name, count(*) FROM res_partner WHERE name LIKE %s "
            "GROUP BY 1 HAVING count(*) > 1",
            (f"{SEEDED_NAME}%",),
        )
    )


def sync_state(local_db, backend_id, remote_rpc):
    """Compare the bindings of ``backend_id`` in ``local_db`` with the
    remote database; returns a :class:`SyncState`."""
    remote = remote_partners(remote_rpc)
    categories = remote_categories(remote_rpc)
    partner_rows = _rows(
        local_db,
        "SELECT b.external_id, b.odoo_id, p.name, p.email, p.phone "
        "FROM example_odoo_res_partner b JOIN res_partner p ON p.id = b.odoo_id "
        "WHERE b.backend_id = %s",
        (backend_id,),
    )
    category_rows = _rows(
        local_db,
        "SELECT external_id, odoo_id FROM example_odoo_res_partner_category "
        "WHERE backend_id = %s",
        (backend_id,),
    )
    duplicate_names = _rows(
        local_db,
        "SELECT name->>'en_US', count(*) FROM res_partner_category "
        "GROUP BY 1 HAVING count(*) > 1",
    )
    checkpoints = _rows(
        local_db,
        "SELECT count(*) FROM connector_checkpoint WHERE backend_id = %s",
        (f"{BACKEND},{backend_id}",),
    )[0][0]
    bound = {int(row[0]): row for row in partner_rows if row[0]}
    different = [
        external_id
        for external_id, (__, __, name, email, phone) in bound.items()
        if external_id in remote
        and (name, email or False, phone or False)
        != (
            remote[external_id]["name"],
            remote[external_id]["email"] or False,
            remote[external_id]["phone"] or False,
        )
    ]
    bound_categories = {int(row[0]) for row in category_rows if row[0]}
    return SyncState(
        partner_bindings=len(partner_rows),
        category_bindings=len(category_rows),
        remote_partners=len(remote),
        remote_categories=len(categories),
        missing_partners=sorted(set(remote) - set(bound)),
        extra_partners=sorted(set(bound) - set(remote)),
        missing_categories=sorted(set(categories) - bound_categories),
        duplicate_partner_bindings=len(partner_rows)
        - len({row[0] for row in partner_rows}),
        duplicate_category_bindings=len(category_rows)
        - len({row[0] for row in category_rows}),
        duplicate_categories=dict(duplicate_names),
        different=different,
        checkpoints=checkpoints,
        duplicate_partners=_duplicate_seeded_partners(local_db),
    )


@dataclass
class JobStats:
    """The queue jobs of a phase of the synchronization."""

    rows: list

    def count(self, state=None, method=None):
        """Number of jobs in ``state`` (any when ``None``) of ``method``."""
        return sum(
            1
            for row in self.rows
            if (state is None or row["state"] == state)
            and (method is None or row["method_name"] == method)
        )

    @property
    def by_state(self):
        """Counter of the jobs per state."""
        return Counter(row["state"] for row in self.rows)

    @property
    def retried(self):
        """The jobs run more than once: ``retry`` counts the runs (a run
        postponed without counting, like a lock taken by another job, is not
        one)."""
        return [row for row in self.rows if row["retry"] > 1]

    @property
    def failed(self):
        """The failed jobs."""
        return [row for row in self.rows if row["state"] == "failed"]


def job_stats(local_db, since_id=0):
    """The :class:`JobStats` of the jobs created after job ``since_id``."""
    return JobStats(odoo_harness.job_rows(local_db, since_id=since_id))


class LogWatch:
    """Counts lines of a server log written since it was created (e.g. the
    jobs postponed by a RetryableJobError, see :data:`POSTPONE_LOG_ARGS`)."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as log:
                self.offset = log.seek(0, 2)
        except FileNotFoundError:
            self.offset = 0

    def lines(self, needle):
        """The new lines containing ``needle``."""
        try:
            with open(self.path, "rb") as log:
                log.seek(self.offset)
                text = log.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return []
        return [line for line in text.splitlines() if needle in line]

    def postponed(self):
        """Number of jobs postponed (RetryableJobError) since the watch
        began."""
        return len(self.lines(POSTPONED))
