"""From signal and case persons to the core's record rows, in memory only.

The rows hold plaintext (names, dates, phone numbers) decrypted by the model fields
on loading; they are passed to samen.linkage and dropped, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from samen.cases.models import CasePerson
from samen.core.models import Organisation, OrganisationType
from samen.intake import codes as intake_codes
from samen.intake.models import Signal, SignalPerson
from samen.persons.models import PersonRecord, Source

Row = dict[str, str | None]

# The organisation that registered a record, as the sources the estimation groups
# into lists (samen.linkage.capture): police and KMar, care, municipality, NGOs ...
SOURCE_OF_TYPE: dict[str, str] = {
    OrganisationType.MUNICIPALITY: Source.MUNICIPALITY,
    OrganisationType.REGIONAL_PARTNERSHIP: Source.MUNICIPALITY,
    OrganisationType.POLICE: Source.POLICE,
    OrganisationType.KMAR: Source.KMAR,
    OrganisationType.LABOUR_INSPECTORATE: Source.LABOUR_INSPECTORATE,
    OrganisationType.PROSECUTION: Source.PROSECUTION,
    OrganisationType.CARE_COORDINATION: Source.CARE_COORDINATOR,
    OrganisationType.SHELTER: Source.SHELTER,
    OrganisationType.VEILIG_THUIS: Source.VEILIG_THUIS,
    OrganisationType.YOUTH_CARE: Source.YOUTH_CARE,
    OrganisationType.GGD: Source.GGD,
    OrganisationType.COA: Source.COA,
    OrganisationType.NGO: Source.NGO,
    OrganisationType.HOTEL: Source.BUSINESS,
    OrganisationType.HOLIDAY_PARK: Source.BUSINESS,
}


def source_of_organisation(organisation: Organisation | None) -> str:
    if organisation is None:
        return Source.OTHER
    return SOURCE_OF_TYPE.get(organisation.type, Source.OTHER)


def source_of_signal(signal: Signal) -> str:
    if signal.channel == intake_codes.Channel.ANONYMOUS:
        return Source.ANONYMOUS
    return source_of_organisation(signal.reporter_organisation)


def source_of_case_person(person: CasePerson) -> str:
    # A case is the lead municipality's own registration of the person.
    return Source.MUNICIPALITY


def split_name(name: str) -> tuple[str, str]:
    """One name field into given name and surname: "Anna de Vries", "Vries, de Anna".

    The core compares names in either order and drops particles, so a wrong split of
    an unusual name costs little.
    """
    name = " ".join((name or "").split())
    if "," in name:
        last, _, first = name.partition(",")
        return first.strip(), last.strip()
    first, _, last = name.partition(" ")
    return first, last


def _year_from_age(age: int | None, year: int) -> str | None:
    # The age was given when the record was made, not today: its birth year is fixed.
    return str(year - age) if age is not None else None


def signal_person_row(record_id: str, person: SignalPerson, source: str) -> Row:
    first, last = split_name(person.name)
    gender = None if person.gender == intake_codes.Gender.UNKNOWN else person.gender
    return {
        "record_id": record_id,
        "source": source,
        "first_name": first or None,
        "last_name": last or None,
        "birth_date": _year_from_age(person.age, person.signal.created_at.year),
        "gender": gender,
        "nationality": person.nationality or None,
        "phone": person.phone or None,
        "email": None,
        "city": None,
    }


def case_person_row(record_id: str, person: CasePerson, source: str) -> Row:
    first, last = split_name(person.name)
    return {
        "record_id": record_id,
        "source": source,
        "first_name": first or None,
        "last_name": last or None,
        "birth_date": person.date_of_birth or _year_from_age(person.age, person.added_at.year),
        "gender": None,
        "nationality": person.nationality or None,
        "phone": person.phone or None,
        "email": None,
        "city": None,
    }


def record_row(record: PersonRecord) -> Row:
    record_id = str(record.pk)
    if record.signal_person_id is not None:
        return signal_person_row(record_id, record.signal_person, record.source)
    return case_person_row(record_id, record.case_person, record.source)


def with_origins(records: Iterable[PersonRecord] | None = None):  # type: ignore[no-untyped-def]
    """Records with what `record_row` reads, in one query."""
    queryset = PersonRecord.objects.all() if records is None else records
    return queryset.select_related(  # type: ignore[union-attr]
        "signal_person__signal", "case_person__case"
    )
