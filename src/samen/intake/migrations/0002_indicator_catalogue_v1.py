"""Load version 1 of the indicator catalogue (data/indicators_v1.json)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "indicators_v1.json"
FIELDS = ("code", "text_nl", "text_en", "forms", "loverboy", "settings", "dimension", "grade")


def load_v1(apps, schema_editor):
    Catalogue = apps.get_model("intake", "IndicatorCatalogue")
    Indicator = apps.get_model("intake", "Indicator")
    if Catalogue.objects.filter(version=1).exists():
        return
    document = json.loads(DATA.read_text(encoding="utf-8"))
    catalogue = Catalogue.objects.create(
        version=1,
        title=document.get("title_nl", "Indicatoren mensenhandel"),
        source_note=document.get("source_note_nl", ""),
        is_current=True,
    )
    Indicator.objects.bulk_create(
        Indicator(catalogue=catalogue, position=n, **{f: item[f] for f in FIELDS if f in item})
        for n, item in enumerate(document["indicators"])
    )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(load_v1, migrations.RunPython.noop)]
