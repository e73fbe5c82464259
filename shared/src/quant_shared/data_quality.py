"""The data-quality model a data document opts into: findings, checks, the mixin and the event fields.

A data document opts in with :class:`DataQualityMixin` and lists its checks in ``quality_checks``;
``Model.check_quality(series, **context)`` runs them on a column-oriented series (``{"timestamp":
[...], "value": [...]}``) and ``Model.record_quality(...)`` hands the findings to a
:class:`QualitySink` (usually a service that stores them as the domain's ``DataQualityEvent``
documents, which carry :class:`QualityEventFields`: ``quant_shared.data_quality_event``). The generic
checks below (duplicates, gaps, robust z-score outliers, staleness) know nothing about any particular
domain. Bars, fundamentals and ML feature values use it.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol

import numpy as np
from pydantic import BaseModel, Field

from quant_shared.enums import DataQualityCheck, Severity
from quant_shared.timeutil import utcnow

Series = Mapping[str, Sequence[Any]]


class QualityFinding(BaseModel):
    """One problem found in a series."""

    check: DataQualityCheck
    severity: Severity
    start: datetime | None = None
    end: datetime | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    message: str | None = Field(default=None, description="A readable line; derived from the rest if unset.")


QualityCheck = Callable[[Series, Mapping[str, Any]], list[QualityFinding]]


class QualitySink(Protocol):
    async def record(self, findings: list[QualityFinding], subject: Mapping[str, Any]) -> int: ...


class QualityEventFields(BaseModel):
    """Fields every stored quality event carries (mix into the domain's event document)."""

    check: DataQualityCheck
    severity: Severity
    start: datetime | None = Field(default=None, description="First timestamp concerned.")
    end: datetime | None = Field(default=None, description="Last timestamp concerned.")
    details: dict[str, Any] = Field(default_factory=dict)
    resolved: bool = False
    resolved_at: datetime | None = None
    resolved_by: str | None = None

    def mark_resolved(self, by: str) -> None:
        self.resolved, self.resolved_at, self.resolved_by = True, utcnow(), by


class DataQualityMixin:
    """Mixin for data documents: declared checks run the same way in every domain."""

    quality_checks: ClassVar[Sequence[QualityCheck]] = ()

    @classmethod
    def check_quality(cls, series: Series, /, **context: Any) -> list[QualityFinding]:
        findings: list[QualityFinding] = []
        for check in cls.quality_checks:
            findings.extend(check(series, context))
        return findings

    @classmethod
    async def record_quality(
        cls, series: Series, sink: QualitySink, /, **subject: Any
    ) -> list[QualityFinding]:
        """Run every check and give the findings to ``sink`` with the series' identifying ``subject``."""
        findings = cls.check_quality(series, **subject)
        await sink.record(findings, subject)
        return findings


def duplicate_findings(timestamps: Sequence[datetime]) -> list[QualityFinding]:
    """Timestamps present more than once."""
    seen: set[datetime] = set()
    dupes = sorted({t for t in timestamps if t in seen or seen.add(t)})
    if not dupes:
        return []
    return [
        QualityFinding(
            check=DataQualityCheck.DUPLICATE,
            severity=Severity.ERROR,
            start=dupes[0],
            end=dupes[-1],
            details={"count": len(dupes), "timestamps": [t.isoformat() for t in dupes[:20]]},
        )
    ]


def gap_findings(
    timestamps: Sequence[datetime], step: timedelta, expected: Callable[[datetime], bool]
) -> list[QualityFinding]:
    """Runs of missing points between consecutive timestamps; ``expected(t)`` says if ``t`` should exist."""
    out = []
    for prev, nxt in zip(timestamps, timestamps[1:], strict=False):
        if nxt - prev <= step:
            continue
        missing = []
        t = prev + step
        while t < nxt and len(missing) <= 100_000:
            if expected(t):
                missing.append(t)
            t += step
        if missing:
            severity = Severity.ERROR if len(missing) > 5 else Severity.WARNING
            out.append(
                QualityFinding(
                    check=DataQualityCheck.GAP,
                    severity=severity,
                    start=missing[0],
                    end=missing[-1],
                    details={"missing": len(missing), "after": prev.isoformat(), "before": nxt.isoformat()},
                )
            )
    return out


def robust_zscores(values: Iterable[float]) -> np.ndarray:
    """(x - median) / (1.4826 * MAD); zeros where the MAD is zero."""
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
    if arr.size == 0:
        return arr
    median = np.median(arr)
    mad = np.median(np.abs(arr - median)) * 1.4826
    if mad == 0:
        return np.zeros_like(arr)
    return (arr - median) / mad


def outlier_findings(
    timestamps: Sequence[datetime], values: Sequence[float], threshold: float = 8.0, what: str = "value"
) -> list[QualityFinding]:
    """Points whose robust z-score exceeds ``threshold``, one finding each."""
    scores = robust_zscores(values)
    out = []
    for i in np.flatnonzero(np.abs(scores) > threshold):
        out.append(
            QualityFinding(
                check=DataQualityCheck.OUTLIER,
                severity=Severity.WARNING,
                start=timestamps[i],
                end=timestamps[i],
                details={
                    what: float(values[i]),
                    "robust_z": round(float(scores[i]), 2),
                    "threshold": threshold,
                },
            )
        )
    return out


def stale_findings(
    last: datetime | None, max_age: timedelta, now: datetime | None = None
) -> list[QualityFinding]:
    """The series' newest point is older than ``max_age``."""
    now = now or utcnow()
    if last is None or now - last <= max_age:
        return []
    return [
        QualityFinding(
            check=DataQualityCheck.STALE,
            severity=Severity.INFO,
            start=last,
            end=now,
            details={"last": last.isoformat(), "age_hours": round((now - last).total_seconds() / 3600, 1)},
        )
    ]
