"""The example connector end to end: a remote Odoo, a local Odoo whose
queue_job runner and workers run the synchronization jobs (see conftest.py).

The tests share the two databases and run in the order of the file: the
first import, then changes on each side, an outage of the remote server,
deletions and bad input.
"""

import contextlib
import time
import xmlrpc.client

import example_sync as flow
import odoo_harness
import pytest

PARTNER = flow.PARTNER
CATEGORY = flow.CATEGORY


def assert_in_sync(state):
    """Every synchronized remote partner and category bound once, with the
    remote values, and nothing else."""
    assert state.missing_partners == []
    assert state.extra_partners == []
    assert state.missing_categories == []
    assert state.duplicates == 0, (
        state.duplicate_partner_bindings,
        state.duplicate_category_bindings,
        state.duplicate_categories,
    )
    assert state.different == []
    assert state.partner_bindings == state.remote_partners
    assert state.category_bindings == state.remote_categories


def assert_all_done(stats):
    """No job failed; a job retried ended done (queue_job retries on
    RetryableJobError only: any other exception fails the job at once)."""
    assert stats.failed == []
    assert stats.count() == stats.count("done")
    for row in stats.retried:
        assert row["state"] == "done"
        assert not row["exc_info"]
        assert not row["exc_name"]


@pytest.fixture(scope="module")
def first_import(sync):
    """The first import of every remote partner: (job stats, jobs
    postponed)."""
    return sync.run_jobs(lambda: sync.click("action_import_partners"))


def test_check_connection(sync):
    """The button says where it is connected, or what is wrong."""
    action = sync.click("action_check_connection")
    assert action["params"]["type"] == "success"
    assert action["params"]["message"].startswith(
        f"Connected over XML-RPC to Odoo 18.0 at {sync.remote.url}, database "
        f"'{sync.remote_db}', as 'admin'"
    )
    wrong = flow.create_backend(
        sync.local_rpc, sync.remote.url, sync.remote_db, name="Wrong", password="x"
    )
    with pytest.raises(xmlrpc.client.Fault) as info:
        sync.click("action_check_connection", backend_id=wrong)
    assert (
        f"Logging in on backend 'Wrong' ({sync.remote.url}, database "
        f"'{sync.remote_db}'): the login 'admin' or its password is refused"
        in info.value.faultString
    )


def test_first_import(sync, first_import):
    """Every remote partner and category imported exactly once, by one bulk
    job (the first import of the example goes in chunks of 200)."""
    stats, postponed = first_import
    assert_all_done(stats)
    state = sync.state()
    assert_in_sync(state)
    remote = flow.remote_partners(sync.remote_rpc)
    # the seeded partners and the partner of the remote company
    assert state.remote_partners == len(sync.seed.partner_ids) + 1 == len(remote)
    assert state.remote_categories == len(sync.seed.category_ids)
    assert stats.count("done", "import_batch") == 1
    assert stats.count("done", "import_chunk") == 1
    assert stats.count(method="import_record") == 0
    # imports are never exported back
    assert stats.count(method="export_record") == 0
    # a checkpoint for each partner without email
    assert state.checkpoints == sum(1 for r in remote.values() if not r["email"])
    # lock conflicts and concurrent bindings are retried, never failed
    assert postponed >= len(stats.retried)


def test_second_import_changes_nothing(sync, first_import):
    """An import right after the first one finds the same partners (the
    window overlaps the previous one) and leaves them as they are."""
    stats, __ = sync.run_jobs(lambda: sync.click("action_import_partners"))
    assert_all_done(stats)
    imported = stats.count(method="import_record")
    assert imported >= len(sync.seed.partner_ids)
    assert stats.count(method="export_record") == 0
    up_to_date = [r for r in stats.rows if "Already up to date" in (r["result"] or "")]
    assert len(up_to_date) == imported
    assert_in_sync(sync.state())


