"""The persons app's rows of the URL-by-role matrix (core/tests/test_access_matrix.py).

Every user of the matrix acts for Gemeente Harderwijk. Only coordinators may open the
linkage pages; a pair is built from two Harderwijk signals, which they may see.
"""

from __future__ import annotations

from samen.core.models import Role
from samen.core.tests.url_matrix import Rule
from samen.persons.models import LinkageRun, PairReview
from samen.persons.tests.factories import record_of, report

COORDINATOR = frozenset({Role.COORDINATOR})


def a_run(user):  # type: ignore[no-untyped-def]
    return {"pk": LinkageRun.objects.create().pk}


def a_pair(user):  # type: ignore[no-untyped-def]
    a = record_of(report("Oksana Petrenko", age=23))
    b = record_of(report("Petrenko", age=23))
    review, _ = PairReview.objects.get_or_create(record_a=a, record_b=b)
    return {"public_id": review.public_id}


RULES = {
    "persons:linkage": Rule(COORDINATOR),
    "persons:start_run": Rule(COORDINATOR, method="post"),
    "persons:run_progress": Rule(COORDINATOR, setup=a_run),
    "persons:review_list": Rule(COORDINATOR),
    "persons:pair": Rule(COORDINATOR, setup=a_pair),
}
