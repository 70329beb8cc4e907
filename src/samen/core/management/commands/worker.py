"""The queue worker with periodic jobs: `manage.py worker` (started by `make run`).

Before the loop of django-tasks-db's `db_worker` starts, every registered periodic job
gets exactly one pending run (samen.core.scheduling), so restarts do not double them.
All options of `db_worker` apply.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from samen.core import scheduling


class Command(DbWorkerCommand):
    help = "Run the background queue, with every periodic job scheduled once."

    def handle(self, *args: Any, **options: Any) -> None:
        enqueued = scheduling.ensure_scheduled()
        if options.get("verbosity", 1) > 0:
            self.stdout.write(
                f"{len(scheduling.REGISTRY)} periodic job(s), {enqueued} newly scheduled."
            )
        super().handle(*args, **options)
