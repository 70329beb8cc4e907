"""The indicator catalogue as versioned data: load a version, copy it to edit, publish it.

A published version is never edited in place: signals refer to the version they were made
with, so administrators copy the current version, change the copy and publish that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max

from samen.intake import codes
from samen.intake.models import Indicator, IndicatorCatalogue

DATA_DIR = Path(__file__).resolve().parent / "data"
FIELDS = ("code", "text_nl", "text_en", "forms", "loverboy", "settings", "dimension", "grade")


class CatalogueError(ValueError):
    pass


def validate(document: dict[str, Any]) -> list[dict[str, Any]]:
    items = document.get("indicators")
    if not isinstance(items, list) or not items:
        raise CatalogueError("the catalogue has no indicators")
    seen: set[str] = set()
    for item in items:
        code = item.get("code", "")
        if not code or code in seen:
            raise CatalogueError(f"missing or repeated code {code!r}")
        seen.add(code)
        if not set(item.get("forms", [])) <= set(codes.ExploitationForm.values) or not item.get(
            "forms"
        ):
            raise CatalogueError(f"{code}: unknown or missing forms")
        if not set(item.get("settings", [])) <= set(codes.Setting.values) or not item.get(
            "settings"
        ):
            raise CatalogueError(f"{code}: unknown or missing settings")
        if item.get("dimension") not in codes.Dimension.values:
            raise CatalogueError(f"{code}: unknown dimension {item.get('dimension')!r}")
        if item.get("grade") not in codes.Grade.values:
            raise CatalogueError(f"{code}: unknown grade {item.get('grade')!r}")
        if not item.get("text_nl") or not item.get("text_en"):
            raise CatalogueError(f"{code}: Dutch and English text are both needed")
    return items


@transaction.atomic
def load(document: dict[str, Any], *, make_current: bool = True) -> IndicatorCatalogue:
    items = validate(document)
    version = document.get("version") or (
        (IndicatorCatalogue.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    )
    catalogue = IndicatorCatalogue.objects.create(
        version=version,
        title=document.get("title_nl") or f"Indicatoren v{version}",
        source_note=document.get("source_note_nl", ""),
    )
    Indicator.objects.bulk_create(
        Indicator(catalogue=catalogue, position=n, **{f: item[f] for f in FIELDS if f in item})
        for n, item in enumerate(items)
    )
    if make_current:
        publish(catalogue)
    return catalogue


def load_file(path: Path, *, make_current: bool = True) -> IndicatorCatalogue:
    return load(json.loads(path.read_text(encoding="utf-8")), make_current=make_current)


@transaction.atomic
def copy_as_new_version(catalogue: IndicatorCatalogue) -> IndicatorCatalogue:
    """A draft to edit: same indicators, next version number, not yet current."""
    version = (IndicatorCatalogue.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    copy = IndicatorCatalogue.objects.create(
        version=version, title=f"{catalogue.title} (v{version})", source_note=catalogue.source_note
    )
    Indicator.objects.bulk_create(
        Indicator(
            catalogue=copy,
            position=i.position,
            **{f: getattr(i, f) for f in FIELDS},
        )
        for i in catalogue.indicators.all()
    )
    return copy


@transaction.atomic
def publish(catalogue: IndicatorCatalogue) -> None:
    IndicatorCatalogue.objects.filter(is_current=True).exclude(pk=catalogue.pk).update(
        is_current=False
    )
    if not catalogue.is_current:
        catalogue.is_current = True
        catalogue.save(update_fields=["is_current"])


def in_use(catalogue: IndicatorCatalogue) -> bool:
    from samen.intake.models import Signal

    return catalogue.is_current or Signal.objects.filter(catalogue=catalogue).exists()
