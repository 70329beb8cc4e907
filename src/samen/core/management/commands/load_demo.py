from django.core.management.base import BaseCommand, CommandError

from samen.core import demo


class Command(BaseCommand):
    help = "Load the synthetic Noord-Veluwe demo data when the database is empty."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)

    def handle(self, *args: object, seed: int, **options: object) -> None:
        try:
            loaded = demo.load(seed)
        except demo.DemoRefused as error:
            raise CommandError(str(error)) from None
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded (seed {seed})."))
        else:
            self.stdout.write("The database already holds data; demo data left as it is.")
