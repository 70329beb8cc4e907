"""Nothing that identifies the reporter's device or connection is kept anywhere.

Requests carry distinctive client addresses, forwarding headers, a user agent and a
referrer through the whole channel (report, receipt, wrong and right codes, answer,
errors, quick exit); then the whole database (raw rows and decrypted fields), the
session store, uploaded files, the volatile cache and every log record are searched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import connection
from django.test import Client

from samen.core.models import Organisation
from samen.intake import attachments
from samen.intake.models import Attachment
from samen.public import middleware
from samen.public.tests.helpers import report
from samen.public.tests.test_flow import jpeg_with_exif

pytestmark = pytest.mark.django_db

CLIENT = {
    "REMOTE_ADDR": "203.0.113.199",
    "REMOTE_HOST": "host-203-0-113-199.example.net",
    "HTTP_X_FORWARDED_FOR": "198.51.100.77, 192.0.2.33",
    "HTTP_X_REAL_IP": "192.0.2.201",
    "HTTP_FORWARDED": "for=198.51.100.78;proto=https",
    "HTTP_CLIENT_IP": "192.0.2.202",
    "HTTP_TRUE_CLIENT_IP": "192.0.2.203",
    "HTTP_USER_AGENT": "Mozilla/5.0 (ZeldzaamToestel-QX9) Gecko",
    "HTTP_REFERER": "https://referrer.example/zq-geheime-pagina",
    "HTTP_SEC_CH_UA": '"ZeldzaamMerk";v="77"',
}
NEEDLES = [
    "203.0.113.199",
    "host-203-0-113-199",
    "198.51.100.77",
    "192.0.2.33",
    "192.0.2.201",
    "198.51.100.78",
    "192.0.2.202",
    "192.0.2.203",
    "ZeldzaamToestel",
    "zq-geheime-pagina",
    "ZeldzaamMerk",
]


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        parts = [record.getMessage(), repr(record.args)]
        request = getattr(record, "request", None)
        if request is not None:
            parts.append(repr(getattr(request, "META", "")))
        self.texts.append(" ".join(parts))


@pytest.fixture
def captured_logs() -> Iterator[Everything]:
    handler = Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(n) for n in ("django", "django.request", "django.db.backends")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    connection.force_debug_cursor = True  # every SQL statement and its parameters
    yield handler
    connection.force_debug_cursor = False
    for lg, level in zip(loggers, levels, strict=True):
        lg.setLevel(level)
    root.removeHandler(handler)
    root.setLevel(old_level)


def database_text() -> str:
    texts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            texts.extend(repr(row) for row in cursor.fetchall())
    # Encrypted columns are opaque above: read every model through its decrypting fields.
    for model in apps.get_models():
        for obj in model._default_manager.all():
            texts.extend(repr(getattr(obj, f.attname, "")) for f in model._meta.concrete_fields)
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        texts.append(repr(SessionStore().decode(session.session_data)))
    for attachment in Attachment.objects.all():
        texts.append(attachments.read(attachment).decode("latin-1"))
    return "\n".join(texts)


def files_text(root: Path) -> str:
    if not root.exists():
        return ""
    return "\n".join(p.read_bytes().decode("latin-1") for p in root.rglob("*") if p.is_file())


def test_no_client_details_anywhere(
    harderwijk: Organisation, captured_logs: Everything, settings: Any
) -> None:
    from samen.core.models import Role
    from samen.core.tests.factories import user_with_role, verified_client

    client = Client(**CLIENT)
    client.get("/melden/")
    client.get("/melden/stap/where/")  # out of order: sent back to step 1
    client.post("/melden/stap/about/", {"who": "", "description": ""})  # errors
    code = report(client, harderwijk, photo=jpeg_with_exif())
    client.post("/melden/volgen/", {"code": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"})
    client.post("/melden/volgen/", {"code": code})
    staff = verified_client(user_with_role(Role.COORDINATOR))
    from samen.intake.models import Signal

    reference = Signal.objects.get().reference
    staff.post(f"/signalen/triage/{reference}/bericht/", {"text": "Dank u. Waar precies?"})
    client.get("/melden/volgen/gesprek/")
    client.post("/melden/volgen/gesprek/", {"text": "In de kas.", "photo": jpeg_with_exif()})
    client.get("/melden/bestaat-niet/")  # a 404 is logged by Django
    client.put("/melden/")  # a 405 as well
    client.get("/melden/weg/")

    haystacks = {
        "database": database_text(),
        "logs": "\n".join(captured_logs.texts),
        "files": files_text(Path(settings.MEDIA_ROOT)),
        "cache": repr(caches["volatile"]._cache),  # type: ignore[attr-defined]
    }
    assert captured_logs.texts, "the log capture saw nothing: the test would prove nothing"
    assert "Not Found" in haystacks["logs"]
    for where, text in haystacks.items():
        for needle in NEEDLES:
            assert needle not in text, f"{needle!r} found in the {where}"


def test_middleware_strips_before_the_view(harderwijk: Organisation) -> None:
    meta = {**CLIENT, "HTTP_X_FORWARDED_HOST": "x", "HTTP_ACCEPT_LANGUAGE": "pl"}
    middleware.strip_identifying(meta)
    assert meta["REMOTE_ADDR"] == ""
    assert set(meta) == {"REMOTE_ADDR", "HTTP_ACCEPT_LANGUAGE"}


def test_staff_pages_are_not_touched(harderwijk: Organisation) -> None:
    # Outside /melden/ nothing changes (staff security keeps its own headers).
    response = Client(**CLIENT).get("/account/login/")
    assert response["Referrer-Policy"] == settings.SECURE_REFERRER_POLICY


def test_cross_site_posts_are_refused(harderwijk: Organisation) -> None:
    client = Client()
    refused = client.post("/melden/stap/about/", {}, HTTP_SEC_FETCH_SITE="cross-site")
    assert refused.status_code == 403
    refused = client.post("/melden/stap/about/", {}, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    # Browsers send Origin: null under Referrer-Policy: no-referrer; that is our own form.
    allowed = client.post(
        "/melden/stap/about/", {}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert allowed.status_code == 200
