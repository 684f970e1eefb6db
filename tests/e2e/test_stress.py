"""``make stress``'s faults, on a small scale: 4 workers import 200 remote
partners sharing 10 categories not imported yet, in one job per partner,
while PostgreSQL terminates the connection of a running job and a worker
running a job is SIGKILLed (tools/stress.py).

The import asks for per-record jobs (``action_import_partners(bulk=False)``):
a first import would run as a single bulk job of 200 partners, and the
second fault would find no job left to hit.

Every job must end done once recovered, as the installed queue_job release
recovers: with 18.0.1, the job of the dead worker is requeued as its
operator would (the jobs started by a worker process that is gone); with
18.0.4, the job runner requeues it by itself. The job whose connection
was terminated is retried by the connector's runjob controller (a
termination that missed the job's work is done again on another job by
the tool). Nothing may be lost or duplicated.
"""

import os
from types import SimpleNamespace

import example_sync as flow
import pytest
import stress

PARTNERS = 200
CATEGORIES = 10


@pytest.fixture(scope="module")
def faults_run(sync):
    """A short stress run with two faults, on copies of the session's fresh
    databases: its ``figures``, and the ``connection_lost`` lines the local
    server logged for the job whose connection was terminated."""
    run = stress.Stress(f"example_e2e_stress_{os.getpid()}", workers=4)
    terminate = stress.ConnectionTermination()
    log = flow.LogWatch(run.local.log_path)
    try:
        run.prepare(templates=(sync.fresh_local_db, sync.fresh_remote_db))
        figures = stress.run_scenario(
            run,
            "faults",
            PARTNERS,
            CATEGORIES,
            [terminate, stress.WorkerKill()],
            bulk=False,
            requeue_interval=5,
            timeout=300,
        )
    finally:
        run.close(keep=os.environ.get("E2E_KEEP_DATABASES") == "1")
    print(stress.table([figures]))
    lost = log.lines(f"The database connection of job {terminate.uuid} was lost")
    return SimpleNamespace(figures=figures, connection_lost=lost)


def test_nothing_lost_nor_duplicated(faults_run):
    """Every remote partner and category bound once, every job done: the
    batch job and one job per partner."""
    figures = faults_run.figures
    assert figures.problems() == []
    assert figures.duplicates == 0
    assert figures.lost == 0
    assert figures.failed == 0
    # the seeded partners and the partner of the remote company, each in
    # its own job, and the batch job
    assert figures.partners == PARTNERS + 1
    assert figures.done == figures.jobs == PARTNERS + 2
    assert figures.categories == CATEGORIES


def test_both_faults_hit_a_running_job_and_recovered(faults_run):
    """The connection and the worker of a running job were killed; the
    job of each ended done."""
    figures = faults_run.figures
    names = [fault.name for fault in figures.faults]
    assert names == ["pg_terminate_backend", "SIGKILL of a worker"]
    for fault in figures.faults:
        assert fault.injected is not None, fault.describe()
        assert fault.recovered is not None, fault.describe()
    # the job of the killed worker was requeued (by this tool as an
    # operator, or by queue_job's runner), the terminated one postponed and
    # retried
    assert figures.requeued >= 1
    assert figures.postponed >= 1
    # the terminated connection was the job's own, in the middle of its
    # work: the connector's runjob controller retried it
    assert faults_run.connection_lost, "no retry of the terminated job logged"
