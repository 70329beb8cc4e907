"""Spreadsheet import of signals: read CSV or XLSX, map columns, check every row, import.

Kept light on Django so that the rules can be read and tested on their own: reading a file
(`read_table`), guessing the column mapping (`guess_mapping`), checking rows into
`services.SignalInput` (`check_rows`, the dry run) and the all-or-nothing import
(`import_rows`). Every message is for the coordinator and names row and column.

Idempotence: each row gets an `import_key`, a keyed hash (blind index) of its normalised
content and municipality. A keyed hash, not a plain one, because the content holds names
and phone numbers that a plain hash would let anyone with the database guess back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.core import crypto
from samen.core.models import Membership, Organisation, OrganisationType
from samen.intake import codes, services
from samen.intake.access import coordinated_municipalities
from samen.intake.forms import NATIONALITIES
from samen.intake.models import Signal

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
# Unnamed columns beyond the named ones are ignored (stray notes), up to this width.
MAX_WIDTH = MAX_COLUMNS * 4
# A 5 MB xlsx unpacks to far less than this; more means a zip bomb.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_HEADER_CHARS = 60
EARLIEST_DATE = date(2000, 1, 1)
KEY_PURPOSE = "signal-import"
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%y", "%Y-%m-%d %H:%M:%S")

# Characters that reorder text on screen (as in "Trojan Source"): refused, they hide content.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters Excel copy-and-paste leaves behind; they carry no meaning.
INVISIBLE = str.maketrans("", "", "\ufeff\u200b\u200c\u200d\u2060\u00ad")


class ImportFileError(ValueError):
    """The whole file is refused; the message says why, for the user."""


@dataclass(frozen=True)
class Target:
    name: str
    label: Any  # lazy translation
    synonyms: tuple[str, ...]
    max_length: int = 0


TARGETS: tuple[Target, ...] = (
    Target(
        "date_received",
        gettext_lazy("Date received"),
        ("datum", "datum melding", "datum ontvangst", "ontvangen", "date", "date received"),
    ),
    Target(
        "municipality",
        gettext_lazy("Municipality"),
        ("gemeente", "gemeentecode", "cbs code", "municipality", "municipality code"),
    ),
    Target(
        "location_type",
        gettext_lazy("Type of location"),
        ("soort locatie", "type locatie", "locatietype", "locatie", "location type", "location"),
    ),
    Target(
        "address",
        gettext_lazy("Address or place"),
        ("adres", "plaats", "adres of plaats", "address", "place"),
        300,
    ),
    Target(
        "forms",
        gettext_lazy("Forms of exploitation"),
        ("vorm", "vormen", "uitbuitingsvorm", "vorm van uitbuiting", "soort uitbuiting", "forms"),
    ),
    Target("sector", gettext_lazy("Sector"), ("sector", "branche", "industry")),
    Target(
        "description",
        gettext_lazy("Description"),
        ("omschrijving", "beschrijving", "toelichting", "wat is er gezien", "description"),
        5000,
    ),
    Target("age", gettext_lazy("Age"), ("leeftijd", "age")),
    Target(
        "age_band",
        gettext_lazy("Age group"),
        ("leeftijdsgroep", "leeftijdscategorie", "age group", "age band"),
    ),
    Target("gender", gettext_lazy("Gender"), ("geslacht", "gender", "sekse", "sex")),
    Target("nationality", gettext_lazy("Nationality"), ("nationaliteit", "nationality", "land")),
    Target(
        "name",
        gettext_lazy("Name or alias"),
        ("naam", "naam slachtoffer", "alias", "name", "naam of alias"),
        200,
    ),
    Target(
        "phone",
        gettext_lazy("Phone number"),
        ("telefoon", "telefoonnummer", "tel", "mobiel", "phone", "phone number"),
        40,
    ),
    Target(
        "immediate_danger",
        gettext_lazy("Someone is in danger now"),
        ("acuut gevaar", "direct gevaar", "gevaar", "acuut", "immediate danger", "danger"),
    ),
    Target(
        "minor",
        gettext_lazy("A minor is involved"),
        ("minderjarig", "minderjarige", "minor", "jeugd", "under 18"),
    ),
)
TARGET_NAMES = [t.name for t in TARGETS]
TARGETS_BY_NAME = {t.name: t for t in TARGETS}


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # each as long as headers
    first_row_number: int = 2  # the spreadsheet row number of rows[0] (after the header)


@dataclass
class RowResult:
    number: int
    status: str  # "new", "exists", "repeated" (earlier in this file) or "error"
    errors: list[str] = field(default_factory=list)
    data: services.SignalInput | None = None
    received: date | None = None
    key: str = ""
    municipality: str = ""
    summary: str = ""


@dataclass
class DryRun:
    rows: list[RowResult]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def new(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "new"]

    def fingerprint(self) -> str:
        """Changes when what would be imported changes, so the import matches the check."""
        text = "|".join(f"{r.number}:{r.status}:{r.key}" for r in self.rows)
        return crypto.blind_index(text, purpose="signal-import-dry-run")[:16]


# --- reading files ------------------------------------------------------------------


def read_table(data: bytes) -> Table:
    """A CSV or XLSX file as headers and rows, judged by content, never by file name."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB. Split it into smaller files."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls) or a password-protected workbook. "
                "Save it as .xlsx or CSV without a password and try again."
            )
        )
    return _read_csv(data)


