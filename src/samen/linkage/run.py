"""One linkage run: records in, a person per record, doubtful pairs and the model out."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from splink import DuckDBAPI, Linker

from samen.linkage import settings as model_settings
from samen.linkage.cluster import ClusterParams, RecordFacts, cluster_pairs
from samen.linkage.decisions import (
    ResolvedDecisions,
    ReviewDecision,
    must_link_groups,
    resolve_decisions,
)
from samen.linkage.normalise import prepare_records
from samen.linkage.progress import Progress
from samen.linkage.records import validate_records


@dataclass(frozen=True)
class LinkageConfig:
    """Choices of a run. The defaults suit Dutch municipal and national data."""

    seed: int = 0
    # Below this many records EM has too few matching pairs to learn from, and the
    # fixed priors of samen.linkage.settings are used for the m probabilities.
    min_records_for_em: int = 2000
    cluster: ClusterParams = field(default_factory=ClusterParams)
    # Pairs between these probabilities are "doubtful" and listed for review.
    doubtful_low: float = 0.1
    doubtful_high: float = 0.98
    # Pairs below this are not kept at all (they are neither links nor doubtful).
    keep_pairs_above: float = 0.05
    # Reference year for birth dates given as an age; None means this year.
    as_of_year: int | None = None
    default_country_code: str = "31"
    # Assumed share of true matches found by the deterministic rules (for λ).
    deterministic_recall: float = 0.6
    u_max_pairs: float = 5e5
    em_max_pairs: float = 5e5
    threads: int | None = None


@dataclass
class TrainingReport:
    """How the model got its parameters: said plainly, and stored with the run."""

    m_source: str  # "expectation maximisation" or "fixed priors"
    u_source: str  # "random sampling" or "fixed priors"
    probability_two_random_records_match: float
    notes: list[str] = field(default_factory=list)


@dataclass
class LinkageResult:
    assignments: pa.Table  # record_id, person_id
    # Doubtful and refused pairs with probability and note, and the reviewed pairs of
    # this run with their ``decision`` ("confirmed" / "rejected"; null: not reviewed).
    pairs: pa.Table
    model: dict[str, Any]  # splink model JSON (settings + trained parameters)
    training: TrainingReport
    timings: dict[str, float]

    @property
    def n_persons(self) -> int:
        return len(set(self.assignments.column("person_id").to_pylist()))

    def write_assignments(self, path: str | Path) -> None:
        _write_csv(self.assignments, path)

    def write_pairs(self, path: str | Path) -> None:
        _write_csv(self.pairs, path)

    def write_model(self, path: str | Path) -> None:
        document = {"training": asdict(self.training), "splink_model": self.model}
        Path(path).write_text(json.dumps(document, indent=2, default=str), encoding="utf-8")


def _write_csv(table: pa.Table, path: str | Path) -> None:
    # The csv module quotes only where needed, so the header reads record_id,person_id.
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.column_names)
        for batch in table.to_batches(max_chunksize=65_536):
            writer.writerows(zip(*(column.to_pylist() for column in batch.columns), strict=True))


TF_COLUMNS = ("full_name", "last_key", "first_key", "phone", "email", "city")


def _register_term_frequencies(
    con: duckdb.DuckDBPyConnection, db_api: DuckDBAPI, linker: Linker, table: str
) -> None:
    """Term frequencies that leave the pair itself out.

    splink's default is count/total. For a rare value that overstates how common it
    is: a name written in exactly two records of one person counts twice, though no
    other person has it. Counting ``count - 1`` (at least 1) is the frequency among
    the *other* records, the quantity the u probability of "agrees on this value"
    is about. Common names are hardly changed; rare ones gain weight.
    """
    for column in TF_COLUMNS:
        tf_table = f"samen_tf_{column}"
        con.execute(
            f"CREATE OR REPLACE TABLE {tf_table} AS "  # noqa: S608  # nosec B608
            f"SELECT {column}, greatest(count(*) - 1, 1)::DOUBLE "
            f"/ (SELECT count({column}) FROM {table}) AS tf_{column} "
            f"FROM {table} WHERE {column} IS NOT NULL GROUP BY {column}"
        )
        linker.table_management.register_term_frequency_lookup(db_api.register(tf_table), column)


def _train(linker: Linker, n: int, config: LinkageConfig) -> TrainingReport:
    notes: list[str] = []
    training = linker.training
    n_pairs = n * (n - 1) / 2
    try:
        training.estimate_probability_two_random_records_match(
            model_settings.deterministic_rules(), recall=config.deterministic_recall
        )
    except Exception as error:
        notes.append(f"match rate left at its prior: {error}")
    lam = linker._settings_obj._probability_two_random_records_match
    if lam * n_pairs < 1:
        # Fewer than one expected duplicate pair: the rules found nothing. Assume a
        # person appears 1.5 times on average, the usual multi-source overlap.
        lam = min(0.5, (n / 3) / max(n_pairs, 1))
        linker._settings_obj._probability_two_random_records_match = lam
        notes.append("no deterministic matches found: match rate set from a prior")

    u_source = "fixed priors"
    if n >= 200:
        training.estimate_u_using_random_sampling(
            max_pairs=min(config.u_max_pairs, n_pairs), seed=config.seed
        )
        u_source = "random sampling"
    else:
        notes.append(f"{n} records: too few for random sampling of u, priors used")

    m_source = "fixed priors"
    if n >= config.min_records_for_em:
        try:
            for rule in model_settings.training_blocking_rules():
                training.estimate_parameters_using_expectation_maximisation(
                    rule,
                    estimate_without_term_frequencies=True,
                    max_pairs=config.em_max_pairs,
                )
            m_source = "expectation maximisation"
        except Exception as error:
            notes.append(f"EM failed ({error}); fixed priors used for m")
    else:
        notes.append(
            f"{n} records is below min_records_for_em={config.min_records_for_em}: "
            "fixed priors used for m"
        )
    return TrainingReport(m_source, u_source, lam, notes)


def link_records(
    records: pa.Table,
    config: LinkageConfig | None = None,
    progress: Progress | None = None,
    decisions: Iterable[ReviewDecision] | None = None,
) -> LinkageResult:
    """Link ``records`` (the schema of :mod:`samen.linkage.records`) into persons.

    ``decisions`` are reviewed pairs: ``same=True`` puts the two records in one person,
    ``same=False`` keeps them apart, also through other records. Decisions on record
    ids not in ``records`` are ignored; contradictory ones raise
    :class:`samen.linkage.decisions.DecisionConflict`, naming the records.
    """
    config = config or LinkageConfig()
    progress = progress or Progress(enabled=False)
    as_of_year = config.as_of_year or dt.date.today().year

    with progress.stage("cleaning records"):
        records = validate_records(records)
        # Before any work: contradictory decisions are an error of the caller.
        reviewed = resolve_decisions(records.column("record_id").to_pylist(), decisions or ())
        prepared = prepare_records(
            records, as_of_year=as_of_year, default_country_code=config.default_country_code
        )
    n = prepared.num_rows
    # Row positions travel through splink so that pairs come back as array indices.
    prepared = prepared.append_column("pos", pa.array(np.arange(n, dtype=np.int64)))
    if n == 0:
        empty = pa.table(
            {"record_id": pa.array([], pa.string()), "person_id": pa.array([], pa.string())}
        )
        return LinkageResult(empty, _empty_pairs(), {}, TrainingReport("none", "none", 0.0), {})

    con = duckdb.connect(":memory:")
    if config.threads:
        con.execute(f"SET threads TO {int(config.threads)}")
    db_api = DuckDBAPI(con)
    table = db_api.register(prepared, dataset_display_name="records")
    settings = model_settings.build_settings()
    settings.linker_uid = f"samen-seed{config.seed}"  # a stable model JSON for a seed
    linker = Linker(table, settings, log_level=logging.ERROR)
    _register_term_frequencies(con, db_api, linker, table.physical_name)

    with progress.stage("training the model"):
        report = _train(linker, n, config)
    progress.note(f"  m: {report.m_source}; u: {report.u_source}")

    with progress.stage("scoring candidate pairs"):
        predictions = linker.inference.predict(
            threshold_match_probability=config.keep_pairs_above, warning_mode="never"
        )
        # The table name is splink's own, not user input.
        # Sorted: DuckDB returns rows in a thread-dependent order.
        query = (
            "SELECT unique_id_l, unique_id_r, match_probability, match_weight, "  # noqa: S608  # nosec B608
            f"pos_l, pos_r FROM {predictions.physical_name} ORDER BY pos_l, pos_r"
        )
        scored = con.sql(query).to_arrow_table()

    with progress.stage("clustering"):
        ids = prepared.column("unique_id").to_pylist()
        left = scored.column("pos_l").to_numpy()
        right = scored.column("pos_r").to_numpy()
        probability = scored.column(2).to_numpy(zero_copy_only=False).astype(np.float64)
        facts = RecordFacts.from_table(prepared)
        clustering = cluster_pairs(
            n,
            left,
            right,
            probability,
            facts,
            config.cluster,
            progress,
            must_link=reviewed.must_link,
            cannot_link=reviewed.cannot_link,
        )

    labels = clustering.labels
    width = max(6, len(str(int(labels.max()) + 1)))
    person_ids = [f"P{label:0{width}d}" for label in labels.tolist()]
    assignments = pa.table({"record_id": ids, "person_id": person_ids})

    pairs = _review_pairs(scored, left, right, labels, clustering.refused, config, reviewed, ids)
    model = linker.misc.save_model_to_json()
    con.close()
    return LinkageResult(assignments, pairs, model, report, dict(progress.timings))


def _empty_pairs() -> pa.Table:
    return pa.table(
        {
            "record_id_l": pa.array([], pa.string()),
            "record_id_r": pa.array([], pa.string()),
            "match_probability": pa.array([], pa.float64()),
            "match_weight": pa.array([], pa.float64()),
            "same_person": pa.array([], pa.bool_()),
            "note": pa.array([], pa.string()),
            "decision": pa.array([], pa.string()),
        }
    )


def _review_pairs(
    scored: pa.Table,
    left: np.ndarray,
    right: np.ndarray,
    labels: np.ndarray,
    refused: dict[tuple[int, int], str],
    config: LinkageConfig,
    reviewed: ResolvedDecisions,
    ids: list[str],
) -> pa.Table:
    """Pairs a reviewer should see: doubtful probabilities and merges that were refused.

    Reviewed pairs are listed with their decision, never again as doubtful; pairs whose
    outcome follows from decisions through other records are left out.
    """
    probability = scored.column(2).to_numpy(zero_copy_only=False)
    same = labels[left] == labels[right]
    doubtful = (probability >= config.doubtful_low) & (probability < config.doubtful_high)
    high_but_apart = (probability >= config.cluster.match_threshold) & ~same
    decision_of = dict.fromkeys(reviewed.must_link, "confirmed")
    decision_of.update(dict.fromkeys(reviewed.cannot_link, "rejected"))
    settled = np.zeros(len(probability), dtype=bool)
    decided = np.zeros(len(probability), dtype=bool)
    if decision_of:
        group = np.asarray(must_link_groups(len(labels), reviewed.must_link))
        apart = {
            (min(group[x], group[y]), max(group[x], group[y])) for x, y in reviewed.cannot_link
        }
        gl, gr = group[left], group[right]
        settled = (gl == gr) | np.fromiter(
            (
                (min(a, b), max(a, b)) in apart
                for a, b in zip(gl.tolist(), gr.tolist(), strict=True)
            ),
            dtype=bool,
            count=len(gl),
        )
        decided = np.fromiter(
            (
                (min(x, y), max(x, y)) in decision_of
                for x, y in zip(left.tolist(), right.tolist(), strict=True)
            ),
            dtype=bool,
            count=len(left),
        )
    keep = np.flatnonzero(((doubtful | high_but_apart) & ~settled) | decided)
    notes: list[str] = []
    decisions: list[str | None] = []
    listed: set[tuple[int, int]] = set()
    for k in keep.tolist():
        x, y = int(left[k]), int(right[k])
        pair = (min(x, y), max(x, y))
        decision = decision_of.get(pair)
        decisions.append(decision)
        if decision:
            listed.add(pair)
            notes.append(_decision_note(decision))
            continue
        reason = refused.get(pair)
        if same[k]:
            notes.append(
                "linked"
                if probability[k] >= config.cluster.match_threshold
                else "linked through other records"
            )
        elif reason:
            notes.append(f"not linked: {reason}")
        elif probability[k] >= config.cluster.match_threshold:
            notes.append("not linked: a record is in a conflicting group")
        else:
            notes.append("not linked: below the match threshold")
    taken = scored.take(pa.array(keep))
    table = pa.table(
        {
            "record_id_l": taken.column(0),
            "record_id_r": taken.column(1),
            "match_probability": taken.column(2).cast(pa.float64()),
            "match_weight": taken.column(3).cast(pa.float64()),
            "same_person": pa.array(same[keep]),
            "note": pa.array(notes, pa.string()),
            "decision": pa.array(decisions, pa.string()),
        }
    )
    # Reviewed pairs that splink did not score above keep_pairs_above (or at all).
    unscored = sorted(pair for pair in decision_of if pair not in listed)
    if not unscored:
        return table
    extra = pa.table(
        {
            "record_id_l": pa.array([ids[x] for x, _ in unscored], pa.string()),
            "record_id_r": pa.array([ids[y] for _, y in unscored], pa.string()),
            "match_probability": pa.nulls(len(unscored), pa.float64()),
            "match_weight": pa.nulls(len(unscored), pa.float64()),
            "same_person": pa.array([bool(labels[x] == labels[y]) for x, y in unscored]),
            "note": pa.array([_decision_note(decision_of[p]) for p in unscored], pa.string()),
            "decision": pa.array([decision_of[p] for p in unscored], pa.string()),
        }
    )
    return pa.concat_tables([table, extra.cast(table.schema)])


def _decision_note(decision: str) -> str:
    return (
        "same person: confirmed by review"
        if decision == "confirmed"
        else ("different people: rejected by review")
    )