def test_local_changes_are_exported(sync, first_import):
    """Partners edited here are written to the remote database, once each;
    the import that follows does not send them back."""
    binding_ids = sync.local_rpc(PARTNER, "search", [[]], {"limit": 5, "order": "id"})
    bindings = sync.local_rpc(
        PARTNER, "read", [binding_ids, ["odoo_id", "external_id"]]
    )
    category_id = sync.local_rpc("res.partner.category", "create", [{"name": "Local"}])

    def edit():
        for i, binding in enumerate(bindings):
            values = {"email": f"edited{i}@example.com", "phone": f"+32 81 00 00 0{i}"}
            if i == 0:
                values["category_id"] = [(4, category_id)]
            sync.local_rpc("res.partner", "write", [[binding["odoo_id"][0]], values])
        # a change of a field that is not exported
        sync.local_rpc(
            "res.partner", "write", [[bindings[0]["odoo_id"][0]], {"comment": "x"}]
        )

    stats, __ = sync.run_jobs(edit)
    assert_all_done(stats)
    assert stats.count("done", "export_record") == 5
    assert stats.count() == 5
    remote = sync.remote_rpc(
        "res.partner",
        "read",
        [[int(b["external_id"]) for b in bindings], ["email", "phone", "category_id"]],
    )
    assert [r["email"] for r in remote] == [f"edited{i}@example.com" for i in range(5)]
    remote_local = sync.remote_rpc(
        "res.partner.category", "search", [[("name", "=", "Local")]]
    )
    assert len(remote_local) == 1
    assert remote_local[0] in remote[0]["category_id"]
    assert_in_sync(sync.state())

    stats, __ = sync.run_jobs(lambda: sync.click("action_import_partners"))
    assert_all_done(stats)
    assert stats.count(method="export_record") == 0
    assert_in_sync(sync.state())


def test_remote_changes_are_imported(sync, first_import):
    """Partners changed on the remote side are updated here, and not
    exported back."""
    remote_ids = sorted(flow.remote_partners(sync.remote_rpc))[-3:]
    sync.remote_rpc("res.partner", "write", [remote_ids, {"city": "Liège"}])
    for remote_id in remote_ids:
        sync.remote_rpc(
            "res.partner", "write", [[remote_id], {"name": f"Renamed {remote_id}"}]
        )
    stats, __ = sync.run_jobs(lambda: sync.click("action_import_partners"))
    assert_all_done(stats)
    assert stats.count(method="export_record") == 0
    names = sync.local_rpc(
        PARTNER,
        "search_read",
        [[("external_id", "in", [str(i) for i in remote_ids])]],
        {"fields": ["name", "city"]},
    )
    assert sorted(r["name"] for r in names) == [f"Renamed {i}" for i in remote_ids]
    assert {r["city"] for r in names} == {"Liège"}
    assert_in_sync(sync.state())


def test_remote_server_stopped_mid_run(sync, first_import):
    """The remote server stops once the batch job has enqueued the imports:
    they fail to connect, are retried (NetworkRetryableError) and all end
    done once it is back; nothing is lost or duplicated."""
    remote = flow.remote_partners(sync.remote_rpc)
    sync.remote_rpc("res.partner", "write", [list(remote), {"phone": "+1 555 0100"}])

    def import_with_outage():
        since = flow.odoo_harness.max_job_id(sync.local_db)
        sync.click("action_import_partners")
        sync.wait_for_job(since, "import_batch")
        sync.remote.stop()
        time.sleep(3)
        sync.remote.start()

    stats, postponed = sync.run_jobs(import_with_outage)
    assert_all_done(stats)
    assert stats.count(method="import_record") == len(remote)
    assert len(stats.retried) > 0
    assert postponed >= len(stats.retried)
    assert_in_sync(sync.state())


def test_remote_deletions(sync, first_import):
    """Partners deleted remotely lose their binding, are archived here and
    get a checkpoint; a deleted category loses its binding only."""
    before = sync.state()
    gone = sync.seed.partner_ids[:2]
    sync.remote_rpc("res.partner", "unlink", [gone])
    sync.remote_rpc("res.partner.category", "unlink", [sync.seed.category_ids[-1:]])

    stats, __ = sync.run_jobs(lambda: sync.click("action_check_deletions"))
    assert_all_done(stats)
    assert stats.count("done", "check_remote_deletions") == 2
    state = sync.state()
    assert_in_sync(state)
    assert state.partner_bindings == before.partner_bindings - 2
    assert state.checkpoints == before.checkpoints + 2
    archived = sync.local_rpc(
        "res.partner",
        "search_count",
        [[("active", "=", False), ("name", "like", "Example Partner")]],
    )
    assert archived == 2


