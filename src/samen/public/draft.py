"""The unfinished report: the raw answers of every step, encrypted in a short session.

Only a report in progress and the follow-up of an opened report use the session; the
start and follow-up pages set no cookie. The raw input (not only valid answers) is kept
so that going back, an error or an interrupted visit never loses what was typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict

from samen.core import crypto

SESSION_KEY = "samen_public_draft"
RECEIPT_KEY = "samen_public_receipt"
FOLLOW_KEY = "samen_public_follow"
CONTEXT = "session.public_draft"
STEPS = ["about", "where", "contact", "send"]
# Raw values are kept up to this length: enough for every field, never a flood.
MAX_KEPT = 20_000


@dataclass
class Draft:
    raw: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, session: SessionBase) -> Draft:
        token = session.get(SESSION_KEY)
        if not token:
            return cls()
        try:
            data = json.loads(crypto.decrypt(token, context=CONTEXT))
        except (crypto.DecryptionError, ValueError):
            return cls()
        return cls(raw=data.get("raw", {}), done=data.get("done", []))

    def save(self, session: SessionBase) -> None:
        payload = json.dumps({"raw": self.raw, "done": self.done})
        session[SESSION_KEY] = crypto.encrypt(payload, context=CONTEXT)

    @staticmethod
    def clear(session: SessionBase) -> None:
        session.pop(SESSION_KEY, None)

    def data_for(self, step: str) -> QueryDict | None:
        raw = self.raw.get(step)
        if raw is None:
            return None
        query = QueryDict(mutable=True)
        for key, values in raw.items():
            query.setlist(key, values)
        return query

    def keep(self, step: str, post: QueryDict, *, valid: bool) -> None:
        self.raw[step] = {
            key: [value[:MAX_KEPT] for value in values[:10]]
            for key, values in post.lists()
            if key in KEPT_FIELDS.get(step, ())
        }
        if valid and step not in self.done:
            self.done.append(step)
        if not valid and step in self.done:
            self.done.remove(step)

    def first_missing(self, before: str) -> str | None:
        for step in STEPS[: STEPS.index(before)]:
            if step not in self.done:
                return step
        return None

    @property
    def started(self) -> bool:
        return bool(self.raw)


# Only the fields of each step are kept, never whatever else a request carries.
KEPT_FIELDS = {
    "about": ("who", "what", "description", "since"),
    "where": ("municipality", "place", "danger"),
    "contact": ("wanted", "contact"),
}
