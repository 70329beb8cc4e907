import base64
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from samen.core import demo


def current_code(secret_hex: str) -> str:
    return f"{totp(bytes.fromhex(secret_hex), step=30, digits=6, t0=0):06d}"


class Command(BaseCommand):
    help = "Print the demo logins, or with --code USER the current two-factor code of a demo user."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--code", metavar="USERNAME", help="print the current 6-digit code")
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)

    def handle(self, *args: object, code: str | None, seed: int, **options: object) -> None:
        if settings.SAMEN_ENV == "production":
            raise CommandError("Demo logins do not exist in production.")
        logins = {login.username: login for login in demo.logins(seed)}
        if code:
            login = logins.get(code)
            if login is None or login.totp_secret_hex is None:
                raise CommandError(f"{code!r} is not an enrolled demo user.")
            remaining = 30 - int(time.time()) % 30
            self.stdout.write(f"{current_code(login.totp_secret_hex)}  (valid {remaining} s more)")
            return
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD})")
        self.stdout.write(f"{'username':<18}{'role':<34}organisation")
        for login in logins.values():
            self.stdout.write(f"{login.username:<18}{login.role:<34}{login.organisation}")
        self.stdout.write("")
        self.stdout.write("Two-factor code for a demo user:   make code USER=coordinator")
        self.stdout.write("Or add a demo user to your authenticator app with its key:")
        for login in logins.values():
            if login.totp_secret_hex:
                key = base64.b32encode(bytes.fromhex(login.totp_secret_hex)).decode()
                self.stdout.write(f"  {login.username:<18}{key}")
        self.stdout.write("User 'nieuw' has no two-factor yet: log in to see the enrolment.")
        self.stdout.write("")
