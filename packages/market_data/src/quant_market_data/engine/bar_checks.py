"""Quality checks of a bar series, plugged into the shared ``DataQualityMixin`` of ``Bar``.

The series is column-oriented and ascending: ``{"timestamp": [datetime], "open": [...], ...}``;
the context carries ``interval``, ``asset_class`` and the thresholds (``stale_after``, ``outlier_z``).
"""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import numpy as np

from quant_market_data.engine.calendar import expected_predicate, step
from quant_shared.data_quality import (
    QualityFinding,
    Series,
    duplicate_findings,
    gap_findings,
    outlier_findings,
    stale_findings,
)
from quant_shared.enums import DataInterval, DataQualityCheck, Severity


def _interval(context: Mapping[str, Any]) -> DataInterval:
    return DataInterval(context["interval"])


def check_duplicates(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    return duplicate_findings(series["timestamp"])


def check_gaps(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    ts = sorted(set(series["timestamp"]))
    interval = _interval(context)
    hours = {t.hour for t in ts}
    expected = expected_predicate(context.get("asset_class"), interval, hours)
    return gap_findings(ts, step(interval), expected)


def check_ohlc(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    o, h, lo, c, v = (np.asarray(series[k], dtype=float) for k in ("open", "high", "low", "close", "volume"))
    bad = (h < np.maximum(o, c)) | (lo > np.minimum(o, c)) | (h < lo) | (lo <= 0) | (v < 0)
    bad |= ~np.isfinite(o + h + lo + c + v)
    idx = np.flatnonzero(bad)
    if idx.size == 0:
        return []
    ts = series["timestamp"]
    return [
        QualityFinding(
            check=DataQualityCheck.OHLC_INCONSISTENCY,
            severity=Severity.ERROR,
            start=ts[idx[0]],
            end=ts[idx[-1]],
            details={"count": int(idx.size), "timestamps": [ts[i].isoformat() for i in idx[:20]]},
        )
    ]


def check_stale(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    ts = series["timestamp"]
    max_age = timedelta(days=float(context.get("stale_after_days", 7.0)))
    return stale_findings(ts[-1] if ts else None, max_age, context.get("now"))


def check_return_outliers(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    close = np.asarray(series["close"], dtype=float)
    if close.size < 20 or np.any(close <= 0):
        return []
    returns = np.diff(np.log(close))
    return outlier_findings(
        series["timestamp"][1:], returns, float(context.get("outlier_z", 10.0)), what="log_return"
    )


BAR_CHECKS = (check_duplicates, check_gaps, check_ohlc, check_stale, check_return_outliers)