def _check_zip(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError(_("This file is not an Excel workbook (.xlsx). Use .xlsx or CSV."))
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ImportFileError(
            _("This workbook contains macros. Save it as a normal .xlsx without macros.")
        )
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("This workbook unpacks to far too much data and is refused."))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # import here: only the import needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_zip(archive)
    except zipfile.BadZipFile:
        raise ImportFileError(_("This file is damaged or is not an Excel workbook.")) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception:  # openpyxl raises many kinds on broken files; all mean the same here
        raise ImportFileError(_("This file is damaged or is not an Excel workbook.")) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportFileError(_("The workbook has no sheets."))
        raw: list[list[Any]] = []
        # Read one row and column past the limits, lazily: a sheet that claims a million
        # rows or 16,384 columns is never loaded.
        rows = sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=MAX_WIDTH + 1)
        for row in rows:
            raw.append(list(row))
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(_("This file is damaged or is not an Excel workbook.")) from None
    finally:
        book.close()
    return _table(raw)


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ImportFileError(
            _("This file is not a CSV or Excel file. Upload a .csv or .xlsx file.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _("The text in this file cannot be read. Save it as CSV in UTF-8 and try again.")
    )


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\r\n\t")
    if controls > 10:
        raise ImportFileError(
            _("This file is not a CSV or Excel file. Upload a .csv or .xlsx file.")
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        pass  # the count of the first line is a good enough guess
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[list[Any]] = []
    try:
        for row in reader:
            raw.append(row)
            if len(raw) > MAX_ROWS + 1:
                break
    except csv.Error:
        raise ImportFileError(
            _("This CSV file is damaged (for example a quote that is never closed).")
        ) from None
    return _table(raw)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _filled_width(row: list[Any]) -> int:
    width = len(row)
    while width and _blank(row[width - 1]):
        width -= 1
    return width


def _table(raw: list[list[Any]]) -> Table:
    # Trailing empty rows are common in spreadsheets and mean nothing.
    while raw and all(_blank(v) for v in raw[-1]):
        raw.pop()
    if not raw or all(_blank(v) for v in raw[0]):
        raise ImportFileError(_("The first row must hold the column names, and it is empty."))
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(limit)d rows. Split it into smaller files.")
            % {"limit": MAX_ROWS}
        )
    if len(raw) == 1:
        raise ImportFileError(_("The file has column names but no rows."))
    header = list(raw[0])
    while header and _blank(header[-1]):
        header.pop()
    # openpyxl pads rows to max_col; only the last filled cell counts.
    width = max(len(header), *(_filled_width(r) for r in raw[1:]))
    # Data beyond the named columns is ignored, but only within reason.
    if len(header) > MAX_COLUMNS or width > MAX_WIDTH:
        raise ImportFileError(
            _("The file has more than %(limit)d columns. Remove the columns you do not need.")
            % {"limit": MAX_COLUMNS}
        )
    headers: list[str] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(header):
        name = _clean_header(value) or _("Column %(n)d") % {"n": index + 1}
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    rows = [(list(r) + [None] * len(headers))[: len(headers)] for r in raw[1:]]
    return Table(headers=headers, rows=rows)


def _clean_header(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value if value is not None else "")).translate(
        INVISIBLE
    )
    text = "".join(c for c in text if c.isprintable() and c not in BIDI_CONTROLS)
    text = " ".join(text.split())
    return text[:MAX_HEADER_CHARS]


