"""Background jobs of case work, run by the queue worker (`manage.py worker`)."""

from __future__ import annotations

from datetime import timedelta

from samen.cases import services
from samen.core.scheduling import periodic


@periodic(every=timedelta(days=1))
def task_reminders() -> int:
    """Daily: remind the owners of tasks near their deadline (each task once)."""
    # No request here: links in the e-mails use SAMEN_BASE_URL.
    return services.send_task_reminders()
