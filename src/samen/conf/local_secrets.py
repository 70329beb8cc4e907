"""Secrets for the local demo, generated once into the ignored `var/` folder.

Only used when SAMEN_ENV is development; production must provide every secret.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path


def _generate(kind: str) -> str:
    if kind == "data_keys":
        return "local1:" + base64.b64encode(os.urandom(32)).decode()
    return secrets.token_urlsafe(48)


def local_secret(var_dir: Path, name: str, kind: str) -> str:
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "secrets" / name.lower()
    if not path.exists():
        path.parent.mkdir(mode=0o700, exist_ok=True)
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(_generate(kind))
    return path.read_text().strip()
