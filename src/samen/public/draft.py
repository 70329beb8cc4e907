"""The unfinished report: the raw answers of every step, encrypted in a short session.

Only a report in progress and the follow-up of an opened report use the session; the
start and follow-up pages set no cookie. The raw input (not only valid answers) is kept
so that going back, an error or an interrupted visit never loses what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from samen.core.drafts import StepDraft

SESSION_KEY = "samen_public_draft"
RECEIPT_KEY = "samen_public_receipt"
FOLLOW_KEY = "samen_public_follow"
CONTEXT = "session.public_draft"
STEPS = ["about", "where", "contact", "send"]
# Raw values are kept up to this length: enough for every field, never a flood.
MAX_KEPT = 20_000


@dataclass
class Draft(StepDraft):
    SESSION_KEY = SESSION_KEY
    CONTEXT = CONTEXT
    STEPS = STEPS

    def kept(self, step: str, post: QueryDict) -> dict[str, list[str]]:
        # Only the fields of the step, bounded: never whatever else a request carries.
        return {
            key: [value[:MAX_KEPT] for value in values[:10]]
            for key, values in post.lists()
            if key in KEPT_FIELDS.get(step, ())
        }


# Only the fields of each step are kept, never whatever else a request carries.
KEPT_FIELDS = {
    "about": ("who", "what", "description", "since"),
    "where": ("municipality", "place", "danger"),
    "contact": ("wanted", "contact"),
}
