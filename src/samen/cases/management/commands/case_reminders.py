"""Remind task owners of deadlines now. The worker does this daily by itself
(samen.cases.tasks.task_reminders); this command is for a manual run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samen.cases import services


class Command(BaseCommand):
    help = "Notify the owners of open case tasks near their deadline (once per task)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="Address of this Samen installation for the link in the e-mail "
            "(default: SAMEN_BASE_URL).",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        count = services.send_task_reminders(base_url=base_url)
        self.stdout.write(f"{count} task reminder(s) sent.")
