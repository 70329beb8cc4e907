import datetime as dt

import numpy as np

from samen.linkage.cluster import ClusterParams, RecordFacts, cluster_pairs, conflict


def facts(*records: tuple[str, dt.date | None, str | None]) -> RecordFacts:
    return RecordFacts(
        source=[r[0] for r in records],
        birth_date=[r[1] for r in records],
        birth_year=[r[1].year if r[1] else None for r in records],
        gender=[r[2] for r in records],
    )


def run(
    n: int, pairs: list[tuple[int, int, float]], f: RecordFacts, params: ClusterParams | None = None
) -> list[int]:
    left, right, prob = (np.array(v) for v in zip(*pairs, strict=True))
    return cluster_pairs(n, left, right, prob.astype(float), f, params).labels.tolist()


def test_a_record_without_birth_date_does_not_chain_two_people() -> None:
    # 1 has no birth date and resembles both 0 and 2, who were born 20 years apart.
    f = facts(
        ("police", dt.date(1970, 1, 1), "m"),
        ("care", None, "m"),
        ("shelter", dt.date(1990, 6, 6), "m"),
    )
    labels = run(3, [(0, 1, 0.99), (1, 2, 0.95)], f)
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_a_record_that_fits_two_people_equally_is_left_alone() -> None:
    f = facts(
        ("police", dt.date(1970, 1, 1), "m"),
        ("care", None, "m"),
        ("shelter", dt.date(1990, 6, 6), "m"),
    )
    assert run(3, [(0, 1, 0.96), (1, 2, 0.95)], f) == [0, 1, 2]
    # Without the ambiguity check the stronger pair wins.
    assert run(3, [(0, 1, 0.96), (1, 2, 0.95)], f, ClusterParams(ambiguity_margin_bits=None)) == [
        0,
        0,
        1,
    ]


def test_a_low_scored_pair_vetoes_the_merge() -> None:
    f = facts(("a", None, None), ("b", None, None), ("c", None, None))
    pairs = [(0, 1, 0.99), (1, 2, 0.98), (0, 2, 0.001)]
    assert run(3, pairs, f, ClusterParams(cannot_link_below=0.005)) == [0, 0, 1]
    assert run(3, pairs, f) == [0, 0, 0]  # off by default


def test_same_source_needs_a_near_certain_direct_pair() -> None:
    f = facts(("police", None, None), ("police", None, None), ("care", None, None))
    assert run(3, [(0, 1, 0.95)], f) == [0, 1, 2]
    assert run(3, [(0, 1, 0.995)], f) == [0, 0, 1]
    # Joined through a third record but never compared directly: kept apart.
    assert run(3, [(0, 2, 0.99), (1, 2, 0.98)], f) == [0, 1, 0]


def test_known_registration_errors_in_dates_are_compatible() -> None:
    base = ("a", dt.date(1990, 3, 4), "f")
    for variant in (
        dt.date(1990, 4, 3),  # day and month swapped
        dt.date(1991, 3, 4),  # year one off
        dt.date(1990, 3, 14),  # one digit
    ):
        assert conflict(0, 1, facts(base, ("b", variant, "f"))) is None
    assert conflict(0, 1, facts(base, ("b", dt.date(1990, 5, 20), "f"))) == "different birth dates"
    assert conflict(0, 1, facts(base, ("b", dt.date(1990, 3, 4), "m"))) == "different gender"


def test_siblings_with_the_same_surname_stay_apart() -> None:
    f = RecordFacts(
        source=["a", "b", "c"],
        birth_date=[dt.date(2001, 5, 5)] * 3,
        birth_year=[2001] * 3,
        gender=["f"] * 3,
        first_name=["anna", "marta", "ania"],
        last_name=["kowalska", "kowalska", "kowalska"],
    )
    # Anna and Marta: twins. Ania is a short form of Anna (a prefix), so not a conflict.
    assert run(3, [(0, 1, 0.999), (0, 2, 0.99)], f) == [0, 1, 0]


def test_labels_do_not_depend_on_pair_order() -> None:
    f = facts(*[(f"s{i}", None, None) for i in range(6)])
    pairs = [(0, 3, 0.99), (3, 5, 0.97), (1, 2, 0.96), (4, 1, 0.93)]
    assert run(6, pairs, f) == run(6, pairs[::-1], f) == [0, 1, 1, 0, 1, 0]
