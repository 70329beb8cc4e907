"""An unfinished multi-step form: the raw input of every step, encrypted in the session.

Keeping the raw input (not only valid data) means that going back, an interrupted visit
or a validation error never loses what was typed; encrypting it keeps personal data out
of the session table in plain text. Apps subclass it with their session key, context and
steps (intake's guided report, the public channel).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Self

from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict

from samen.core import crypto


@dataclass
class StepDraft:
    SESSION_KEY: ClassVar[str]
    CONTEXT: ClassVar[str]
    STEPS: ClassVar[list[str]]

    raw: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, session: SessionBase) -> Self:
        token = session.get(cls.SESSION_KEY)
        if not token:
            return cls()
        try:
            data = json.loads(crypto.decrypt(token, context=cls.CONTEXT))
        except (crypto.DecryptionError, ValueError):
            return cls()
        return cls(**{name: data[name] for name in cls._stored() if name in data})

    @classmethod
    def _stored(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def save(self, session: SessionBase) -> None:
        payload = json.dumps({name: getattr(self, name) for name in self._stored()})
        session[self.SESSION_KEY] = crypto.encrypt(payload, context=self.CONTEXT)

    @classmethod
    def clear(cls, session: SessionBase) -> None:
        session.pop(cls.SESSION_KEY, None)

    def data_for(self, step: str) -> QueryDict | None:
        raw = self.raw.get(step)
        if raw is None:
            return None
        query = QueryDict(mutable=True)
        for key, values in raw.items():
            query.setlist(key, values)
        return query

    def kept(self, step: str, post: QueryDict) -> dict[str, list[str]]:
        """What of a request is kept for a step; subclasses narrow it."""
        return {k: v for k, v in post.lists() if k != "csrfmiddlewaretoken"}

    def keep(self, step: str, post: QueryDict, *, valid: bool) -> None:
        self.raw[step] = self.kept(step, post)
        if valid and step not in self.done:
            self.done.append(step)
        if not valid and step in self.done:
            self.done.remove(step)

    def first_missing(self, before: str) -> str | None:
        """The first earlier step that is not complete, to send the user back to."""
        for step in self.STEPS[: self.STEPS.index(before)]:
            if step not in self.done:
                return step
        return None

    @property
    def started(self) -> bool:
        return bool(self.raw)

    def first_value(self, step: str, name: str, default: Any = None) -> Any:
        values = self.raw.get(step, {}).get(name)
        return values[0] if values else default
