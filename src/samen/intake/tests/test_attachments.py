"""Attachments: judged by content, photos without metadata, encrypted at rest, need-to-know."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import municipality, user_with_role, verified_client
from samen.intake import attachments
from samen.intake.models import Attachment
from samen.intake.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 20.0, 0.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photo_metadata_is_removed_and_the_file_is_encrypted() -> None:
    original = jpeg_with_gps()
    assert b"SecretCam" in original
    attachment = attachments.add(make_signal(None), None, name="IMG_0001.jpg", data=original)
    with default_storage.open(attachment.file.name, "rb") as handle:
        stored = handle.read()
    assert b"SecretCam" not in stored
    assert b"\xff\xd8\xff" not in stored[:64]  # not a readable JPEG on disk
    clean = attachments.read(attachment)
    assert b"SecretCam" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (40, 30)
        assert not image.getexif()
    assert attachment.content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg|empty"),
        (b"MZ\x90\x00 this is an executable", "alleen foto|Only photos"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "beschadigd|damaged"),
        (b"%PDF-1.4 truncated without end", "alleen foto|Only photos"),
        (b"<html><script>alert(1)</script></html>", "alleen foto|Only photos"),
    ],
)
def test_disguised_or_broken_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(attachments.AttachmentError, match=message):
        attachments.clean(data)


def test_too_large_is_refused_before_reading_it_as_an_image() -> None:
    with pytest.raises(attachments.AttachmentError, match="10 MB"):
        attachments.clean(b"\xff\xd8\xff" + b"0" * attachments.MAX_BYTES)


def test_reporter_adds_a_photo_and_only_the_coordinator_downloads_it() -> None:
    reporter = user_with_role(Role.REPORTER)
    signal = make_signal(reporter)
    client = verified_client(reporter)
    url = reverse("intake:reporter_attach", kwargs={"reference": signal.reference})
    response = client.post(
        url, {"file": SimpleUploadedFile("foto.jpg", jpeg_with_gps(), "image/jpeg")}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    download = reverse(
        "intake:attachment_download", kwargs={"reference": signal.reference, "pk": attachment.pk}
    )
    assert client.get(download).status_code == 403  # reporters never download
    coordinator = user_with_role(Role.COORDINATOR)
    response = verified_client(coordinator).get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment;" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="intake.attachment", actor=coordinator
    ).exists()
    other_place = user_with_role(
        Role.COORDINATOR, municipality("Ermelo", "GM0233"), username="ermelo"
    )
    assert verified_client(other_place).get(download).status_code == 404


def test_refused_upload_keeps_the_page_and_says_why() -> None:
    reporter = user_with_role(Role.REPORTER)
    signal = make_signal(reporter)
    response = verified_client(reporter).post(
        reverse("intake:reporter_attach", kwargs={"reference": signal.reference}),
        {"file": SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 evil", "image/jpeg")},
    )
    assert response.status_code == 200
    assert "alleen foto" in response.text or "Only photos" in response.text
    assert not Attachment.objects.exists()
