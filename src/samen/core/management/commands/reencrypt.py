from django.core.management.base import BaseCommand, CommandError

from samen.core import audit
from samen.core.crypto import DecryptionError
from samen.core.encryption_admin import reencrypt_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of SAMEN_DATA_KEYS and "
        "recompute blind indexes (after a key rotation)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: object, dry_run: bool, **options: object) -> None:
        try:
            counts = reencrypt_all(dry_run=dry_run)
        except DecryptionError as error:
            raise CommandError(str(error)) from None
        total = sum(counts.values())
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} rows")
        if not dry_run:
            audit.record(
                audit.AuditAction.KEY_ROTATION,
                actor_username="manage.py reencrypt",
                detail={"rows": total},
            )
        verb = "would be re-encrypted" if dry_run else "re-encrypted"
        self.stdout.write(self.style.SUCCESS(f"{total} rows {verb}."))
