"""Photos are read into memory only: a plaintext copy never lands in a temporary file."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from samen.intake.attachments import MAX_BYTES

TOO_BIG = "_samen_public_upload_too_big"


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keeps each file in memory up to the attachment limit; a larger file is skipped."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.buffer.tell() + len(raw_data) > MAX_BYTES:
            setattr(self.request, TOO_BIG, True)
            self.buffer = io.BytesIO()
            raise SkipFile
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def use_memory_only(request: HttpRequest) -> None:
    # Already parsed by someone else (AttributeError): the default handlers applied.
    with contextlib.suppress(AttributeError):
        request.upload_handlers = [MemoryOnlyUploadHandler(request)]


def too_big(request: HttpRequest) -> bool:
    return bool(getattr(request, TOO_BIG, False))