# --- the mapping --------------------------------------------------------------------


def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def guess_mapping(headers: Sequence[str]) -> dict[str, int | None]:
    """For each target field the column whose name is a known synonym, else None."""
    keys = [_header_key(h) for h in headers]
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for target in TARGETS:
        synonyms = {_header_key(s) for s in target.synonyms}
        found = next(
            (i for i, k in enumerate(keys) if k in synonyms and i not in taken),
            None,
        )
        mapping[target.name] = found
        if found is not None:
            taken.add(found)
    return mapping


# --- checking values ----------------------------------------------------------------


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).translate(INVISIBLE).strip()
    if any(c in BIDI_CONTROLS for c in text):
        raise _Invalid(_("the text contains hidden characters that change its direction"))
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        raise _Invalid(_("the text contains invisible control characters"))
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise _Invalid(_("the text contains characters that cannot be stored"))
    return text


def _both_languages(label: Any) -> set[str]:
    """A code's label in Dutch and in English, whichever language the coordinator uses."""
    found = set()
    for language in ("nl", "en"):
        with translation.override(language):
            found.add(_header_key(str(label)))
    return found


def _lookup(choices: Iterable[tuple[str, Any]], extra: dict[str, str]) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[_header_key(value)] = value
        for text in _both_languages(label):
            table[text] = value
    table.update({_header_key(k): v for k, v in extra.items()})
    return table


LOCATION_WORDS = {
    "woning": "home",
    "woonadres": "home",
    "thuis": "home",
    "werk": "workplace",
    "werkplek": "workplace",
    "bedrijf": "workplace",
    "vakantiepark": "holiday_park",
    "camping": "holiday_park",
    "prostitutie": "sex_work",
    "seksinrichting": "sex_work",
    "school": "school",
    "zorginstelling": "care",
    "jeugdzorg": "care",
    "azc": "asylum_reception",
    "openbare ruimte": "public_space",
    "straat": "public_space",
    "online": "online",
    "internet": "online",
    "overig": "other",
    "anders": "other",
    "onbekend": "other",
}
FORM_WORDS = {
    "seksueel": "sexual",
    "seksuele uitbuiting": "sexual",
    "sexual": "sexual",
    "arbeid": "labour",
    "arbeidsuitbuiting": "labour",
    "labour": "labour",
    "labor": "labour",
    "crimineel": "criminal",
    "criminele uitbuiting": "criminal",
    "criminal": "criminal",
    "organen": "organ_removal",
    "orgaanverwijdering": "organ_removal",
    "onduidelijk": "unclear",
    "onbekend": "unclear",
    "unknown": "unclear",
}
SECTOR_WORDS = {
    "prostitutie": "prostitution",
    "escort": "prostitution",
    "massagesalon": "massage",
    "horeca": "hospitality",
    "land en tuinbouw": "agriculture",
    "landbouw": "agriculture",
    "tuinbouw": "agriculture",
    "bouw": "construction",
    "logistiek": "logistics",
    "schoonmaak": "cleaning",
    "huishoudelijk werk": "domestic",
    "au pair": "domestic",
    "nagelsalon": "retail",
    "detailhandel": "retail",
    "bedelarij": "begging",
    "drugs": "drugs",
    "drugshandel": "drugs",
    "winkeldiefstal": "property_crime",
    "geldezel": "financial",
    "overig": "other",
    "onbekend": "other",
}
GENDER_WORDS = {
    "v": "female",
    "vrouw": "female",
    "f": "female",
    "woman": "female",
    "m": "male",
    "man": "male",
    "x": "other",
    "anders": "other",
    "onbekend": "unknown",
}
BAND_WORDS = {"onbekend": "unknown", "50 plus": "50+", "0 11": "0-11"}
TRUE_WORDS = {"ja", "j", "yes", "y", "waar", "true", "1", "x", "wel"}
FALSE_WORDS = {"nee", "n", "no", "onwaar", "false", "0", "niet", ""}


