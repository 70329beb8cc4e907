"""Samen settings: one module, driven by environment variables (see `samen.conf.env`).

Defaults serve the local demo on SQLite. `SAMEN_ENV=production` turns on every
protection that needs HTTPS and refuses to start without real secrets. A wrong value
raises `ConfigurationError`, which manage.py and the WSGI entry point print as one
sentence instead of a traceback.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from samen.conf.env import ConfigurationError, env, env_bool, env_int, env_list, parsed
from samen.conf.local_secrets import local_secret

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(
    env("SAMEN_VAR_DIR", default=str(BASE_DIR / "var"), help="Folder for local data and keys.")
    or ""
)


SAMEN_ENV = env(
    "SAMEN_ENV",
    default="development",
    help="'development' (local demo, generated keys) or 'production' (secrets required).",
)
if SAMEN_ENV not in {"development", "production"}:
    raise ConfigurationError(f"SAMEN_ENV must be 'development' or 'production', not {SAMEN_ENV!r}.")
_production = SAMEN_ENV == "production"
DEBUG = env_bool("DEBUG", default=False, help="Django debug pages; never in production.")
if _production and DEBUG:
    raise ConfigurationError("DEBUG must be false when SAMEN_ENV is production.")


def _secret(name: str, help_text: str, generate: str) -> str:
    value = env(name, default=None, help=help_text, secret=True)
    if value:
        return value
    if _production:
        raise ConfigurationError(f"{name} must be set when SAMEN_ENV is production.")
    return local_secret(VAR_DIR, name, generate)


SECRET_KEY = _secret("SECRET_KEY", "Django's signing key.", "token")
SAMEN_DATA_KEYS = _secret(
    "SAMEN_DATA_KEYS",
    "Field-encryption keys 'id:base64(32 bytes)', comma-separated; the first encrypts, "
    "all decrypt (rotation: put the new key first, then run `manage.py reencrypt`).",
    "data_keys",
)
SAMEN_INDEX_KEY = _secret(
    "SAMEN_INDEX_KEY",
    "Key of the keyed hashes (blind indexes) used for exact-match lookups.",
    "token",
)

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default="127.0.0.1,localhost", help="Host names this server answers to."
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", default="", help="Origins allowed to POST (behind a proxy)."
)

database_url = env(
    "DATABASE_URL",
    default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
    help="Database, e.g. postgres://user@host:5432/samen or sqlite:///path/db.sqlite3.",
)
database = parsed(
    "DATABASE_URL",
    database_url or "",
    lambda url: dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True),
    "a database URL such as postgres://user@host:5432/samen",
)
if database["ENGINE"] == "django.db.backends.sqlite3":
    if database["NAME"] and database["NAME"] != ":memory:":
        # A fresh checkout has no var/ yet; SQLite creates the file, not its folder.
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades.
    database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    database["CONN_MAX_AGE"] = 0
    database["TEST"] = {"NAME": None}
elif database["ENGINE"] != "django.db.backends.postgresql":
    raise ConfigurationError("DATABASE_URL must point to PostgreSQL or SQLite.")
DATABASES = {"default": database}

redis_url = env("REDIS_URL", default="", help="Redis for caches (optional; else built in).")
if redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        },
        "volatile": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "v",
        },
    }
else:
    CACHES = {
        # Shared between server processes, so lockout counts hold for all of them.
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samen_cache",
        },
        # Never persisted: for short-lived, salted rate-limit keys of anonymous users.
        "volatile": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "volatile",
        },
    }

SESSION_IDLE_MINUTES = env_int(
    "SAMEN_SESSION_IDLE_MINUTES", default=30, minimum=1, help="Log out after this idle time."
)
SESSION_MAX_HOURS = env_int(
    "SAMEN_SESSION_MAX_HOURS", default=10, minimum=1, help="Log out after this long, always."
)
LOCKOUT_ATTEMPTS = env_int(
    "SAMEN_LOCKOUT_ATTEMPTS", default=5, minimum=1, help="Failed logins before a lockout."
)
LOCKOUT_MINUTES = env_int(
    "SAMEN_LOCKOUT_MINUTES", default=15, minimum=1, help="How long a lockout lasts."
)
SAMEN_THEME = env(
    "SAMEN_THEME",
    default="samen/themes/default.css",
    help="Static path of the municipality's theme (NL Design System token overrides).",
)
SAMEN_SITE_NAME = env("SAMEN_SITE_NAME", default="Samen", help="Name in the header.")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="samen@localhost", help="Sender of notifications."
)
email_host = env("EMAIL_HOST", default="", help="SMTP server; empty prints mail to the console.")
email_options = {
    "port": env_int("EMAIL_PORT", default=587, help="SMTP port (STARTTLS)."),
    "username": env("EMAIL_HOST_USER", default="", help="SMTP user."),
    "password": env("EMAIL_HOST_PASSWORD", default="", help="SMTP password.", secret=True),
}
if email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": email_host, "use_tls": True, **email_options},
        }
    }
elif _production:
    raise ConfigurationError("EMAIL_HOST must be set when SAMEN_ENV is production.")
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# The address of this installation, for links in e-mails sent without a request at hand
# (scheduled reminders). Production must name its real HTTPS address.
SAMEN_BASE_URL = (
    env(
        "SAMEN_BASE_URL",
        default="http://127.0.0.1:8000",
        help="Address of this installation for links in e-mails, e.g. https://samen.gemeente.nl.",
    )
    or ""
).rstrip("/")
if _production and not SAMEN_BASE_URL.startswith("https://"):
    raise ConfigurationError(
        "SAMEN_BASE_URL must be set to the https:// address of this installation when "
        "SAMEN_ENV is production."
    )
SAMEN_EMERGENCY_ACCESS_HOURS = env_int(
    "SAMEN_EMERGENCY_ACCESS_HOURS",
    default=8,
    minimum=1,
    help="How long emergency access to a case lasts, in hours (at most 24).",
)
if SAMEN_EMERGENCY_ACCESS_HOURS > 24:
    # Emergency access bridges an emergency; anything longer needs a referral.
    raise ConfigurationError(
        f"SAMEN_EMERGENCY_ACCESS_HOURS must be at most 24, not {SAMEN_EMERGENCY_ACCESS_HOURS}."
    )

https = _production or env_bool(
    "SAMEN_HTTPS", default=False, help="Served over HTTPS (always true in production)."
)
SECURE_SSL_REDIRECT = https
SESSION_COOKIE_SECURE = https
CSRF_COOKIE_SECURE = https
SECURE_HSTS_SECONDS = 63_072_000 if https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = https
SECURE_HSTS_PRELOAD = https
if env_bool("SAMEN_BEHIND_PROXY", default=False, help="Trust X-Forwarded-Proto from a proxy."):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


INSTALLED_APPS = [
    "samen.core",
    "samen.intake",
    "samen.cases",
    "samen.persons",
    "samen.public",
    "samen.core.apps.SamenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "django_tasks_db",
    # Last: Django's own form templates, after the Utrecht overrides in samen.core.
    "django.forms",
]

MIDDLEWARE = [
    # First: strips client address, forwarding headers and user agent on /melden/.
    "samen.public.middleware.PublicPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samen.core.middleware.SessionLimitsMiddleware",
    "samen.core.middleware.RequireTwoFactorMiddleware",
    "samen.core.middleware.ActingOrganisationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samen.urls"
WSGI_APPLICATION = "samen.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FORM_RENDERER = "samen.core.forms_rendering.SamenFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samen.core.context_processors.samen",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "samen.core.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle timeout: the cookie lives SESSION_IDLE_MINUTES and every request renews it.
# The absolute limit is enforced by SessionLimitsMiddleware.
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "samen_session"
CSRF_COOKIE_NAME = "samen_csrf"
LANGUAGE_COOKIE_NAME = "samen_language"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Lockout by username only: no IP address or user agent is kept (privacy by design).
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = LOCKOUT_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(minutes=LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "samen.core.privacy.no_client_address"
AXES_CLIENT_STR_CALLABLE = "samen.core.privacy.username_only"
AXES_LOCKOUT_CALLABLE = "samen.core.views.auth.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# axes.W006 asks to lock out by IP address as well. Samen deliberately keeps no client
# addresses (privacy by design); lockout per username stops guessing at one account.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

OTP_TOTP_ISSUER = SAMEN_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "src" / "samen" / "locale"]
# The anonymous reporting channel (/melden/) speaks more languages than the staff pages;
# its translations live in src/samen/public/locale.
PUBLIC_LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("hu", "Magyar"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("ti", "ትግርኛ"),
    ("es", "Español"),
    ("pt", "Português"),
]
SAMEN_PUBLIC_DEFAULT_MUNICIPALITY = env(
    "SAMEN_PUBLIC_DEFAULT_MUNICIPALITY",
    default="",
    help="CBS code (e.g. GM0243) of the municipality that receives anonymous reports whose "
    "reporter does not know the place; empty: the first municipality of the first region.",
)
SAMEN_PUBLIC_EXIT_URL = env(
    "SAMEN_PUBLIC_EXIT_URL",
    default="https://www.weeronline.nl/",
    help="Neutral site that the quick-exit button of the anonymous channel leaves for.",
)
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Uploaded files (encrypted). Never served directly: downloads go through access checks.
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12_582_912

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Strict CSP: only our own origin; no inline script; inline styles are not needed either.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "samen": {"level": "INFO"},
        # The request logger would print client details on errors; Samen logs its own.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
