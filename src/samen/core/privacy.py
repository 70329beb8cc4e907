"""Hooks that keep client addresses and browser details out of storage and logs."""

from __future__ import annotations

from django.http import HttpRequest


def no_client_address(request: HttpRequest) -> None:
    """django-axes: lock out by username only, so no IP address is ever stored."""
    return None


def username_only(
    username: str, ip_address: str, user_agent: str, path_info: str, request: HttpRequest
) -> str:
    """django-axes: its log lines name the username and nothing about the client."""
    return f"username={username!r}"
