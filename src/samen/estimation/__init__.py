"""Multiple systems estimation of the hidden number (pure Python: numpy and scipy).

Typical use::

    from samen.estimation import CaptureHistories, estimate

    data = CaptureHistories.from_csv("uk2013_6lists.csv")
    result = estimate(data, "stepwise", bootstrap=1000, seed=1234, levels=[0.95, 0.8])
    result.estimate, result.terms, result.interval("bca", 0.95)
    print(result.to_json())

No Django here: the web application calls this package, never the other way round.
"""

from .data import CaptureDataError, CaptureHistories
from .design import LogLinearModel
from .diagnostics import PlainWarning
from .estimator import estimate
from .existence import ExistenceChecker, Verdict
from .intervals import BootstrapKind, Interval
from .result import EstimationResult
from .selection import Method

__all__ = [
    "BootstrapKind",
    "CaptureDataError",
    "CaptureHistories",
    "EstimationResult",
    "ExistenceChecker",
    "Interval",
    "LogLinearModel",
    "Method",
    "PlainWarning",
    "Verdict",
    "estimate",
]
