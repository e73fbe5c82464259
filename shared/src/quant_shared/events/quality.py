"""``DataQualityIssueDetected`` from the findings of the data-quality mixin (``quant_shared.data_quality``).

A domain that stores its findings as documents attaches one event per stored finding to that document
(``OutboxMixin``), so the finding and its announcement are one write::

    event = quality_issue_event(finding, dataset="bars", producer="market_data", document_id=str(doc.id),
                                symbol="AAPL", interval="1d")
"""

from typing import Any

from quant_shared.data_quality import QualityFinding
from quant_shared.events.catalog import DataQualityIssueDetected, make_event
from quant_shared.events.schema import Event


def quality_message(finding: QualityFinding, symbol: str | None, interval: str | None) -> str:
    """One readable line, e.g. ``gap on AAPL 1d: 7 missing from 2024-01-02 to 2024-01-10``."""
    where = " ".join(p for p in (symbol, interval) if p)
    head = f"{finding.check.value} on {where}" if where else finding.check.value
    details = finding.details
    extra = ""
    if "missing" in details:
        extra = f": {details['missing']} missing"
    elif "count" in details:
        extra = f": {details['count']} affected"
    span = ""
    if finding.start is not None:
        span = f" from {finding.start.date().isoformat()}"
        if finding.end is not None and finding.end.date() != finding.start.date():
            span += f" to {finding.end.date().isoformat()}"
    return f"{head}{extra}{span}"


def quality_issue_event(
    finding: QualityFinding,
    *,
    dataset: str,
    producer: str,
    document_id: str | None = None,
    symbol: str | None = None,
    interval: str | None = None,
    owner_id: str | None = None,
) -> Event:
    """The event announcing one finding; its id derives from ``document_id`` (one per stored finding)."""
    details: dict[str, Any] = {**finding.details}
    if interval is not None:
        details["interval"] = interval
    for key, value in (("start", finding.start), ("end", finding.end)):
        if value is not None:
            details[key] = value.isoformat()
    payload = DataQualityIssueDetected(
        dataset=dataset,
        check=finding.check.value,
        severity=finding.severity,
        message=quality_message(finding, symbol, interval),
        document_id=document_id,
        symbol=symbol,
        owner_id=owner_id,
        details=details,
    )
    envelope = {"id": f"dq-{dataset}-{document_id}"} if document_id else {}
    return make_event(payload, producer=producer, **envelope)
