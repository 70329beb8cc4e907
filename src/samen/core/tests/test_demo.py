"""Demo data: a realistic region, reproducible from its seed, loaded only once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command

from samen.core import demo
from samen.core.models import Membership, Organisation, OrganisationType, Role, User

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    objects = [
        *Organisation.objects.order_by("pk"),
        *User.objects.order_by("pk"),
        *Membership.objects.order_by("pk"),
    ]
    return serializers.serialize(
        "json",
        objects,
        fields=[
            "name",
            "type",
            "municipality_code",
            "municipality",
            "username",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "role",
            "user",
        ],
    )


def test_region_with_cbs_codes_partners_and_one_user_per_role() -> None:
    assert demo.load()
    codes = set(
        Organisation.objects.filter(type=OrganisationType.MUNICIPALITY).values_list(
            "municipality_code", flat=True
        )
    )
    assert codes == {"GM0243", "GM0233", "GM0302", "GM0230", "GM0269", "GM0273"}
    types = set(Organisation.objects.values_list("type", flat=True))
    for needed in [
        "police",
        "care_coordination",
        "shelter",
        "ggd",
        "veilig_thuis",
        "labour_inspectorate",
        "coa",
        "hotel",
        "holiday_park",
    ]:
        assert needed in types
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)


def test_loading_twice_changes_nothing(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo")
    before = snapshot()
    call_command("load_demo")
    assert "left as it is" in capsys.readouterr().out
    assert snapshot() == before


def _fresh_demo_snapshot(tmp_path: Path, name: str, seed: int) -> list[dict]:
    """Load the demo into a new SQLite file in a separate process and describe it."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / name}"}
    manage = [sys.executable, str(Path(__file__).resolve().parents[4] / "manage.py")]
    for args in (["migrate", "-v0"], ["load_demo", "--seed", str(seed)]):
        subprocess.run([*manage, *args], env=env, check=True, capture_output=True, timeout=300)  # noqa: S603
    code = (
        "import json;from samen.core.tests.test_demo import describe;print(json.dumps(describe()))"
    )
    out = subprocess.run(  # noqa: S603
        [*manage, "shell", "-v0", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def describe() -> list[dict]:
    """Everything the demo generates, without keys and times that differ between runs."""
    from samen.intake.models import Signal

    rows: list[dict] = [
        {
            "org": o.name,
            "type": o.type,
            "code": o.municipality_code,
            "in": str(o.municipality or ""),
        }
        for o in Organisation.objects.order_by("name")
    ]
    rows += [
        {"user": u.username, "name": u.get_full_name()} for u in User.objects.order_by("username")
    ]
    rows += [
        {"member": m.user.username, "org": m.organisation.name, "role": m.role}
        for m in Membership.objects.order_by("user__username", "organisation__name", "role")
    ]
    # Descriptions are encrypted: sort in Python, the database only sees ciphertext.
    signals = [
        {
            "signal": s.description,
            "score": s.score,
            "indicators": sorted(s.indicators.values_list("code", flat=True)),
        }
        for s in Signal.objects.all()
    ]
    return rows + sorted(signals, key=lambda row: row["signal"])


@pytest.mark.django_db(transaction=False)
def test_same_seed_same_data_different_seed_different_data(tmp_path: Path) -> None:
    first = _fresh_demo_snapshot(tmp_path, "a.sqlite3", 7)
    assert first == _fresh_demo_snapshot(tmp_path, "b.sqlite3", 7)
    assert first != _fresh_demo_snapshot(tmp_path, "c.sqlite3", 8)


def test_demo_is_refused_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SAMEN_ENV = "production"
    with pytest.raises(demo.DemoRefused):
        demo.load()
