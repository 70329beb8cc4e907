"""One new record against existing ones, without a full run (intake).

Two steps, both Django-free:

* :func:`blocking_keys` gives a record a small set of strings. The application stores
  them (as HMAC blind indexes) and looks up the existing records that share one: the
  same idea as the blocking rules of a full run (:func:`samen.linkage.settings.blocking_rules`),
  as exact-match keys that an index can answer.
* :func:`match_record` scores the new record against those candidates with splink
  itself and the model of the last full run, so that a score here means what it means
  there.

Scores differ from a full run in one respect: term frequencies. A full run knows how
common each name, phone number and city is among all records; here only the candidates
are known, and they were chosen for sharing a key, so counting among them would call
every shared name common. The comparison levels' own u probabilities are used instead
(splink's behaviour without term-frequency adjustment): a rare exact name counts
somewhat less here than in a full run, a very common one somewhat more.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from splink import DuckDBAPI, Linker

from samen.linkage import settings as model_settings
from samen.linkage.cluster import ClusterParams, RecordFacts, _given_names_differ, conflict
from samen.linkage.normalise import (
    canonical_first,
    fold_name,
    normalise_city,
    normalise_email,
    normalise_phone,
    parse_birth_date,
    phonetic_key,
    prepare_records,
)
from samen.linkage.records import FIELDS, records_from_rows
from samen.linkage.run import TF_COLUMNS

# Bump when the recipe of the keys changes: stored keys must then be computed anew.
BLOCKING_KEYS_VERSION = 1

# The new record's id inside a scoring call (the caller's ids may be anything).
_NEW_ID = "\x00new"


def _text(record: Mapping[str, object], name: str) -> str | None:
    # As records.validate_records reads a field: trimmed, empty means missing.
    value = record.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def blocking_keys(
    record: Mapping[str, object],
    *,
    as_of_year: int | None = None,
    default_country_code: str = "31",
) -> set[str]:
    """Keys such that two records of one person share at least one, with high probability.

    Each key is ``kind:value`` of cleaned, derived values (phonetic name keys, canonical
    given names, birth date or year, international phone digits, e-mail address,
    city), mirroring the blocking rules of a full run:

    ``n``  both names' phonetic keys, order-free (transliteration, spelling, swaps);
    ``ly`` a name's phonetic key + birth year, for the surname and, to catch swapped
           names, the given name too; ``fy`` canonical given name + birth year;
    ``di`` birth date + first initial; ``ds`` birth date + both initials, order-free;
    ``lc`` surname key + city; ``p`` the last 9 digits of the phone number (so that a
    missing or other country code still meets); ``e`` the e-mail address.

    Deterministic and free of the raw field values; still personal data (a phone number
    or e-mail address is in it as cleaned), so store them only as blind indexes.
    """
    year_now = as_of_year or dt.date.today().year
    first = fold_name(_text(record, "first_name"))
    last = fold_name(_text(record, "last_name"))
    first_key, last_key = phonetic_key(first), phonetic_key(last)
    first_canon = canonical_first(first)
    birth = parse_birth_date(_text(record, "birth_date"), year_now)
    phone = normalise_phone(_text(record, "phone"), default_country_code)
    email = normalise_email(_text(record, "email"))
    city = normalise_city(_text(record, "city"))

    keys: set[str] = set()
    if first_key and last_key:
        keys.add("n:" + "|".join(sorted((first_key, last_key))))
    if birth.year is not None:
        for name_key in (last_key, first_key):
            if name_key:
                keys.add(f"ly:{name_key}|{birth.year}")
        if first_canon:
            keys.add(f"fy:{first_canon}|{birth.year}")
    if birth.date is not None:
        day = birth.date.isoformat()
        if first:
            keys.add(f"di:{day}|{first[0]}")
        if first and last:
            keys.add(f"ds:{day}|{''.join(sorted(first[0] + last[0]))}")
    if last_key and city:
        keys.add(f"lc:{last_key}|{city}")
    if phone:
        keys.add(f"p:{phone[-9:]}")
    if email:
        keys.add(f"e:{email}")
    return keys


@dataclass(frozen=True)
class CandidateMatch:
    """How well one existing record matches the new one.

    ``reasons`` are the comparisons that counted for a match (strongest first):
    ``name``, ``birth``, ``gender``, ``nationality``, ``phone``, ``email``, ``city``;
    ``against`` those that counted against it. ``levels`` gives, per compared field,
    the comparison level in words (the labels of :mod:`samen.linkage.settings`).
    ``conflict`` says why a full run would keep the two apart whatever the score
    (different birth dates, a relative with the same surname), or is None.
    """

    record_id: str
    probability: float
    match_weight: float
    reasons: tuple[str, ...]
    against: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()
    conflict: str | None = None


class _Scorer:
    """A splink linker for one model on its own in-memory DuckDB, reused across calls.

    Building the linker (parsing the model, generating SQL) costs more than scoring a
    few hundred pairs, so it is kept per model. DuckDB connections are not for
    concurrent use: one call at a time.
    """

    def __init__(self, model: dict[str, Any] | None) -> None:
        self.lock = threading.Lock()
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET threads TO 1")  # a few hundred pairs: threads only cost
        self.db_api = DuckDBAPI(self.con)
        template = _with_null_term_frequencies(_prepare([{"record_id": "t", "source": "t"}]))
        empty = self.db_api.register(template.slice(0, 0), dataset_display_name="samen_none")
        settings = model if model else model_settings.build_settings()
        self.linker = Linker(empty, settings, log_level=logging.ERROR)
        self.comparisons = [
            (
                c.output_column_name,
                {
                    level.comparison_vector_value: level.label_for_charts
                    for level in c.comparison_levels
                },
            )
            for c in self.linker._settings_obj.comparisons
        ]
        self.counter = itertools.count()

    def score(self, new: pa.Table, candidates: pa.Table) -> pa.Table:
        with self.lock:
            n = next(self.counter)
            names = (f"samen_new_{n}", f"samen_candidates_{n}")
            self.con.register(names[0], new)
            self.con.register(names[1], candidates)
            try:
                left, right = (self.db_api.table_to_splink_dataframe(x, x) for x in names)
                scored = self.linker.inference.score_pairs(left, right)
                try:
                    return self.con.sql(
                        f"SELECT * FROM {scored.physical_name}"  # noqa: S608  # nosec B608
                    ).to_arrow_table()
                finally:
                    scored.drop_table_from_database_and_remove_from_cache()
            finally:
                for name in names:
                    self.con.unregister(name)


@lru_cache(maxsize=8)
def _scorer(model_json: str) -> _Scorer:
    return _Scorer(json.loads(model_json) if model_json else None)


def _prepare(
    rows: Sequence[Mapping[str, object]], as_of_year: int | None = None, country: str = "31"
) -> pa.Table:
    table = records_from_rows(rows)
    prepared = prepare_records(
        table, as_of_year=as_of_year or dt.date.today().year, default_country_code=country
    )
    return prepared.append_column("pos", pa.array(np.arange(prepared.num_rows, dtype=np.int64)))


def _with_null_term_frequencies(prepared: pa.Table) -> pa.Table:
    # A tf_ column on the input tells splink the frequency is given; null means "none
    # known", so the level's own u probability is used (see the module docstring).
    for column in TF_COLUMNS:
        prepared = prepared.append_column(f"tf_{column}", pa.nulls(prepared.num_rows, pa.float64()))
    return prepared


def _model_json(model: Mapping[str, Any] | None) -> str:
    if not model:
        return ""
    # Accept the document LinkageResult.write_model writes as well as the bare model.
    inner = model.get("splink_model", model)
    return json.dumps(inner, sort_keys=True, default=str) if inner else ""


def match_record(
    new: Mapping[str, object],
    candidates: Sequence[Mapping[str, object]],
    model: Mapping[str, Any] | None,
    *,
    threshold: float = 0.5,
    as_of_year: int | None = None,
    default_country_code: str = "31",
) -> list[CandidateMatch]:
    """Score ``new`` against each of ``candidates``; matches at or above ``threshold``.

    Records are mappings with the fields of :data:`samen.linkage.records.FIELDS`;
    candidates need a unique ``record_id``, ``new`` needs none, and ``source`` may be
    left out. ``model`` is ``LinkageResult.model`` of a run (or the document that
    ``write_model`` saved); empty or None uses the fixed priors of
    :mod:`samen.linkage.settings`. Sorted by probability, highest first (ties by
    record id).
    """
    if not candidates:
        return []
    rows = [
        {**_only_fields(new), "record_id": _NEW_ID, "source": _text(new, "source") or "new"},
        *({**_only_fields(c), "source": _text(c, "source") or "unknown"} for c in candidates),
    ]
    prepared = _with_null_term_frequencies(_prepare(rows, as_of_year, default_country_code))
    scorer = _scorer(_model_json(model))
    scored = scorer.score(prepared.slice(0, 1), prepared.slice(1))

    facts = RecordFacts.from_table(prepared)
    overrule = ClusterParams().overrule_conflicts_above
    matches = []
    for row in scored.to_pylist():
        probability = float(row["match_probability"])
        if probability < threshold:
            continue
        weights = []
        levels = []
        for name, labels in scorer.comparisons:
            gamma = row.get(f"gamma_{name}")
            if gamma is None or gamma == -1:
                continue  # a field missing on either side says nothing
            levels.append((name, labels.get(gamma, str(gamma))))
            weight = (row.get(f"mw_{name}") or 0.0) + (row.get(f"mw_tf_adj_{name}") or 0.0)
            weights.append((weight, name))
        position = int(row["pos_r"])
        reason = None
        if _given_names_differ(0, position, facts):
            reason = "same surname, different given names (a relative?)"
        elif probability < overrule:
            reason = conflict(0, position, facts, scored=True)
        matches.append(
            CandidateMatch(
                record_id=str(row["unique_id_r"]),
                probability=probability,
                match_weight=float(row["match_weight"]),
                reasons=tuple(n for w, n in sorted(weights, key=lambda x: -x[0]) if w > 0),
                against=tuple(n for w, n in sorted(weights, key=lambda x: x[0]) if w < 0),
                levels=tuple(levels),
                conflict=reason,
            )
        )
    matches.sort(key=lambda m: (-m.probability, m.record_id))
    return matches


def _only_fields(record: Mapping[str, object]) -> dict[str, object]:
    return {name: record.get(name) for name in FIELDS}
