#!/usr/bin/env python
"""Django's command-line utility for Samen."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    from django.core.management import execute_from_command_line

    from samen.conf.env import ConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        sys.stderr.write(f"Samen cannot start: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
