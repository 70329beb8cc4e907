"""The result of an estimate: numbers, the chosen model, the audit trail, warnings."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .data import CaptureHistories
from .design import LogLinearModel
from .diagnostics import PlainWarning
from .existence import Verdict
from .intervals import Interval
from .selection import Step


@dataclass
class BootstrapInfo:
    kind: str
    replicates: int
    seed: int | None
    acceleration: float
    bias_correction: float
    failed: int
    values: np.ndarray = field(repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "replicates": self.replicates,
            "seed": self.seed,
            "model_selection_repeated": True,
            "acceleration": self.acceleration,
            "bias_correction": self.bias_correction,
            "failed_replicates": self.failed,
        }


@dataclass
class EstimationResult:
    """Estimated total ``N = observed + hidden`` with everything needed to audit it.

    ``estimate`` and ``hidden`` are ``None`` when no usable model exists (``verdict``
    says why).
    """

    data: CaptureHistories
    method: str
    threshold: float | None
    model: LogLinearModel
    verdict: Verdict
    estimate: float | None
    intercept: float | None
    intercept_se: float | None
    coefficients: dict[str, float]
    empty_overlap_terms: list[str]
    fitted: np.ndarray  # expected count per observable cell (0 on structural zeros)
    cells_in_model: np.ndarray
    deviance: float | None
    log_likelihood: float | None
    aic: float | None
    bic: float | None
    df: int | None
    converged: bool
    steps: list[Step]
    intervals: list[Interval] = field(default_factory=list)
    bootstrap: BootstrapInfo | None = None
    warnings: list[PlainWarning] = field(default_factory=list)

    @property
    def observed(self) -> float:
        return self.data.observed

    @property
    def hidden(self) -> float | None:
        """Estimated number of people on no list."""
        return None if self.estimate is None else self.estimate - self.observed

    @property
    def terms(self) -> list[str]:
        return self.model.term_names

    def interval(self, kind: str, level: float = 0.95) -> Interval:
        for iv in self.intervals:
            if iv.kind == kind and math.isclose(iv.level, level):
                return iv
        raise KeyError(f"no {kind} interval at level {level}")

    # ------------------------------------------------------------------ output
    def as_dict(self) -> dict[str, Any]:
        intervals: dict[str, dict[str, dict[str, float | None]]] = {}
        for iv in self.intervals:
            intervals.setdefault(f"{iv.level:g}", {})[iv.kind] = {
                "lower": _num(iv.lower),
                "upper": _num(iv.upper),
            }
        histories = self.data.histories
        cells = [
            {
                "history": {
                    name: int(v) for name, v in zip(self.data.lists, histories[c], strict=True)
                },
                "observed": float(self.data.counts[c]),
                "fitted": float(self.fitted[c]),
                "in_model": bool(self.cells_in_model[c]),
            }
            for c in range(len(histories))
        ]
        return {
            "lists": list(self.data.lists),
            "observed": self.observed,
            "estimate": _num(self.estimate),
            "hidden": _num(self.hidden),
            "intervals": intervals,
            "terms": self.terms,
            "method": self.method,
            "threshold": self.threshold,
            "warnings": [w.as_dict() for w in self.warnings],
            "model": {
                "formula": self.model.formula,
                "check": self.verdict.value,
                "coefficients": self.coefficients,
                "intercept_se": _num(self.intercept_se),
                "empty_overlap_terms": self.empty_overlap_terms,
                "deviance": _num(self.deviance),
                "df": self.df,
                "log_likelihood": _num(self.log_likelihood),
                "aic": _num(self.aic),
                "bic": _num(self.bic),
                "converged": self.converged,
                "fitted_cells": cells,
            },
            "selection": {"steps": [self._step_dict(s) for s in self.steps]},
            "bootstrap": None if self.bootstrap is None else self.bootstrap.as_dict(),
        }

    def _step_dict(self, step: Step) -> dict[str, Any]:
        name = self.model.term_name
        return {
            "added": None if step.added is None else name(step.added),
            "removed": None if step.removed is None else name(step.removed),
            "candidates": [
                {
                    "term": name(c.term),
                    "observed_overlap": c.observed_overlap,
                    "expected_overlap": _num(c.expected_overlap),
                    "p_value": _num(c.p_value),
                    "criterion": _num(c.criterion),
                    "check": None if c.verdict is None else c.verdict.value,
                }
                for c in step.candidates
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_dict(), indent=indent, ensure_ascii=False)

    def summary(self) -> str:
        """A readable report (English, warnings in English and Dutch)."""
        lines = [
            f"Lists ({self.data.k}): {', '.join(self.data.lists)}",
            f"Observed people: {self.observed:,.0f}",
            f"Method: {self.method}"
            + (f" (p-value threshold {self.threshold:g})" if self.method == "stepwise" else ""),
        ]
        if self.estimate is None:
            lines.append(f"No estimate: {self.verdict.explanation_en}.")
        else:
            lines += [
                f"Estimated total: {self.estimate:,.1f}",
                f"Estimated hidden (on no list): {self.hidden:,.1f}",
                "Two-way terms: " + (", ".join(self.terms) if self.terms else "none"),
                f"Deviance {self.deviance:.3f} on {self.df} df; "
                f"AIC {self.aic:.2f}; BIC {self.bic:.2f}",
            ]
            for iv in sorted(self.intervals, key=lambda i: (-i.level, i.kind)):
                lines.append(f"  {iv.level:.0%} {iv.kind:<10} {iv.lower:>12,.1f} - {iv.upper:,.1f}")
            if self.bootstrap is not None:
                b = self.bootstrap
                lines.append(
                    f"Bootstrap: {b.replicates} {b.kind} replicates, model selection repeated "
                    f"in each, seed {b.seed}, acceleration {b.acceleration:.4f}"
                )
        for w in self.warnings:
            lines += [f"! {w.en}", f"  NL: {w.nl}"]
        return "\n".join(lines)


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None
