"""Throttling of wrong receipt codes and of new reports, without knowing who tries.

No client address, user agent or cookie is used: there is nothing per person to count.
Counters live only in the `volatile` cache (memory, or Redis when configured) under keys
that are HMACs with a random salt made when the process starts, so even the cache holds
no receipt lookup in the clear and a restart forgets every key. Two limits apply to
codes: per code (its lookup group) and for the whole channel, so that guessing is slow
whether one report or many are tried. Each server process has its own salt and counters;
with N processes an attacker gets N times the allowance, which changes nothing against
a 100-bit secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.core.cache import caches

_SALT = secrets.token_bytes(32)

# Wrong codes for one lookup group before that code is paused, and for how long.
FAILURES_PER_CODE = 5
CODE_WINDOW_SECONDS = 15 * 60
# Wrong codes for the whole channel per window; beyond it every check waits.
FAILURES_GLOBAL = 100
GLOBAL_WINDOW_SECONDS = 10 * 60
# New reports for the whole channel per window (a flood must not bury real reports).
REPORTS_GLOBAL = 200
REPORTS_WINDOW_SECONDS = 10 * 60


def _cache():  # type: ignore[no-untyped-def]
    return caches["volatile"]


def _key(*parts: str) -> str:
    digest = hmac.new(_SALT, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()
    return f"public:{digest[:40]}"


def _window(seconds: int) -> str:
    return str(int(time.time()) // seconds)


def _count(key: str) -> int:
    return int(_cache().get(key, 0))


def _increment(key: str, timeout: int) -> None:
    cache = _cache()
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)


def code_blocked(lookup: str) -> bool:
    """Too many wrong tries for this code, or for the whole channel, just now."""
    if _count(_key("global", _window(GLOBAL_WINDOW_SECONDS))) >= FAILURES_GLOBAL:
        return True
    return _count(_key("code", lookup)) >= FAILURES_PER_CODE


def record_failure(lookup: str) -> None:
    _increment(_key("global", _window(GLOBAL_WINDOW_SECONDS)), GLOBAL_WINDOW_SECONDS)
    _increment(_key("code", lookup), CODE_WINDOW_SECONDS)


def forget(lookup: str) -> None:
    """A right code clears the count of that code (not the global one)."""
    _cache().delete(_key("code", lookup))


def report_allowed() -> bool:
    key = _key("reports", _window(REPORTS_WINDOW_SECONDS))
    if _count(key) >= REPORTS_GLOBAL:
        return False
    _increment(key, REPORTS_WINDOW_SECONDS)
    return True
