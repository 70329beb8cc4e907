"""The intake draft: the raw input of every step, encrypted in the session.

Keeping the raw input (not only valid data) means that going back, an interrupted
session or a validation error never loses what the user typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict

from samen.core import crypto

SESSION_KEY = "samen_intake_draft"
CONTEXT = "session.intake_draft"
STEPS = ["persons", "where", "what", "indicators", "urgency", "review"]


@dataclass
class Draft:
    raw: dict[str, dict[str, list[str]]]
    done: list[str]
    # Suggested values (e.g. a hotel's own address) shown before a step is first sent.
    prefill: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: SessionBase) -> Draft:
        token = session.get(SESSION_KEY)
        if not token:
            return cls(raw={}, done=[])
        try:
            data = json.loads(crypto.decrypt(token, context=CONTEXT))
        except (crypto.DecryptionError, ValueError):
            return cls(raw={}, done=[])
        return cls(
            raw=data.get("raw", {}), done=data.get("done", []), prefill=data.get("prefill", {})
        )

    def save(self, session: SessionBase) -> None:
        payload = json.dumps({"raw": self.raw, "done": self.done, "prefill": self.prefill})
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
        self.raw[step] = {k: v for k, v in post.lists() if k != "csrfmiddlewaretoken"}
        if valid and step not in self.done:
            self.done.append(step)
        if not valid and step in self.done:
            self.done.remove(step)

    def first_missing(self, before: str) -> str | None:
        """The first earlier step that is not complete, to send the user back to."""
        for step in STEPS[: STEPS.index(before)]:
            if step not in self.done:
                return step
        return None

    def value(self, step: str, name: str, default: Any = None) -> Any:
        values = self.raw.get(step, {}).get(name)
        if values:
            return values[0]
        return self.prefill.get(step, {}).get(name, default)

    @property
    def started(self) -> bool:
        return bool(self.raw)
