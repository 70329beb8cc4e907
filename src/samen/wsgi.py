"""WSGI entry point (gunicorn samen.wsgi)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from samen.conf.env import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")

try:
    application = get_wsgi_application()
except ConfigurationError as error:
    sys.stderr.write(f"Samen cannot start: {error}\n")
    raise SystemExit(2) from None
