"""Attachments: type checked by content, images re-encoded without metadata, stored encrypted."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from samen.core import audit, crypto
from samen.core.models import Membership
from samen.intake.models import Attachment, Signal

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


class AttachmentError(ValueError):
    """The file is refused; the message says why, for the user."""


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str


def _clean_image(data: bytes) -> CleanFile:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format or ""
            if fmt not in IMAGE_FORMATS:
                raise AttachmentError(_("Only JPEG and PNG photos are accepted."))
            image.load()
            # A fresh image from the pixels alone: EXIF, GPS, XMP and comments are left behind.
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P" and image.getpalette():
                clean.putpalette(image.getpalette())
            out = io.BytesIO()
            clean.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise AttachmentError(
            _("This file is damaged or is not the photo it claims to be.")
        ) from None
    return CleanFile(out.getvalue(), IMAGE_FORMATS[fmt])


def clean(data: bytes) -> CleanFile:
    """Accept JPEG, PNG and PDF, judged by content, never by name or browser type."""
    if not data:
        raise AttachmentError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise AttachmentError(_("The file is larger than 10 MB."))
    if data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return _clean_image(data)
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
        return CleanFile(data, "application/pdf")
    raise AttachmentError(_("Only photos (JPEG, PNG) and PDF documents can be added."))


def context_for(attachment_name: str) -> str:
    return f"attachment:{attachment_name}"


@transaction.atomic
def add(signal: Signal, membership: Membership | None, *, name: str, data: bytes) -> Attachment:
    cleaned = clean(data)
    path = f"attachments/{uuid.uuid4().hex}"
    stored = default_storage.save(
        path, ContentFile(crypto.encrypt_bytes(cleaned.content, context=context_for(path)))
    )
    attachment = Attachment.objects.create(
        signal=signal,
        file=stored,
        original_name=name[:200] or "bestand",
        content_type=cleaned.content_type,
        size=len(cleaned.content),
    )
    audit.record(
        audit.AuditAction.CREATE,
        actor=membership.user if membership else None,
        organisation=membership.organisation if membership else None,
        obj=attachment,
        purpose="attachment added",
    )
    return attachment


def read(attachment: Attachment) -> bytes:
    with default_storage.open(attachment.file.name, "rb") as handle:
        return crypto.decrypt_bytes(handle.read(), context=context_for(attachment.file.name))
