"""Runs the fundamentals quality checks on a symbol's stored series (one per period kind) and stores
the findings as the shared ``DataQualityEvent``."""

from collections.abc import Iterable

from quant_market_data.models import Fundamental
from quant_market_data.services.quality_findings import event_sink
from quant_shared.data_quality import QualityFinding
from quant_shared.enums import DataQualityDataset, FundamentalPeriod

FIELDS = ("revenue", "net_income", "eps", "shares_outstanding")


async def check_fundamentals(symbol: str, periods: Iterable[FundamentalPeriod]) -> list[QualityFinding]:
    """Check the stored series of each period kind; re-checking replaces their unresolved events."""
    sink = event_sink()
    findings: list[QualityFinding] = []
    for period in sorted(set(periods)):
        docs = (
            await Fundamental.find({"symbol": symbol, "period": period.value}).sort("fiscal_date").to_list()
        )
        series = {
            "timestamp": [d.fiscal_date for d in docs],
            **{k: [getattr(d, k) for d in docs] for k in FIELDS},
        }
        findings += await Fundamental.record_quality(
            series,
            sink,
            dataset=DataQualityDataset.FUNDAMENTALS,
            symbol=symbol,
            series=period.value,
            period=period,
        )
    return findings
