"""Start-up with a wrong configuration stops with one sentence; production checks pass."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SAMEN_", "DATABASE_URL"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def production_env(**extra: str) -> dict[str, str]:
    env = {
        "SAMEN_ENV": "production",
        "SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "SAMEN_DATA_KEYS": f"p1:{base64.b64encode(os.urandom(32)).decode()}",
        "SAMEN_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
        "ALLOWED_HOSTS": "samen.example.nl",
        "EMAIL_HOST": "smtp.example.nl",
        "SAMEN_BASE_URL": "https://samen.example.nl",
    }
    env.update(extra)
    return env


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"DATABASE_URL": "mysql-ish:/nonsense"}, "DATABASE_URL is not a database URL"),
        ({"DATABASE_URL": "oracle://u@h/db"}, "DATABASE_URL"),
        (production_env(SECRET_KEY=""), "SECRET_KEY must be set when SAMEN_ENV is production."),
        (production_env(SAMEN_DATA_KEYS=""), "SAMEN_DATA_KEYS must be set"),
        ({"SAMEN_ENV": "staging"}, "SAMEN_ENV must be 'development' or 'production'"),
        ({"SAMEN_SESSION_IDLE_MINUTES": "ten"}, "must be a whole number"),
        (production_env(DEBUG="true"), "DEBUG must be false"),
        (production_env(EMAIL_HOST=""), "EMAIL_HOST must be set"),
        (production_env(SAMEN_BASE_URL=""), "SAMEN_BASE_URL must be set to the https://"),
        ({"SAMEN_EMERGENCY_ACCESS_HOURS": "48"}, "SAMEN_EMERGENCY_ACCESS_HOURS must be at most"),
    ],
)
def test_wrong_configuration_stops_with_one_sentence(env: dict[str, str], sentence: str) -> None:
    result = manage("check", **env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert sentence in result.stderr
    assert result.stderr.startswith("Samen cannot start:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr


def test_configuration_doc_lists_every_variable() -> None:
    from samen.core.management.commands.show_config import configuration_markdown

    documented = (ROOT / "docs" / "configuration.md").read_text()
    assert documented == configuration_markdown(), (
        "run: python manage.py show_config > docs/configuration.md"
    )
