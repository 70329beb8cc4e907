"""Spreadsheet import: dry run, idempotence, refusal of bad files and of other roles."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from samen.core.audit_models import AuditEvent
from samen.core.models import Membership, Organisation, OrganisationType, Role
from samen.core.tests.factories import municipality, region, user_with_role, verified_client
from samen.intake import codes, importer
from samen.intake.models import Signal, SignalPerson
from samen.intake.views_import import SESSION_KEY

pytestmark = pytest.mark.django_db

HEADERS = ["Datum", "Gemeente", "Soort locatie", "Vorm", "Omschrijving", "Leeftijd", "Naam"]
GOOD_ROWS: list[list[Any]] = [
    ["03-02-2025", "GM0243", "Hotel", "seksueel", "Vrouw wordt 's nachts opgehaald", 24, "Eva"],
    ["2025-02-04", "Harderwijk", "werkplek", "arbeid, crimineel", "Busje met arbeiders", "", ""],
]
HOSTILE = "<script>alert('x')</script><b>vet</b>"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def coordinator() -> Client:
    client = verified_client(user_with_role(Role.COORDINATOR, municipality()))
    # Assert on the English texts: the Dutch translation of new strings may not exist yet.
    client.cookies["samen_language"] = "en"
    return client


def csv_bytes(rows: list[list[Any]], headers: list[str] = HEADERS, delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("cp1252" if delimiter == ";" else "utf-8-sig")


def xlsx_bytes(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Client, data: bytes, name: str = "meldingen.csv") -> Any:
    return client.post(reverse("intake:import_upload"), {"file": SimpleUploadedFile(name, data)})


def review_after(client: Client, data: bytes, name: str = "meldingen.csv") -> Any:
    """Upload, accept the guessed columns, and open the dry run."""
    assert upload(client, data, name).url == reverse("intake:import_mapping")
    form = client.get(reverse("intake:import_mapping")).context["form"]
    mapping = {k: v for k, v in form.initial.items() if v != ""}
    response = client.post(reverse("intake:import_mapping"), mapping)
    assert response.status_code == 302, response.context["form"].errors
    return client.get(reverse("intake:import_review"))


def confirm(client: Client, review: Any, **extra: str) -> Any:
    return client.post(
        reverse("intake:import_review"), {"fingerprint": review.context["fingerprint"], **extra}
    )


def other_region_municipality() -> Organisation:
    elsewhere = region("Stedendriehoek")
    return Organisation.objects.create(
        name="Gemeente Apeldoorn",
        type=OrganisationType.MUNICIPALITY,
        municipality_code="GM0200",
        region=elsewhere,
    )


# --- reading and guessing ----------------------------------------------------------


def test_mapping_is_guessed_from_dutch_and_english_column_names() -> None:
    headers = ["Gemeente", "Leeftijd", "omschrijving ", "Phone number", "Geslacht", "Iets anders"]
    mapping = importer.guess_mapping(headers)
    assert mapping["municipality"] == 0
    assert mapping["age"] == 1
    assert mapping["description"] == 2
    assert mapping["phone"] == 3
    assert mapping["gender"] == 4
    assert mapping["address"] is None


def test_csv_delimiter_and_encoding_are_detected() -> None:
    semicolon = importer.read_table(
        "Gemeente;Omschrijving\nHarderwijk;Café in de straat\n".encode("cp1252")
    )
    comma = importer.read_table('\ufeffGemeente,Omschrijving\nHarderwijk,"Café, bar"\n'.encode())
    assert semicolon.headers == comma.headers == ["Gemeente", "Omschrijving"]
    assert semicolon.rows == [["Harderwijk", "Café in de straat"]]
    assert comma.rows == [["Harderwijk", "Café, bar"]]


def test_xlsx_is_read_with_typed_cells() -> None:
    table = importer.read_table(xlsx_bytes(GOOD_ROWS))
    assert table.headers == HEADERS
    assert table.rows[0][5] == 24


# --- checking values ---------------------------------------------------------------


def check(rows: list[list[Any]], headers: list[str] = HEADERS) -> importer.DryRun:
    table = importer.Table(headers=headers, rows=rows)
    membership = Membership.objects.filter(user__username="c-check").first()
    if membership is None:
        coordinator = user_with_role(Role.COORDINATOR, municipality(), username="c-check")
        membership = Membership.objects.get(user=coordinator)
    scope = importer.Scope.of(membership)
    with translation.override("en"):
        return importer.check_rows(table, importer.guess_mapping(headers), scope)


def test_good_rows_become_signal_input() -> None:
    dry = check(GOOD_ROWS)
    assert [r.status for r in dry.rows] == ["new", "new"]
    first, second = (r.data for r in dry.rows)
    assert first.municipality == municipality()
    assert first.location_type == codes.LocationType.HOTEL
    assert first.forms == [codes.ExploitationForm.SEXUAL]
    assert first.persons[0].age == 24
    assert first.persons[0].name == "Eva"
    assert second.forms == [codes.ExploitationForm.CRIMINAL, codes.ExploitationForm.LABOUR]
    assert dry.rows[0].received == date(2025, 2, 3)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("Leeftijd", "vijftien", "Row 2, column 'Leeftijd': 'vijftien' is not a whole number."),
        ("Leeftijd", "-3", "'-3' is not a whole number"),
        ("Leeftijd", "140", "between 0 and 110"),
        ("Omschrijving", "", "the description is empty"),
        ("Omschrijving", "x" * 5001, "use at most 5000 characters (now 5001)"),
        ("Omschrijving", "tekst \u202egnirts", "hidden characters that change its direction"),
        ("Omschrijving", "bel\x07l", "invisible control characters"),
        ("Naam", "n" * 201, "use at most 200 characters"),
        ("Datum", "gisteren", "'gisteren' is not a date"),
        ("Datum", "01-01-2999", "is in the future"),
        ("Datum", "01-01-1990", "is before 2000"),
        ("Gemeente", "Atlantis", "'Atlantis' is not a known municipality"),
        ("Gemeente", "", None),  # one municipality coordinated: it is the default
        ("Soort locatie", "maan", "'maan' is not a known type of location"),
        ("Vorm", "seksueel; <b>toveren</b>", "'<b>toveren</b>' is not a known form"),
    ],
)
def test_each_bad_value_gets_its_own_error(column: str, value: str, expected: str | None) -> None:
    row = list(GOOD_ROWS[0])
    row[HEADERS.index(column)] = value
    result = check([row]).rows[0]
    if expected is None:
        assert result.status == "new", result.errors
    else:
        assert result.status == "error"
        assert any(expected in e for e in result.errors), result.errors
        assert any(f"column '{column}'" in e for e in result.errors)


def test_several_errors_in_one_row_are_all_reported() -> None:
    row = ["morgen", "GM0243", "Hotel", "", "", "oud", ""]
    errors = check([row]).rows[0].errors
    assert len(errors) == 3
    assert {e.split("'")[1] for e in errors} == {"Datum", "Omschrijving", "Leeftijd"}


def test_age_and_age_group_must_agree_and_booleans_are_read() -> None:
    headers = ["Omschrijving", "Leeftijd", "Leeftijdsgroep", "Acuut gevaar", "Minderjarig"]
    dry = check(
        [
            ["a", "15", "12-15", "ja", "nee"],
            ["b", "30", "12-15", "nee", "nee"],
            ["c", "", "", "misschien", ""],
        ],
        headers,
    )
    ok, mismatch, unclear = dry.rows
    assert ok.status == "new"
    assert ok.data.immediate_danger
    assert ok.data.minor_involved
    assert "does not match the age 30" in mismatch.errors[0]
    assert "'misschien' is not yes or no" in unclear.errors[0]


def test_a_repeated_row_in_the_same_file_is_skipped() -> None:
    dry = check([GOOD_ROWS[0], GOOD_ROWS[1], list(GOOD_ROWS[0])])
    assert [r.status for r in dry.rows] == ["new", "new", "repeated"]
    assert "same as row 2" in dry.rows[2].errors[0]


# --- refused files -------------------------------------------------------------------


def zip_with(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


BOMB = b"zip bomb"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (PNG, "is not a CSV or Excel file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file (.xls)"),
        (zip_with({"mimetype": b"application/vnd.oasis.opendocument"}), "not an Excel workbook"),
        (
            zip_with({"[Content_Types].xml": b"<x/>", "xl/vbaProject.bin": b"macro"}),
            "contains macros",
        ),
        (
            BOMB,
            "unpacks to far too much data",
        ),
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"a;b\n" + b"1;2\n" * 1_400_000, "larger than 5 MB"),
        (("Omschrijving\n" + "x\n" * (importer.MAX_ROWS + 1)).encode(), "more than 5000 rows"),
        ((";".join(f"k{i}" for i in range(51)) + "\n1\n").encode(), "more than 50 columns"),
        (b"Omschrijving\n", "column names but no rows"),
        (b"\n\n", "first row must hold the column names"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data: bytes, expected: str) -> None:
    if data is BOMB:  # built only when needed: 110 MB of zeros, deflated to about 100 kB
        data = zip_with({"[Content_Types].xml": b"<x/>", "xl/bomb.xml": b"0" * 110_000_000})
    with (
        translation.override("en"),
        pytest.raises(importer.ImportFileError, match=re.escape(expected)),
    ):
        importer.read_table(data)


def test_a_png_renamed_to_xlsx_is_refused_in_the_form(coordinator: Client) -> None:
    response = upload(coordinator, PNG, "meldingen.xlsx")
    assert response.status_code == 200
    assert "is not a CSV or Excel file" in response.content.decode()
    assert SESSION_KEY not in coordinator.session


def test_a_huge_upload_is_refused_without_storing_it(coordinator: Client, tmp_path: Path) -> None:
    response = upload(coordinator, b"a;b\n" + b"1;2\n" * 1_500_000)
    assert "larger than 5 MB" in response.content.decode()
    assert not (tmp_path / "imports").exists()


# --- the steps through the views ------------------------------------------------------


def test_dry_run_shows_errors_per_row_and_column_and_saves_nothing(coordinator: Client) -> None:
    rows = [GOOD_ROWS[0], ["03-02-2025", "GM0243", "Hotel", "", "Iets", "vijftien", ""]]
    events_before = AuditEvent.objects.count()
    review = review_after(coordinator, csv_bytes(rows))
    assert review.status_code == 200
    html = review.content.decode()
    assert "Row 3, column &#x27;Leeftijd&#x27;: &#x27;vijftien&#x27; is not a whole number." in html
    assert review.context["counts"] == {"new": 1, "exists": 0, "error": 1, "repeated": 0}
    assert Signal.objects.count() == 0
    # Only the viewing of the dry run is logged, with counts.
    assert AuditEvent.objects.count() == events_before + 1
    # Errors need an explicit choice to skip them.
    refused = confirm(coordinator, review)
    assert refused.status_code == 400
    assert "Some rows have errors" in refused.content.decode()
    assert Signal.objects.count() == 0


def test_xlsx_import_creates_signals_once_and_again_creates_none(coordinator: Client) -> None:
    data = xlsx_bytes(GOOD_ROWS)
    review = review_after(coordinator, data, "meldingen.xlsx")
    assert review.context["counts"]["new"] == 2
    done = confirm(coordinator, review)
    assert done.url == reverse("intake:import_done")
    assert "2 signals were imported." in coordinator.get(done.url).content.decode()
    signals = Signal.objects.order_by("created_at")
    assert signals.count() == 2
    first = signals[0]
    assert first.channel == codes.Channel.IMPORT
    assert first.import_key
    assert first.created_at.date() == date(2025, 2, 3)
    assert first.persons.get().name == "Eva"

    # The same file again: every row already exists, nothing to import.
    again = review_after(coordinator, data, "meldingen.xlsx")
    assert again.context["counts"] == {"new": 0, "exists": 2, "error": 0, "repeated": 0}
    assert "Already imported" in again.content.decode()
    assert confirm(coordinator, again).status_code == 400
    # The same rows in a CSV with the columns in another order: still the same signals.
    reordered = [HEADERS[4], *HEADERS[:4], *HEADERS[5:]]
    rows = [[r[4], *r[:4], *r[5:]] for r in GOOD_ROWS]
    as_csv = review_after(coordinator, csv_bytes(rows, reordered, delimiter=","))
    assert as_csv.context["counts"]["exists"] == 2
    assert Signal.objects.count() == 2


def test_import_is_audited_with_counts_only(coordinator: Client) -> None:
    review = review_after(coordinator, csv_bytes(GOOD_ROWS))
    confirm(coordinator, review)
    event = AuditEvent.objects.filter(purpose="spreadsheet import").get()
    assert event.action == "create"
    assert event.detail == {"created": 2, "already_imported": 0, "skipped": 0}
    assert "Eva" not in str(event.detail) + event.object_label


def test_rows_with_errors_are_skipped_only_when_chosen(coordinator: Client) -> None:
    rows = [GOOD_ROWS[0], ["03-02-2025", "GM0243", "Hotel", "", "", "", ""]]
    review = review_after(coordinator, csv_bytes(rows))
    confirm(coordinator, review, skip_errors="1")
    assert Signal.objects.count() == 1


def test_out_of_scope_municipality_is_an_error(coordinator: Client) -> None:
    other_region_municipality()
    rows = [GOOD_ROWS[0], ["03-02-2025", "GM0200", "Hotel", "", "Iets", "", ""]]
    review = review_after(coordinator, csv_bytes(rows))
    assert review.context["counts"]["error"] == 1
    assert "you do not coordinate Gemeente Apeldoorn" in review.content.decode()
    confirm(coordinator, review, skip_errors="1")
    assert not Signal.objects.filter(municipality__municipality_code="GM0200").exists()


def test_regional_coordinator_must_map_the_municipality() -> None:
    municipality()
    partnership = Organisation.objects.create(
        name="Regio Noord-Veluwe", type=OrganisationType.REGIONAL_PARTNERSHIP, region=region()
    )
    municipality("Ermelo", "GM0233")
    client = verified_client(user_with_role(Role.COORDINATOR, partnership, username="regio"))
    client.cookies["samen_language"] = "en"
    upload(client, csv_bytes(GOOD_ROWS))
    response = client.post(reverse("intake:import_mapping"), {"description": "4"})
    assert "choose the column that names it" in response.content.decode()
    review = review_after(client, csv_bytes([*GOOD_ROWS, ["", "Ermelo", "", "", "Iets", "", ""]]))
    assert review.context["counts"] == {"new": 3, "exists": 0, "error": 0, "repeated": 0}


def test_hostile_html_is_stored_as_text_and_escaped(coordinator: Client) -> None:
    rows = [["03-02-2025", "GM0243", "Hotel", "", HOSTILE, "", "<img src=x onerror=alert(1)>"]]
    review = review_after(coordinator, csv_bytes(rows))
    html = review.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    confirm(coordinator, review)
    signal = Signal.objects.get()
    assert signal.description == HOSTILE
    detail = coordinator.get(
        reverse("intake:signal_detail", kwargs={"reference": signal.reference})
    )
    assert "<script>alert" not in detail.content.decode()
    assert "<img src=x" not in detail.content.decode()


def test_the_upload_is_kept_encrypted_and_removed_after_import(
    coordinator: Client, tmp_path: Path
) -> None:
    review = review_after(coordinator, csv_bytes(GOOD_ROWS))
    stored = list((tmp_path / "imports").iterdir())
    assert len(stored) == 1
    assert b"Vrouw" not in stored[0].read_bytes()
    assert b"Vrouw" not in str(coordinator.session.get(SESSION_KEY)).encode()
    confirm(coordinator, review)
    assert list((tmp_path / "imports").iterdir()) == []


def test_cancel_removes_the_file(coordinator: Client, tmp_path: Path) -> None:
    upload(coordinator, csv_bytes(GOOD_ROWS))
    coordinator.post(reverse("intake:import_cancel"))
    assert list((tmp_path / "imports").iterdir()) == []
    assert coordinator.get(reverse("intake:import_review")).url == reverse("intake:import_upload")


def test_a_failure_halfway_saves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    coordinator = user_with_role(Role.COORDINATOR, municipality(), username="c-fail")
    membership = Membership.objects.get(user=coordinator)
    dry = importer.check_rows(
        importer.Table(HEADERS, [list(r) for r in GOOD_ROWS]),
        importer.guess_mapping(HEADERS),
        importer.Scope.of(membership),
    )

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    # The signals are written first; the persons after them fail.
    monkeypatch.setattr(SignalPerson.objects, "bulk_create", disk_full)
    events = AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        importer.import_rows(dry, membership)
    assert Signal.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_changed_check_must_be_looked_at_again(coordinator: Client) -> None:
    review = review_after(coordinator, csv_bytes(GOOD_ROWS))
    response = coordinator.post(reverse("intake:import_review"), {"fingerprint": "old"})
    assert response.status_code == 400
    assert "has changed since you looked" in response.content.decode()
    assert Signal.objects.count() == 0
    assert review.status_code == 200


@pytest.mark.parametrize("role", [Role.ANALYST, Role.REPORTER])
def test_other_roles_are_refused(role: Role) -> None:
    client = verified_client(user_with_role(role))
    assert client.get(reverse("intake:import_upload")).status_code == 403
    refused = client.post(
        reverse("intake:import_upload"),
        {"file": SimpleUploadedFile("m.csv", csv_bytes(GOOD_ROWS))},
    )
    assert refused.status_code == 403
    assert client.get(reverse("intake:import_review")).status_code == 403
    assert client.post(reverse("intake:import_review")).status_code == 403
    assert Signal.objects.count() == 0


def test_odd_unicode_is_normalised_so_keys_stay_equal() -> None:
    plain = check([["03-02-2025", "GM0243", "Hotel", "", "Café", "", "Eva"]]).rows[0]
    odd = check([["03-02-2025", "gm0243", "hotel", "", "Cafe\u0301\u200b", "", "\ufeffEva"]])
    assert odd.rows[0].status == "new"
    assert odd.rows[0].data.description == "Café"
    assert odd.rows[0].key == plain.key


def test_the_upload_checks_the_csrf_token() -> None:
    user = user_with_role(Role.COORDINATOR, municipality())
    client = verified_client(user)
    client.handler.enforce_csrf_checks = True
    response = client.post(
        reverse("intake:import_upload"), {"file": SimpleUploadedFile("m.csv", csv_bytes(GOOD_ROWS))}
    )
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_the_pages_render_in_dutch_too() -> None:
    client = verified_client(user_with_role(Role.COORDINATOR, municipality()))
    assert client.get(reverse("intake:import_upload")).status_code == 200
    review = review_after(client, csv_bytes(GOOD_ROWS))
    assert review.status_code == 200
    assert review.context["counts"]["new"] == 2


def test_a_sheet_with_too_many_rows_or_columns_is_refused_early() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Omschrijving"])
    for i in range(importer.MAX_ROWS + 1):
        sheet.append([f"melding {i}"])
    sheet.cell(row=2, column=16000, value="ver weg")
    out = io.BytesIO()
    book.save(out)
    with translation.override("en"), pytest.raises(importer.ImportFileError, match="more than"):
        importer.read_table(out.getvalue())


def test_hostile_column_names_are_escaped(coordinator: Client) -> None:
    headers = ["<b>Leeftijd</b>", "Omschrijving"]
    upload(coordinator, csv_bytes([["vijftien", "Iets"]], headers))
    response = coordinator.post(reverse("intake:import_mapping"), {"age": "0", "description": "1"})
    review = coordinator.get(response.url)
    html = review.content.decode()
    assert "<b>Leeftijd</b>" not in html
    assert "&lt;b&gt;Leeftijd&lt;/b&gt;" in html
