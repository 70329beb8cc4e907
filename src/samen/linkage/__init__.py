"""Record linkage for Samen: which records from several sources are the same person.

A Django-free core on splink (DuckDB backend). Typical use::

    from samen.linkage import read_records, link_records, capture_histories

    records = read_records("signals.csv")
    result = link_records(records)
    result.write_assignments("persons.csv")      # record_id, person_id
    result.write_pairs("doubtful_pairs.csv")     # for clerical review
    result.write_model("model.json")             # parameters + how they were obtained
    table = capture_histories(result.assignments, records, {"police": "police", ...})
    table.to_csv("capture.csv")                  # input of samen.estimation

Command line: ``python -m samen.linkage INPUT.csv --out OUTPUT.csv``.
"""

from samen.linkage.capture import CaptureHistories, capture_histories, parse_list_spec
from samen.linkage.cluster import ClusterParams
from samen.linkage.decisions import DecisionConflict, ReviewDecision
from samen.linkage.incremental import (
    BLOCKING_KEYS_VERSION,
    CandidateMatch,
    blocking_keys,
    match_record,
)
from samen.linkage.records import FIELDS, RecordError, read_records, records_from_rows
from samen.linkage.run import LinkageConfig, LinkageResult, TrainingReport, link_records

__all__ = [
    "BLOCKING_KEYS_VERSION",
    "FIELDS",
    "CandidateMatch",
    "CaptureHistories",
    "ClusterParams",
    "DecisionConflict",
    "LinkageConfig",
    "LinkageResult",
    "RecordError",
    "ReviewDecision",
    "TrainingReport",
    "blocking_keys",
    "capture_histories",
    "link_records",
    "match_record",
    "parse_list_spec",
    "read_records",
    "records_from_rows",
]
