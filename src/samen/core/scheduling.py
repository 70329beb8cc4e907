"""Periodic background jobs on django.tasks, without cron or a second scheduler.

A periodic job is an ordinary task that, each time it runs, enqueues its own next run
with `run_after`. `ensure_scheduled()` (called by `manage.py worker` before the queue
loop starts) gives every registered job exactly one pending run, so a restart neither
loses the schedule nor doubles it. Apps register their jobs with `@periodic(every=...)`
in a module that their AppConfig.ready() imports; core names no app.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.tasks import Task, task
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    task: Task
    every: timedelta

    @property
    def path(self) -> str:
        return self.task.module_path


REGISTRY: dict[str, Periodic] = {}


def periodic(*, every: timedelta, register: bool = True) -> Callable[[Callable[[], Any]], Task]:
    """Decorator: a task without arguments that runs every `every` once scheduled.

    Its next run is enqueued when a run ends, also when the run fails, so that one
    error does not stop the schedule.
    """

    def decorator(func: Callable[[], Any]) -> Task:
        jobs: list[Periodic] = []  # filled below: the task must exist before its job

        @functools.wraps(func)
        def run() -> Any:
            try:
                return func()
            finally:
                schedule_next(jobs[0])

        jobs.append(Periodic(task(run), every))
        if register:
            REGISTRY[jobs[0].path] = jobs[0]
        return jobs[0].task

    return decorator


def pending(job: Periodic) -> Any:
    """The runs of this job waiting in the queue (the running one is not pending)."""
    return DBTaskResult.objects.filter(task_path=job.path, status=TaskResultStatus.READY)


@transaction.atomic
def schedule_next(job: Periodic, *, at: datetime | None = None) -> bool:
    """Enqueue the next run unless one is already waiting; True if one was enqueued."""
    # Locks the waiting rows so that two workers starting together do not both enqueue.
    if pending(job).select_for_update().exists():
        return False
    job.task.using(run_after=at or timezone.now() + job.every).enqueue()
    return True


def ensure_scheduled(jobs: Iterable[Periodic] | None = None) -> int:
    """Give each job exactly one pending run: enqueue a missing one (due now), remove
    surplus ones (kept: the earliest). Returns how many runs were enqueued."""
    enqueued = 0
    for job in REGISTRY.values() if jobs is None else jobs:
        with transaction.atomic():
            waiting = list(pending(job).select_for_update().order_by("run_after", "enqueued_at"))
            if not waiting:
                job.task.using(run_after=timezone.now()).enqueue()
                enqueued += 1
            elif len(waiting) > 1:
                DBTaskResult.objects.filter(pk__in=[r.pk for r in waiting[1:]]).delete()
                logger.warning("Removed %d duplicate runs of %s", len(waiting) - 1, job.path)
    return enqueued
