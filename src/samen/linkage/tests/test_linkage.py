"""Linking whole record sets: known pairs, determinism, the small-data path, the CLI."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest

from samen.linkage import LinkageConfig, link_records, records_from_rows
from samen.linkage.synthetic import generate

KNOWN = [
    # Same person: Cyrillic and Latin script, day-first and ISO dates.
    ("k01", "police", "Олена", "Шевченко", "1994-03-12", "V", "UA", None, "Rotterdam"),
    ("k02", "care_coordinator", "Olena", "Shevchenko", "12-03-1994", "F", "Oekraïense", None, None),
    # Same person: Arabic script, the article joined to the surname.
    ("k03", "police", "محمد", "الحسن", "1988-07-01", "M", "SY", None, "Utrecht"),
    ("k04", "shelter", "Mohamed", "Al-Hassan", "01-07-1988", "man", "Syrische", None, "Utrecht"),
    # Same person: nickname and swapped first and last name.
    ("k05", "police", "Kees", "de Vries", "1979-11-23", "M", "NL", None, "Zwolle"),
    ("k06", "municipality", "de Vries", "Cornelis", "23/11/1979", None, "Nederlandse", None, None),
    # Same person: day and month swapped, phone in national and international format.
    ("k07", "police", "Blessing", "Okafor", "1996-04-09", "V", "NG", "0612345678", None),
    (
        "k08",
        "fairwork_ngo",
        "Blessing",
        "Okafor",
        "1996-09-04",
        None,
        None,
        "+31 6 12345678",
        "Breda",
    ),
    # Twins: same surname, birth date, city, nationality and phone; different persons.
    ("k09", "police", "Anna", "Kowalska", "2001-05-05", "F", "PL", "+48601000111", "Tilburg"),
    (
        "k10",
        "care_coordinator",
        "Marta",
        "Kowalska",
        "2001-05-05",
        "F",
        "PL",
        "+48601000111",
        "Tilburg",
    ),
    # Father and son with the same name in the same city; different persons.
    ("k11", "police", "Jan", "Jansen", "1960-02-02", "M", "NL", None, "Utrecht"),
    ("k12", "care_coordinator", "Jan", "Jansen", "1988-08-08", "M", "NL", None, "Utrecht"),
]
MUST_MATCH = [("k01", "k02"), ("k03", "k04"), ("k05", "k06"), ("k07", "k08")]
MUST_NOT_MATCH = [("k09", "k10"), ("k11", "k12")]
COLUMNS = ("record_id", "source", "first_name", "last_name", "birth_date", "gender",
           "nationality", "phone", "city")  # fmt: skip


def _with_background(n_background: int, seed: int) -> pa.Table:
    background = generate(n_background, seed=seed).records.to_pylist()
    known = [dict(zip(COLUMNS, row, strict=True)) for row in KNOWN]
    return records_from_rows(background + known)


@pytest.fixture(scope="module")
def linked_known() -> dict[str, str]:
    # Large enough for EM; the pairs must hold on the trained model.
    result = link_records(_with_background(2500, seed=11), LinkageConfig(as_of_year=2026))
    assert result.training.m_source == "expectation maximisation"
    return dict(
        zip(
            *(result.assignments.column(c).to_pylist() for c in ("record_id", "person_id")),
            strict=True,
        )
    )


@pytest.mark.parametrize(("a", "b"), MUST_MATCH)
def test_known_pairs_match(linked_known: dict[str, str], a: str, b: str) -> None:
    assert linked_known[a] == linked_known[b]


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MATCH)
def test_known_non_pairs_stay_apart(linked_known: dict[str, str], a: str, b: str) -> None:
    assert linked_known[a] != linked_known[b]


def pairwise_f1(labels: list[str], truth: list[int]) -> float:
    def pairs(groups: list[object]) -> int:
        return sum(c * (c - 1) // 2 for c in Counter(groups).values())

    true_positive = pairs(list(zip(labels, truth, strict=True)))
    precision = true_positive / max(pairs(labels), 1)
    recall = true_positive / max(pairs(truth), 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


def test_small_data_uses_fixed_priors_and_says_so() -> None:
    data = generate(300, seed=5)
    result = link_records(data.records, LinkageConfig(as_of_year=2026))
    assert result.training.m_source == "fixed priors"
    assert any("fixed priors" in note for note in result.training.notes)
    labels = result.assignments.column("person_id").to_pylist()
    assert pairwise_f1(labels, data.truth) > 0.8


def test_tiny_data_still_links() -> None:
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in KNOWN]
    result = link_records(records_from_rows(rows), LinkageConfig(as_of_year=2026))
    assert result.training.u_source == "fixed priors"
    persons = dict(
        zip(
            *(result.assignments.column(c).to_pylist() for c in ("record_id", "person_id")),
            strict=True,
        )
    )
    assert persons["k07"] == persons["k08"]
    assert persons["k11"] != persons["k12"]


def test_same_seed_same_result() -> None:
    data = generate(2200, seed=3)
    first = link_records(data.records, LinkageConfig(seed=4, as_of_year=2026))
    second = link_records(data.records, LinkageConfig(seed=4, as_of_year=2026))
    assert first.assignments.equals(second.assignments)
    assert first.pairs.column("record_id_l").equals(second.pairs.column("record_id_l"))
    # EM sums in parallel, so parameters may differ in the last bits between runs.
    assert _rounded(first.model) == _rounded(second.model)


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def test_synthetic_data_is_reproducible() -> None:
    assert generate(500, seed=9).records.equals(generate(500, seed=9).records)
    assert not generate(500, seed=9).records.equals(generate(500, seed=10).records)


def test_model_is_saved_with_how_it_was_trained(tmp_path: Path) -> None:
    result = link_records(generate(300, seed=2).records, LinkageConfig(as_of_year=2026))
    path = tmp_path / "model.json"
    result.write_model(path)
    text = path.read_text(encoding="utf-8")
    assert '"m_source": "fixed priors"' in text
    assert '"comparisons"' in text


def test_command_line(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    pa_csv.write_csv(generate(400, seed=1).records, source)
    out, pairs = tmp_path / "out.csv", tmp_path / "pairs.csv"
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "samen.linkage", str(source), "--out", str(out),
         "--pairs", str(pairs), "--as-of-year", "2026"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "record_id,person_id"
    assert len(lines) == 401
    assert pairs.read_text(encoding="utf-8").startswith("record_id_l,record_id_r,match_probability")
    assert (tmp_path / "out.model.json").exists()
    assert "persons" in completed.stderr


def test_command_line_refuses_bad_input(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,name\n1,Anna\n", encoding="utf-8")
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "samen.linkage", str(source), "--out", str(tmp_path / "o.csv")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 2
    assert "record_id" in completed.stderr


def test_the_core_imports_no_django() -> None:
    code = (
        "import sys, samen.linkage, samen.linkage.__main__, samen.linkage.synthetic;"
        "from samen.linkage import link_records;"
        "from samen.linkage.synthetic import generate;"
        "link_records(generate(50, seed=1).records);"
        "assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # noqa: S603
