"""The intake draft: the guided report's steps, kept encrypted in the session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samen.core.drafts import StepDraft

SESSION_KEY = "samen_intake_draft"
STEPS = ["persons", "where", "what", "indicators", "urgency", "review"]


@dataclass
class Draft(StepDraft):
    SESSION_KEY = SESSION_KEY
    CONTEXT = "session.intake_draft"
    STEPS = STEPS

    # Suggested values (e.g. a hotel's own address) shown before a step is first sent.
    prefill: dict[str, dict[str, Any]] = field(default_factory=dict)

    def value(self, step: str, name: str, default: Any = None) -> Any:
        return self.first_value(step, name) or self.prefill.get(step, {}).get(name, default)
