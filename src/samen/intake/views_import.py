"""The spreadsheet import, in steps: upload, columns, check (dry run), import, result.

Views stay thin: reading and checking live in importer.py. Between steps the uploaded
file is kept encrypted under a random name in the default storage, and the step's state
(its name, the mapping) encrypted in the session; the file is removed after the import,
on cancel, on a new upload, and after a day at the latest.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from samen.core import audit, crypto
from samen.core.access import Permission, requires
from samen.intake import importer

SESSION_KEY = "samen_intake_import"
STATE_CONTEXT = "session.intake_import"
FOLDER = "imports"
KEEP_FILES = timedelta(days=1)
ROWS_PER_PAGE = 100


# --- state between steps -------------------------------------------------------------


def _file_context(path: str) -> str:
    return f"import:{path}"


def _load_state(request: HttpRequest) -> dict[str, Any]:
    token = request.session.get(SESSION_KEY)
    if not token:
        return {}
    try:
        return json.loads(crypto.decrypt(token, context=STATE_CONTEXT))
    except (crypto.DecryptionError, ValueError):
        return {}


def _save_state(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = crypto.encrypt(json.dumps(state), context=STATE_CONTEXT)


def _drop_file(state: dict[str, Any]) -> None:
    path = state.get("path")
    if path and default_storage.exists(path):
        default_storage.delete(path)


def _remove_stale_files() -> None:
    """Files of imports that were never finished or cancelled (a closed browser tab)."""
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - KEEP_FILES
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:  # removed by a parallel request meanwhile
            continue


def _keep_file(data: bytes) -> str:
    path = f"{FOLDER}/{uuid.uuid4().hex}"
    blob = crypto.encrypt_bytes(data, context=_file_context(path))
    return default_storage.save(path, ContentFile(blob))


def _table(request: HttpRequest) -> tuple[dict[str, Any], importer.Table | None]:
    """The state and the uploaded table, or an empty table when the upload is gone."""
    state = _load_state(request)
    path = state.get("path")
    if not path or not default_storage.exists(path):
        return state, None
    with default_storage.open(path, "rb") as handle:
        blob = handle.read()
    try:
        data = crypto.decrypt_bytes(blob, context=_file_context(path))
        return state, importer.read_table(data)
    except (crypto.DecryptionError, importer.ImportFileError):
        return state, None


def _start_again(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Upload the file first."))
    return redirect("intake:import_upload")


# --- uploads never touch the disk unencrypted ---------------------------------------


class CappedMemoryUpload(MemoryFileUploadHandler):
    """Keep the upload in memory whatever its size, but never more than the limit.

    Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file in plain
    text; this handler keeps them in memory instead and stops storing at MAX_BYTES + 1,
    so the view can say 'too large' without anyone's memory filling up.
    """

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        self.activated = True

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self.received = 0
        super().new_file(*args, **kwargs)  # raises StopFutureHandlers: no temporary file

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        room = importer.MAX_BYTES + 1 - self.received
        if room > 0:
            self.file.write(raw_data[:room])
        self.received += len(raw_data)
        return None

    def file_complete(self, file_size: int) -> Any:
        upload = super().file_complete(min(file_size, importer.MAX_BYTES + 1))
        if upload is not None:
            upload.size = self.received
        return upload


# --- forms -----------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A CSV or Excel (.xlsx) file of at most 5 MB and 5,000 rows. The first row holds "
            "the column names. Nothing is saved until you choose to import."
        ),
        error_messages={
            "required": gettext_lazy("Choose a file first."),
            "empty": gettext_lazy("The file is empty."),
        },
    )


class MappingForm(forms.Form):
    """One select per target field, listing the file's columns."""

    def __init__(
        self, *args: Any, headers: list[str], needs_municipality: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.needs_municipality = needs_municipality
        choices = [("", _("(not in the file)")), *((str(i), h) for i, h in enumerate(headers))]
        required = {
            "description": _("Choose the column with the description."),
            "municipality": _(
                "You coordinate more than one municipality: choose the column that names it."
            ),
        }
        if not needs_municipality:
            del required["municipality"]  # the one municipality they coordinate is used
        for target in importer.TARGETS:
            self.fields[target.name] = forms.ChoiceField(
                label=target.label,
                choices=choices,
                required=target.name in required,
                error_messages={"required": required.get(target.name, "")},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        used: dict[str, str] = {}
        for target in importer.TARGETS:
            column = data.get(target.name)
            if not column:
                continue
            if column in used:
                self.add_error(
                    target.name,
                    _("This column is already chosen for '%(other)s'.")
                    % {"other": importer.TARGETS_BY_NAME[used[column]].label},
                )
            else:
                used[column] = target.name
        return data

    def mapping(self) -> dict[str, int | None]:
        return {
            t.name: int(self.cleaned_data[t.name]) if self.cleaned_data.get(t.name) else None
            for t in importer.TARGETS
        }


# --- views -----------------------------------------------------------------------------


@csrf_exempt  # checked by csrf_protect below, after the upload handler is set
@requires(Permission.IMPORT_SIGNALS)
@never_cache
def import_upload(request: HttpRequest) -> HttpResponse:
    # The handler must be chosen before anything reads the request body (CSRF does).
    request.upload_handlers = [CappedMemoryUpload(request)]
    return _upload(request)


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB. Split it into smaller files."))
        else:
            data = upload.read()
            try:
                importer.read_table(data)
            except importer.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                _drop_file(_load_state(request))
                _remove_stale_files()
                _save_state(request, {"path": _keep_file(data), "mapping": None})
                return redirect("intake:import_mapping")
    return render(request, "intake/import_upload.html", {"form": form})


@requires(Permission.IMPORT_SIGNALS)
@never_cache
def import_mapping(request: HttpRequest) -> HttpResponse:
    state, table = _table(request)
    if table is None:
        return _start_again(request)
    scope = importer.Scope.of(request.membership)
    mapping = state.get("mapping") or importer.guess_mapping(table.headers)
    initial = {k: "" if v is None else str(v) for k, v in mapping.items()}
    form = MappingForm(
        request.POST or None,
        initial=initial,
        headers=table.headers,
        needs_municipality=scope.default is None,
    )
    if request.method == "POST" and form.is_valid():
        state["mapping"] = form.mapping()
        _save_state(request, state)
        return redirect("intake:import_review")
    examples = [
        (header, [row[i] for row in table.rows[:3]]) for i, header in enumerate(table.headers)
    ]
    return render(
        request,
        "intake/import_mapping.html",
        {"form": form, "row_count": len(table.rows), "examples": examples},
    )


@requires(Permission.IMPORT_SIGNALS)
@never_cache
def import_review(request: HttpRequest) -> HttpResponse:
    state, table = _table(request)
    if table is None:
        return _start_again(request)
    if not state.get("mapping"):
        return redirect("intake:import_mapping")
    mapping = {k: v for k, v in state["mapping"].items() if k in importer.TARGETS_BY_NAME}
    dry_run = importer.check_rows(table, mapping, importer.Scope.of(request.membership))
    counts = {
        "new": dry_run.count("new"),
        "exists": dry_run.count("exists"),
        "error": dry_run.count("error"),
        "repeated": dry_run.count("repeated"),
    }
    problem = ""
    if request.method == "POST":
        problem = _import(request, state, dry_run, counts)
        if not problem:
            return redirect("intake:import_done")
    else:
        audit.record_request(
            request, audit.AuditAction.VIEW, purpose="spreadsheet import dry run", detail=counts
        )
    show = request.GET.get("show", "all")
    rows = dry_run.rows
    if show == "problems":
        rows = [r for r in rows if r.status in {"error", "repeated"}]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/import_review.html",
        {
            "page": page,
            "counts": counts,
            "show": show,
            "fingerprint": dry_run.fingerprint(),
            "problem": problem,
        },
        status=400 if problem else 200,
    )


def _import(
    request: HttpRequest, state: dict[str, Any], dry_run: importer.DryRun, counts: dict[str, int]
) -> str:
    """Import when the coordinator confirms what they saw; else say what is wrong."""
    if request.POST.get("fingerprint") != dry_run.fingerprint():
        return _("The check has changed since you looked at it. Look at it again and confirm.")
    if not counts["new"]:
        return _("There are no new rows to import.")
    if counts["error"] and request.POST.get("skip_errors") != "1":
        return _(
            "Some rows have errors. Correct the file and upload it again, or tick that the "
            "rows with errors are skipped."
        )
    try:
        result = importer.import_rows(dry_run, request.membership)
    except importer.ImportConflict:
        return _(
            "Someone imported some of these rows at the same time. Nothing was saved; "
            "look at the check again."
        )
    _drop_file(state)
    _save_state(
        request,
        {
            "done": {
                "created": result.created,
                "existing": result.existing,
                "skipped": result.skipped,
            }
        },
    )
    return ""


@requires(Permission.IMPORT_SIGNALS)
def import_done(request: HttpRequest) -> HttpResponse:
    done = _load_state(request).get("done")
    if not done:
        return _start_again(request)
    return render(request, "intake/import_done.html", {"done": done})


@require_POST
@requires(Permission.IMPORT_SIGNALS)
def import_cancel(request: HttpRequest) -> HttpResponse:
    _drop_file(_load_state(request))
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("The import was cancelled and the file removed."))
    return redirect("intake:import_upload")
