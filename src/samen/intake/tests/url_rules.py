"""The intake's rows of the URL-by-role matrix (core/tests/test_access_matrix.py)."""

from __future__ import annotations

from samen.core.models import Role
from samen.core.tests.url_matrix import Rule
from samen.intake.tests.factories import make_signal

REPORTING = frozenset({Role.COORDINATOR, Role.CASE_WORKER, Role.REPORTER, Role.BUSINESS_USER})
COORDINATOR = frozenset({Role.COORDINATOR})


def own_signal(user):  # type: ignore[no-untyped-def]
    return {"reference": make_signal(user).reference}


def signal_in_harderwijk(user):  # type: ignore[no-untyped-def]
    return {"reference": make_signal(None).reference}


RULES = {
    "intake:report": Rule(REPORTING),
    "intake:report_step": Rule(REPORTING, kwargs={"step": "persons"}),
    "intake:report_discard": Rule(REPORTING, method="post"),
    "intake:my_signals": Rule(REPORTING),
    "intake:follow_signal": Rule(REPORTING, setup=own_signal),
    "intake:report_done": Rule(REPORTING, setup=own_signal),
    "intake:triage_queue": Rule(COORDINATOR),
    "intake:signal_detail": Rule(COORDINATOR, setup=signal_in_harderwijk),
}

RULES |= {
    "intake:reporter_attach": Rule(REPORTING, method="post", setup=own_signal),
    "intake:coordinator_attach": Rule(COORDINATOR, method="post", setup=signal_in_harderwijk),
}


def attachment_in_harderwijk(user):  # type: ignore[no-untyped-def]
    from samen.intake import attachments

    signal = make_signal(None)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attachment = attachments.add(signal, None, name="doc.pdf", data=pdf)
    return {"reference": signal.reference, "pk": attachment.pk}


RULES["intake:attachment_download"] = Rule(COORDINATOR, setup=attachment_in_harderwijk)

RULES["intake:message_reporter"] = Rule(COORDINATOR, method="post", setup=signal_in_harderwijk)

# The spreadsheet import: coordinators only. Without an upload the later steps send the
# coordinator back to step 1 (302); everyone else is refused.
RULES |= {
    "intake:import_upload": Rule(COORDINATOR),
    "intake:import_mapping": Rule(COORDINATOR),
    "intake:import_review": Rule(COORDINATOR),
    "intake:import_done": Rule(COORDINATOR),
    "intake:import_cancel": Rule(COORDINATOR, method="post"),
}
