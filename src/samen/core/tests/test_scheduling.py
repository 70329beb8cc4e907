"""Periodic jobs: each run enqueues the next one once; restarts do not double them."""

from __future__ import annotations

import signal
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from samen.core import scheduling

# Transactional: the worker closes connections that are inside a transaction (PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True)
RUNS: list[int] = []


@scheduling.periodic(every=timedelta(hours=6), register=False)
def tick() -> int:
    RUNS.append(1)
    return len(RUNS)


@scheduling.periodic(every=timedelta(hours=6), register=False)
def broken() -> None:
    raise RuntimeError("planned failure")


TICK = scheduling.Periodic(tick, timedelta(hours=6))
BROKEN = scheduling.Periodic(broken, timedelta(hours=6))


def run_worker_once() -> None:
    """What `db_worker --batch` does: run every due task, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()


def test_a_run_enqueues_exactly_one_next_run_after_the_interval() -> None:
    RUNS.clear()
    assert scheduling.ensure_scheduled([TICK]) == 1
    run_worker_once()
    assert RUNS == [1]
    (done,) = DBTaskResult.objects.filter(task_path=TICK.path, status=TaskResultStatus.SUCCESSFUL)
    (next_run,) = scheduling.pending(TICK)
    assert next_run.run_after >= done.finished_at + timedelta(hours=6) - timedelta(minutes=1)
    # Not due yet: another pass of the worker runs nothing.
    run_worker_once()
    assert RUNS == [1]


def test_restarts_keep_exactly_one_pending_run() -> None:
    RUNS.clear()
    for _ in range(3):
        scheduling.ensure_scheduled([TICK])
        run_worker_once()
    assert RUNS == [1]
    assert scheduling.pending(TICK).count() == 1
    # Duplicates left by an older version or a crash are cleaned up at start.
    tick.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    tick.using(run_after=timezone.now() + timedelta(days=2)).enqueue()
    assert scheduling.ensure_scheduled([TICK]) == 0
    assert scheduling.pending(TICK).count() == 1


def test_a_failing_run_still_schedules_the_next() -> None:
    scheduling.ensure_scheduled([BROKEN])
    run_worker_once()
    assert DBTaskResult.objects.filter(task_path=BROKEN.path, status="FAILED").count() == 1
    assert scheduling.pending(BROKEN).count() == 1


def test_the_worker_command_schedules_registered_jobs_before_its_loop(capsys: Any) -> None:
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        for _ in range(2):
            call_command("worker", batch=True, reload=False, startup_delay=False, interval=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    for job in scheduling.REGISTRY.values():
        assert scheduling.pending(job).count() == 1
        assert DBTaskResult.objects.filter(task_path=job.path, status="SUCCESSFUL").count() == 1