@dataclass
class Lookups:
    location: dict[str, str]
    forms: dict[str, str]
    sector: dict[str, str]
    gender: dict[str, str]
    band: dict[str, str]
    nationality: dict[str, str]

    @classmethod
    def build(cls) -> Lookups:
        nationality = {}
        for value, label in NATIONALITIES:
            if value:
                nationality[_header_key(value)] = value
                for text in _both_languages(label):
                    nationality[text] = value
        nationality.update({"nederland": "NL", "polen": "PL", "roemenie": "RO", "overig": "XX"})
        return cls(
            location=_lookup(codes.LocationType.choices, LOCATION_WORDS),
            forms=_lookup(codes.ExploitationForm.choices, FORM_WORDS),
            sector=_lookup(codes.Sector.choices, SECTOR_WORDS),
            gender=_lookup(codes.Gender.choices, GENDER_WORDS),
            band=_lookup(codes.AgeBand.choices, BAND_WORDS),
            nationality=nationality,
        )


def _choice(value: str, table: dict[str, str], unknown: str) -> str:
    """`unknown` is a whole translated sentence with %(value)s: word order differs per language."""
    found = table.get(_header_key(value)) or table.get(value.strip())
    if found is None:
        raise _Invalid(unknown % {"value": _show(value)})
    return found


def _date(value: Any) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        text = _text(value)
        found = None
        for pattern in (
            "%d-%m-%Y",
            "%d/%m/%Y",
            "%Y-%m-%d",
            "%d.%m.%Y",
            "%d-%m-%y",
            "%Y-%m-%d %H:%M:%S",
        ):
            try:
                found = datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        if found is None:
            raise _Invalid(
                _("'%(value)s' is not a date; write it as 31-12-2025") % {"value": _show(text)}
            )
    if found > timezone.localdate():
        raise _Invalid(_("the date %(date)s is in the future") % {"date": found.isoformat()})
    if found < EARLIEST_DATE:
        raise _Invalid(_("the date %(date)s is before 2000") % {"date": found.isoformat()})
    return found


def _age(value: Any) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise _Invalid(_("'%(value)s' is not a whole number") % {"value": _show(value)})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = _text(value)
        if not re.fullmatch(r"[0-9]{1,3}", text):
            raise _Invalid(_("'%(value)s' is not a whole number") % {"value": _show(text)})
        number = int(text)
    if not 0 <= number <= 110:
        raise _Invalid(_("an age must be between 0 and 110, not %(value)s") % {"value": number})
    return number


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = _header_key(_text(value))
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _Invalid(_("'%(value)s' is not yes or no") % {"value": _show(value)})


def municipality_lookup(organisations: Iterable[Organisation]) -> dict[str, Organisation]:
    """Names ('Gemeente Harderwijk', 'Harderwijk') and CBS codes ('GM0243', '0243')."""
    table: dict[str, Organisation] = {}
    for org in organisations:
        name = _header_key(org.name)
        table[name] = org
        table[name.removeprefix("gemeente ")] = org
        if org.municipality_code:
            table[org.municipality_code.upper().removeprefix("GM").lstrip("0")] = org
    return table


