"""Quality checks of one feature version's values on one symbol, plugged into the shared
``DataQualityMixin`` of ``FeatureValue``: NaN bursts after the warm-up and constant stretches.

The series is ``{"timestamp": [datetime], "value": [float, NaN where missing]}``, ascending; the
context carries the thresholds ``max_nan_run`` and ``max_constant_run``.
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from quant_shared.data_quality import QualityFinding, Series
from quant_shared.enums import DataQualityCheck, Severity

MAX_NAN_RUN = 3
MAX_CONSTANT_RUN = 50


def longest_run(mask: np.ndarray) -> tuple[int, int]:
    """(length, first index) of the longest run of True in ``mask``; (0, 0) when there is none."""
    if not mask.any():
        return 0, 0
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    best = int(np.argmax(ends - starts))
    return int(ends[best] - starts[best]), int(starts[best])


def nan_burst(values: np.ndarray) -> int:
    """Longest run of missing values after the first present one (the warm-up is not a burst)."""
    present = np.flatnonzero(~np.isnan(values))
    return longest_run(np.isnan(values[present[0] :]))[0] if len(present) else len(values)


def constant_run(values: np.ndarray) -> int:
    """Longest run of consecutive identical present values (equal up to floating-point noise)."""
    clean = values[~np.isnan(values)]
    same = np.isclose(clean[1:], clean[:-1], rtol=1e-9, atol=1e-12)
    return longest_run(same)[0] + 1 if len(clean) > 1 else len(clean)


def _finding(check: DataQualityCheck, ts: list, start: int, length: int, what: str) -> QualityFinding:
    return QualityFinding(
        check=check,
        severity=Severity.WARNING,
        start=ts[start],
        end=ts[start + length - 1],
        details={"run": length},
        message=f"{length} {what} in a row",
    )


def check_nan_burst(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    values = np.asarray(series["value"], dtype=float)
    present = np.flatnonzero(~np.isnan(values))
    if present.size == 0:
        return []
    first = int(present[0])  # the warm-up is not a burst
    length, start = longest_run(np.isnan(values[first:]))
    if length <= int(context.get("max_nan_run", MAX_NAN_RUN)):
        return []
    return [
        _finding(DataQualityCheck.NAN_BURST, series["timestamp"], first + start, length, "missing values")
    ]


def check_constant(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    values = np.asarray(series["value"], dtype=float)
    index = np.flatnonzero(~np.isnan(values))
    clean = values[index]
    if clean.size < 2:
        return []
    length, start = longest_run(np.isclose(clean[1:], clean[:-1], rtol=1e-9, atol=1e-12))
    if length + 1 <= int(context.get("max_constant_run", MAX_CONSTANT_RUN)):
        return []
    ts = [series["timestamp"][i] for i in index]
    return [_finding(DataQualityCheck.CONSTANT, ts, start, length + 1, "identical values")]


FEATURE_VALUE_CHECKS = (check_nan_burst, check_constant)
