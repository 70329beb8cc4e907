"""Environment variables that document themselves.

Every setting Samen reads from the environment is declared here with a default that
works for the local demo and one line of help, so that `make run` needs none of them
and an operator can read in one place what a production installation must set.
A configuration mistake stops start-up with one plain sentence (see `ConfigurationError`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class ConfigurationError(Exception):
    """A setting is missing or wrong; the message is one sentence for the operator."""


@dataclass(frozen=True)
class Variable:
    name: str
    default: str | None
    help: str
    secret: bool = False


REGISTRY: dict[str, Variable] = {}


def env(
    name: str,
    *,
    default: str | None,
    help: str,
    secret: bool = False,
) -> str | None:
    """Read one variable; `default` is what the local demo uses when it is not set."""
    REGISTRY[name] = Variable(name, default, help, secret)
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, *, default: bool, help: str) -> bool:
    raw = env(name, default="true" if default else "false", help=help) or ""
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, *, default: int, help: str, minimum: int = 0) -> int:
    raw = env(name, default=str(default), help=help) or ""
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, *, default: str, help: str) -> list[str]:
    raw = env(name, default=default, help=help) or ""
    return [item.strip() for item in raw.split(",") if item.strip()]


def parsed(name: str, value: str, parse: Callable[[str], Any], what: str) -> Any:
    """Parse a value and turn any parser error into one sentence naming the variable."""
    try:
        return parse(value)
    except Exception as exc:
        raise ConfigurationError(f"{name} is not {what}: {exc}.") from None
