"""Quality checks of one fundamentals series (a symbol's annual or quarterly figures), plugged into
the shared ``DataQualityMixin`` of ``Fundamental``.

The series is column-oriented and ascending by fiscal date: ``{"timestamp": [datetime], "revenue":
[...], "net_income": [...], "eps": [...], "shares_outstanding": [...]}`` (``None`` where unknown);
the context carries ``period`` and optionally ``now``.
"""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from quant_shared.data_quality import QualityFinding, Series, stale_findings
from quant_shared.enums import DataQualityCheck, FundamentalPeriod, Severity

PERIOD_DAYS = {FundamentalPeriod.QUARTERLY: 92, FundamentalPeriod.ANNUAL: 366}
REPORTING_LAG_DAYS = 120  # filings arrive weeks after the fiscal period ends
EPS_TOLERANCE = 0.10


def _period(context: Mapping[str, Any]) -> FundamentalPeriod:
    return FundamentalPeriod(context["period"])


def check_missing_periods(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    """Fiscal periods missing between two reported ones (a quarter or a year skipped); fiscal period
    ends drift by days, so the count is the spacing in whole periods, rounded, minus one."""
    period = _period(context)
    length = timedelta(days=PERIOD_DAYS[period])
    found = []
    for prev, nxt in zip(series["timestamp"], series["timestamp"][1:], strict=False):
        missing = round((nxt - prev) / length) - 1
        if missing > 0:
            found.append(
                QualityFinding(
                    check=DataQualityCheck.GAP,
                    severity=Severity.WARNING,
                    start=prev + length,
                    end=prev + length * missing,
                    details={"missing": missing, "period": period.value, "after": prev.date().isoformat()},
                )
            )
    return found


def check_stale(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    """The newest fiscal period ended longer ago than a period plus the reporting lag."""
    ts = series["timestamp"]
    max_age = timedelta(days=PERIOD_DAYS[_period(context)] + REPORTING_LAG_DAYS)
    return stale_findings(ts[-1] if ts else None, max_age, context.get("now"))


def check_eps_consistency(series: Series, context: Mapping[str, Any]) -> list[QualityFinding]:
    """Reported EPS disagreeing with net income / shares outstanding by more than 10 %."""
    rows = zip(
        series["timestamp"], series["eps"], series["net_income"], series["shares_outstanding"], strict=True
    )
    bad = []
    for when, eps, income, shares in rows:
        if eps is None or income is None or not shares:
            continue
        implied = income / shares
        scale = max(abs(implied), abs(eps), 1e-9)
        if abs(eps - implied) / scale > EPS_TOLERANCE:
            bad.append((when, eps, implied))
    if not bad:
        return []
    return [
        QualityFinding(
            check=DataQualityCheck.INVALID_VALUE,
            severity=Severity.WARNING,
            start=bad[0][0],
            end=bad[-1][0],
            details={
                "count": len(bad),
                "field": "eps",
                "rule": "eps within 10 % of net_income / shares_outstanding",
                "examples": [
                    {"fiscal_date": w.date().isoformat(), "eps": e, "implied": round(i, 6)}
                    for w, e, i in bad[:5]
                ],
            },
        )
    ]


FUNDAMENTAL_CHECKS = (check_missing_periods, check_stale, check_eps_consistency)