def _municipality_key(value: Any) -> str:
    """'GM0243', 'gm 0243', '0243', 243 and 243.0 all become '243'; names are folded."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value))
    key = _header_key(_text(value))
    code = re.fullmatch(r"(?:gm ?)?0*([0-9]{1,4})", key)
    return code.group(1) if code else key


# --- the dry run --------------------------------------------------------------------


@dataclass
class Scope:
    """What the coordinator may import into, and the lookups shared by all rows."""

    allowed: dict[str, Organisation]  # by lookup key
    known: dict[str, Organisation]  # every active municipality, to tell 'unknown' from 'not yours'
    default: Organisation | None  # when the coordinator coordinates exactly one

    @classmethod
    def of(cls, membership: Membership | None) -> Scope:
        allowed = list(coordinated_municipalities(membership))
        everyone = Organisation.objects.filter(type=OrganisationType.MUNICIPALITY, is_active=True)
        return cls(
            allowed=municipality_lookup(allowed),
            known=municipality_lookup(everyone),
            default=allowed[0] if len(allowed) == 1 else None,
        )


def check_rows(table: Table, mapping: dict[str, int | None], scope: Scope) -> DryRun:
    """Every row checked and turned into a SignalInput, or into errors per column. Saves nothing."""
    lookups = Lookups.build()
    results: list[RowResult] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(table.rows):
        number = table.first_row_number + offset
        if all(_blank(v) for v in row):
            continue
        result = _check_row(number, row, table.headers, mapping, scope, lookups)
        if result.status == "new":
            if result.key in seen:
                result.status = "repeated"
                result.errors.append(
                    _("Row %(row)d is the same as row %(first)d and is skipped.")
                    % {"row": number, "first": seen[result.key]}
                )
            else:
                seen[result.key] = number
        results.append(result)
    existing = set(
        Signal.objects.filter(import_key__in=list(seen)).values_list("import_key", flat=True)
    )
    for result in results:
        if result.status == "new" and result.key in existing:
            result.status = "exists"
    return DryRun(results)


def _check_row(
    number: int,
    row: list[Any],
    headers: list[str],
    mapping: dict[str, int | None],
    scope: Scope,
    lookups: Lookups,
) -> RowResult:
    values: dict[str, Any] = {}
    errors: list[str] = []

    def cell(target: str) -> Any:
        index = mapping.get(target)
        return row[index] if index is not None and index < len(row) else None

    def fail(target: str, message: str) -> None:
        index = mapping.get(target)
        column = headers[index] if index is not None else str(TARGETS_BY_NAME[target].label)
        errors.append(
            _("Row %(row)d, column '%(column)s': %(message)s.")
            % {"row": number, "column": column, "message": message}
        )

    def check(target: str, convert: Any) -> None:
        try:
            values[target] = convert(cell(target))
        except _Invalid as problem:
            fail(target, problem.message)

    def text_of(target: str) -> Any:
        limit = TARGETS_BY_NAME[target].max_length

        def convert(value: Any) -> str:
            text = _text(value)
            if limit and len(text) > limit:
                raise _Invalid(
                    _("use at most %(limit)d characters (now %(count)d)")
                    % {"limit": limit, "count": len(text)}
                )
            return text

        return convert

    def municipality(value: Any) -> Organisation:
        if _blank(value):
            if scope.default is not None:
                return scope.default
            raise _Invalid(_("the municipality is missing"))
        key = _municipality_key(value)
        if key in scope.allowed:
            return scope.allowed[key]
        if key in scope.known:
            raise _Invalid(
                _("you do not coordinate %(name)s, so you cannot import signals for it")
                % {"name": scope.known[key].name}
            )
        raise _Invalid(_("'%(value)s' is not a known municipality") % {"value": _show(value)})

    def forms_of(value: Any) -> list[str]:
        text = _text(value)
        if not text:
            return [codes.ExploitationForm.UNCLEAR]
        # "seksueel, arbeid", "seksueel en arbeid", "sexual / labour"; a bare "/" is kept.
        parts = [p.strip() for p in re.split(r"[,;+\n]|\s/\s|\sen\s|\sand\s", text)]
        parts = [p for p in parts if p]
        return sorted(
            {
                _choice(p, lookups.forms, _("'%(value)s' is not a known form of exploitation"))
                for p in parts
            }
        )

    def optional_choice(table: dict[str, str], unknown: str, empty: str) -> Any:
        def convert(value: Any) -> str:
            text = _text(value)
            return _choice(text, table, unknown) if text else empty

        return convert

    def description(value: Any) -> str:
        text = text_of("description")(value)
        if not text:
            raise _Invalid(_("the description is empty; describe what was noticed"))
        return text

    check("date_received", _date)
    check("municipality", municipality)
    check(
        "location_type",
        optional_choice(
            lookups.location,
            _("'%(value)s' is not a known type of location"),
            codes.LocationType.OTHER,
        ),
    )
    check("address", text_of("address"))
    check("forms", forms_of)
    check("sector", optional_choice(lookups.sector, _("'%(value)s' is not a known sector"), ""))
    check("description", description)
    check("age", _age)
    check(
        "age_band",
        optional_choice(
            lookups.band, _("'%(value)s' is not a known age group"), codes.AgeBand.UNKNOWN
        ),
    )
    check(
        "gender",
        optional_choice(
            lookups.gender, _("'%(value)s' is not a known gender"), codes.Gender.UNKNOWN
        ),
    )
    check(
        "nationality",
        optional_choice(
            lookups.nationality,
            _("'%(value)s' is not a known nationality; use a code such as PL or 'Other'"),
            "",
        ),
    )
    check("name", text_of("name"))
    check("phone", text_of("phone"))
    check("immediate_danger", _flag)
    check("minor", _flag)

    age, band = values.get("age"), values.get("age_band")
    if age is not None and band and band != codes.AgeBand.UNKNOWN:
        low, _sep, high = band.partition("-")
        if not int(low.rstrip("+")) <= age <= (int(high) if high else 200):
            fail("age_band", _("the age group does not match the age %(age)d") % {"age": age})

    place = values.get("municipality")
    result = RowResult(number=number, status="error", errors=errors)
    # The description helps the coordinator find the row, also when it has errors.
    result.summary = _show(values.get("description") or "")
    if place is not None:
        result.municipality = place.name
    if errors:
        return result

    person = services.PersonInput(
        age=values["age"],
        age_band=values["age_band"],
        gender=values["gender"],
        nationality=values["nationality"],
        name=values["name"],
        phone=values["phone"],
    )
    data = services.SignalInput(
        municipality=place,
        location_type=values["location_type"],
        address=values["address"],
        persons=[person],
        forms=values["forms"],
        sector=values["sector"],
        description=values["description"],
        immediate_danger=values["immediate_danger"],
        minor_involved=values["minor"] or person.is_minor,
        awareness="",
    )
    result.status = "new"
    result.data = data
    result.received = values["date_received"]
    result.key = import_key(data, result.received)
    return result


def import_key(data: services.SignalInput, received: date | None) -> str:
    """Equal content for the same municipality gives the same key, whatever the file."""
    person = data.persons[0] if data.persons else services.PersonInput()
    content = {
        "municipality": data.municipality.municipality_code or data.municipality.pk,
        "received": received.isoformat() if received else "",
        "location_type": data.location_type,
        "address": data.address,
        "forms": sorted(data.forms),
        "sector": data.sector,
        "description": data.description,
        "person": [person.age, person.age_band, person.gender, person.nationality],
        "name": person.name,
        "phone": person.phone,
        "danger": data.immediate_danger,
        "minor": data.minor_involved,
    }
    # blind_index folds case and whitespace: 'Harderwijk ' and 'harderwijk' are one row.
    return crypto.blind_index(json.dumps(content, sort_keys=True), purpose=KEY_PURPOSE)


# --- the import ---------------------------------------------------------------------


class ImportConflict(Exception):
    """Some rows were imported by someone else between the check and the import."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    existing: int
    skipped: int


def _received_at(day: date) -> datetime:
    # Noon local time: the date stays the same in every time zone the log is read in.
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def import_rows(dry_run: DryRun, membership: Membership) -> ImportResult:
    """Create a signal for every new row in one transaction: all of them, or none."""
    new = [row for row in dry_run.new if row.data is not None]
    result = ImportResult(
        created=len(new),
        existing=dry_run.count("exists"),
        skipped=dry_run.count("error") + dry_run.count("repeated"),
    )
    try:
        # One transaction and one audit event for the whole file: all rows, or none.
        services.create_signals(
            [
                services.NewSignal(
                    row.data,
                    import_key=row.key,
                    received_at=_received_at(row.received) if row.received else None,
                )
                for row in new
            ],
            reporter=membership.user,
            membership=membership,
            channel=codes.Channel.IMPORT,
            purpose="spreadsheet import",
            detail={
                "created": result.created,
                "already_imported": result.existing,
                "skipped": result.skipped,
            },
        )
    except IntegrityError:
        raise ImportConflict from None
    return result
