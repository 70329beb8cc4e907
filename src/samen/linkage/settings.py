"""The splink model: comparisons, blocking rules and fixed priors.

Columns come from :func:`samen.linkage.normalise.prepare_records`. Every comparison
level carries a prior ``m`` (how often a true match shows this level) and ``u`` (how
often two different people do). With enough data EM replaces the ``m`` values and
random sampling replaces ``u``; with little data (a municipality with a few hundred
records) the priors are used as they are, and the run says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

# The level SQL below is written in DuckDB's dialect; naming it lets splink translate
# it (through sqlglot) when the same model runs on its Spark backend. Not yet tried on
# Spark: jaro_winkler_similarity and damerau_levenshtein need splink's Spark UDFs.
SQL_DIALECT = "duckdb"


@dataclass(frozen=True)
class Level:
    """One comparison level with its prior m and u probabilities."""

    sql: str
    label: str
    m: float
    u: float
    tf_column: str | None = None


def _comparison(
    name: str, description: str, null_sql: str, levels: list[Level]
) -> ComparisonCreator:
    creators: list[cll.ComparisonLevelCreator] = [
        cll.CustomLevel(null_sql, "null", base_dialect_str=SQL_DIALECT).configure(
            is_null_level=True
        )
    ]
    for level in levels:
        creator = cll.CustomLevel(level.sql, level.label, base_dialect_str=SQL_DIALECT).configure(
            m_probability=level.m, u_probability=level.u
        )
        if level.tf_column:
            # Base the adjustment on this level's own u: several levels here are not
            # plain exact matches (sound-alike keys), and splink would otherwise look
            # for an exact-match level on the tf column.
            creator.configure(
                tf_adjustment_column=level.tf_column,
                tf_minimum_u_value=1e-5,
                disable_tf_exact_match_detection=True,
            )
        creators.append(creator)
    creators.append(
        cll.ElseLevel().configure(
            m_probability=_rest(levels, "m"), u_probability=_rest(levels, "u")
        )
    )
    return cl.CustomComparison(
        creators, output_column_name=name, comparison_description=description
    )


def _rest(levels: list[Level], attr: str) -> float:
    return max(1e-4, 1.0 - sum(getattr(level, attr) for level in levels))


def _jw(col: str, threshold: float) -> str:
    return f"jaro_winkler_similarity({col}_l, {col}_r) >= {threshold}"


# Names. One comparison for first and last name together, because a swap moves
# evidence from one to the other; ordered from strongest to weakest agreement.
NAME_LEVELS = [
    Level("full_name_l = full_name_r",
          "exact first and last name", 0.50, 4e-4, "full_name"),
    Level("first_name_l = last_name_r AND last_name_l = first_name_r",
          "first and last name swapped", 0.03, 1e-5),
    Level("name_set_key_l = name_set_key_r",
          "both names sound alike (transliteration, spelling, swap)", 0.14, 6e-4),
    Level("(first_canon_l = first_canon_r"
          f" AND (last_key_l = last_key_r OR {_jw('last_name', 0.9)}))"
          f" OR ({_jw('first_name', 0.9)} AND {_jw('last_name', 0.9)})"
          " OR (first_canon_l = last_canon_r AND last_key_l = first_key_r)"
          " OR (last_canon_l = first_canon_r AND first_key_l = last_key_r)",
          "nickname or typo in one or both names", 0.12, 1e-3),
    Level("last_key_l = last_key_r AND first_initial_l = first_initial_r",
          "same last name, first name an initial or differently written", 0.05, 2e-3),
    # A missing name is not a disagreeing one: an agreeing surname next to a missing
    # given name is better evidence than next to a different given name (a relative).
    Level("last_key_l = last_key_r AND (first_name_l IS NULL OR first_name_r IS NULL)",
          "same last name, first name missing on one side", 0.03, 2e-3, "last_key"),
    Level("last_key_l = last_key_r OR last_key_l = first_key_r OR first_key_l = last_key_r",
          "same last name only (either name order)", 0.04, 1.5e-2, "last_key"),
    Level("(first_canon_l = first_canon_r OR first_key_l = first_key_r)"
          " AND (last_name_l IS NULL OR last_name_r IS NULL)",
          "same first name, last name missing on one side", 0.02, 5e-3, "first_key"),
    Level("first_canon_l = first_canon_r OR first_key_l = first_key_r",
          "same first name only", 0.03, 3e-2, "first_key"),
]  # fmt: skip
NAME_NULL = (
    "(first_name_l IS NULL AND last_name_l IS NULL)"
    " OR (first_name_r IS NULL AND last_name_r IS NULL)"
)

# Birth dates, with the errors registrations really make: day and month swapped, one
# digit wrong, only a year written down, an age instead of a date.
BIRTH_LEVELS = [
    Level("birth_date_l = birth_date_r", "same date of birth", 0.62, 1e-4),
    Level("year(birth_date_l) = year(birth_date_r) AND month(birth_date_l) = day(birth_date_r)"
          " AND day(birth_date_l) = month(birth_date_r)", "day and month swapped", 0.03, 1e-5),
    Level("damerau_levenshtein(strftime(birth_date_l, '%Y%m%d'),"
          " strftime(birth_date_r, '%Y%m%d')) <= 1",
          "one digit different", 0.05, 6e-4),
    Level("birth_year_l = birth_year_r AND (birth_date_l IS NULL OR birth_date_r IS NULL)",
          "same year, one side only a year or age", 0.16, 2e-2),
    Level("abs(birth_year_l - birth_year_r) <= 1"
          " AND (birth_kind_l <> 'day' OR birth_kind_r <> 'day')",
          "within a year, one side only a year or age", 0.05, 4e-2),
    Level("abs(birth_year_l - birth_year_r) <= 1", "different date within a year", 0.04, 4e-2),
]  # fmt: skip
BIRTH_NULL = "birth_year_l IS NULL OR birth_year_r IS NULL"

PHONE_LEVELS = [
    Level("phone_l = phone_r", "same phone number", 0.85, 1e-4, "phone"),
    Level("right(phone_l, 9) = right(phone_r, 9)", "same number, other country code", 0.03, 1e-5),
    Level("damerau_levenshtein(phone_l, phone_r) <= 1", "one digit different", 0.02, 1e-4),
]  # fmt: skip

EMAIL_LEVELS = [
    Level("email_l = email_r", "same e-mail address", 0.90, 1e-5, "email"),
    Level("split_part(email_l, '@', 1) = split_part(email_r, '@', 1)",
          "same user name", 0.03, 1e-5),
    # No "similar address" level: addresses are built from names, so two namesakes'
    # addresses look alike (anna.jansen12@ / anna.jansen85@) and the name already counts.
]  # fmt: skip


def _simple(column: str, m: float, u: float, tf: bool = False) -> ComparisonCreator:
    return _comparison(
        column,
        f"{column} equal or not",
        f"{column}_l IS NULL OR {column}_r IS NULL",
        [Level(f"{column}_l = {column}_r", f"same {column}", m, u, column if tf else None)],
    )


def comparisons() -> list[ComparisonCreator]:
    return [
        _comparison("name", "first and last name", NAME_NULL, NAME_LEVELS),
        _comparison("birth", "date of birth, year or age", BIRTH_NULL, BIRTH_LEVELS),
        _simple("gender", 0.97, 0.5),
        _simple("nationality", 0.85, 0.25),
        _comparison("phone", "phone number", "phone_l IS NULL OR phone_r IS NULL", PHONE_LEVELS),
        _comparison("email", "e-mail address", "email_l IS NULL OR email_r IS NULL", EMAIL_LEVELS),
        _simple("city", 0.75, 0.08, tf=True),
    ]


def blocking_rules() -> list[BlockingRuleCreator]:
    """Candidate pairs: a pair is scored when it agrees on any one of these.

    Each rule catches the matches that the others lose to one kind of error, while no
    rule joins on one weak field alone (a birth year or a city would make blocks of
    thousands at national scale).
    """
    return [
        block_on("name_set_key"),  # names alike in either order, any birth date
        block_on("last_key", "birth_year"),  # first name a nickname, initial or typo
        block_on("first_canon", "birth_year"),  # last name with a typo or another spelling
        "l.first_key = r.last_key AND l.birth_year = r.birth_year",  # swapped, with a typo
        "l.last_key = r.first_key AND l.birth_year = r.birth_year",
        block_on("birth_date", "first_initial"),  # both names written differently
        block_on("birth_date", "initials_set"),  # ... and swapped
        block_on("last_key", "city"),  # first name changed and no birth date
        block_on("phone"),
        block_on("email"),
    ]


def training_blocking_rules() -> list[BlockingRuleCreator]:
    """EM sessions: each fixes one field group so the others can be estimated."""
    # Each session must block on a field whose agreement makes most pairs true matches,
    # or EM settles on another split of the data. Names plus city did badly here (the
    # birth-date "else" level came out as likely for matches as for non-matches); a
    # shared phone number works.
    return [block_on("birth_date"), block_on("phone")]


def deterministic_rules() -> list[str]:
    """Pairs that are almost surely the same person, to estimate the match rate."""
    return [
        "l.full_name = r.full_name AND l.birth_date = r.birth_date",
        "l.phone = r.phone AND l.last_key = r.last_key",
        "l.email = r.email",
    ]


def build_settings(*, probability_two_random_records_match: float = 1e-4) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,
        additional_columns_to_retain=["source", "pos"],
    )


def baseline_settings(*, probability_two_random_records_match: float = 1e-4) -> SettingsCreator:
    """A plain splink configuration from the comparison library, for the benchmark.

    Same cleaned columns as the tuned model, but only splink's stock comparisons,
    simple blocking and (in the benchmark) connected components.
    """
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("last_name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
            cl.ExactMatch("gender"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "last_name"),
            block_on("last_name", "birth_date"),
            block_on("first_name", "birth_date"),
            block_on("phone"),
            block_on("email"),
        ],
        probability_two_random_records_match=probability_two_random_records_match,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,
        additional_columns_to_retain=["source"],
    )