def test_invalid_remote_partner(sync, first_import):
    """A remote partner without name: its job fails, naming the backend,
    the model and the external id, and leaves nothing behind (its new
    category included); the other imports are done."""
    category = sync.remote_rpc(
        "res.partner.category", "create", [{"name": "Only for the bad one"}]
    )
    bad = sync.remote_rpc(
        "res.partner",
        "create",
        [{"type": "other", "name": False, "category_id": [(6, 0, [category])]}],
    )
    try:
        stats, __ = sync.run_jobs(lambda: sync.click("action_import_partners"))
    finally:
        sync.remote_rpc("res.partner", "unlink", [[bad]])
        sync.remote_rpc("res.partner.category", "unlink", [[category]])
    assert len(stats.failed) == 1
    failed = stats.failed[0]
    assert failed["method_name"] == "import_record"
    assert failed["exc_name"] == "odoo.addons.connector.exception.InvalidDataError"
    assert failed["exc_message"] == (
        f"Invalid data in external id '{bad}' of {PARTNER} (backend "
        f"{flow.BACKEND}({sync.backend_id}) 'Remote Odoo'): the remote partner has "
        "no name"
    )
    assert failed["retry"] == 1
    assert stats.count("done") == stats.count() - 1
    assert sync.local_rpc(PARTNER, "search", [[("external_id", "=", str(bad))]]) == []
    assert (
        sync.local_rpc(CATEGORY, "search", [[("external_id", "=", str(category))]])
        == []
    )
    assert (
        sync.local_rpc(
            "res.partner.category", "search", [[("name", "=", "Only for the bad one")]]
        )
        == []
    )


def test_wrong_credentials_fail_at_once(sync, first_import):
    """The import of a backend with a wrong password fails without retry,
    naming the backend and what was done."""
    wrong = flow.create_backend(
        sync.local_rpc,
        sync.remote.url,
        sync.remote_db,
        name="Bad password",
        password="x",
    )
    stats, __ = sync.run_jobs(
        lambda: sync.click("action_import_partners", backend_id=wrong)
    )
    assert [row["method_name"] for row in stats.failed] == ["import_batch"]
    failed = stats.failed[0]
    assert failed["retry"] == 1
    assert (
        failed["exc_name"]
        == "odoo.addons.connector_example_odoo.exception.RemoteAuthenticationError"
    )
    # the batch import first reads the remote's latest change (its watermark)
    assert failed["exc_message"] == (
        "Reading the latest change of res.partner on backend 'Bad "
        f"password' ({sync.remote.url}, database '{sync.remote_db}'): the login "
        f"'admin' or its password is refused by the database '{sync.remote_db}'"
    )


def test_jsonrpc_version(sync, first_import):
    """The JSON-RPC version of the backend synchronizes the same way."""
    sync.local_rpc(
        flow.BACKEND, "write", [[sync.backend_id], {"version": "18.0-jsonrpc"}]
    )
    try:
        remote_ids = sorted(flow.remote_partners(sync.remote_rpc))[:3]
        sync.remote_rpc(
            "res.partner", "write", [remote_ids, {"email": "json@example.com"}]
        )
        stats, __ = sync.run_jobs(lambda: sync.click("action_import_partners"))
    finally:
        sync.local_rpc(flow.BACKEND, "write", [[sync.backend_id], {"version": "18.0"}])
    assert_all_done(stats)
    assert_in_sync(sync.state())


def test_remote_write_committed_after_a_concurrent_read(sync, first_import):
    """A remote transaction writes a partner, an import reads the partner
    before that transaction commits (it sees the previous version), then the
    transaction commits with a write date earlier than the import: the next
    run imports the change (a check on dates would have called it up to
    date for ever)."""
    bound = sync.local_rpc(
        PARTNER,
        "search_read",
        [[("backend_id", "=", sync.backend_id)], ["external_id"]],
        {"limit": 1, "order": "id"},
    )
    remote_id = int(bound[0]["external_id"])
    with contextlib.closing(odoo_harness.pg_connect(sync.remote_db)) as conn:
        conn.autocommit = False
        with conn.cursor() as cr:
            # what Odoo writes: the write date is the start of the transaction
            cr.execute(
                "UPDATE res_partner SET name = 'Written concurrently', "
                "write_date = now() AT TIME ZONE 'UTC' WHERE id = %s",
                (remote_id,),
            )
            time.sleep(1.5)
            result = sync.local_rpc(
                PARTNER, "import_record", [sync.backend_id, str(remote_id)]
            )
            assert "Already up to date" in result or "updated" in result, result
        conn.commit()
    stats, __ = sync.run_jobs(lambda: sync.click("action_import_partners"))
    assert_all_done(stats)
    binding_ids = sync.local_rpc(
        PARTNER, "search", [[("external_id", "=", str(remote_id))]]
    )
    binding = sync.local_rpc(PARTNER, "read", [binding_ids, ["name"]])[0]
    assert binding["name"] == "Written concurrently"
    assert_in_sync(sync.state())
