from django.core.management.base import BaseCommand, CommandError

from samen.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; report the first broken link."

    def handle(self, *args: object, **options: object) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at event #{report.broken_at}: {report.reason} "
                f"({report.checked} events before it are intact)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events."))
