"""Runs the bar quality checks and stores the findings as ``DataQualityEvent`` documents."""

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from beanie import PydanticObjectId

from quant_market_data.engine.columns import BarColumns, ms_to_datetime
from quant_market_data.models import BarBucket, DataQualityEvent, Instrument
from quant_market_data.services.bar_store import BarStore
from quant_market_data.settings import MarketDataSettings
from quant_shared.data_quality import QualityFinding
from quant_shared.enums import DataInterval, DataQualityCheck
from quant_shared.events.quality import quality_issue_event

Progress = Callable[[float, str], Awaitable[None]]


def announced(symbol: str, interval: DataInterval, finding: QualityFinding) -> DataQualityEvent:
    """The stored finding carrying its ``DataQualityIssueDetected`` (outbox: one insert for both)."""
    doc = DataQualityEvent(id=PydanticObjectId(), symbol=symbol, interval=interval, **finding.model_dump())
    event = quality_issue_event(
        finding,
        dataset="bars",
        producer="market_data",
        document_id=str(doc.id),
        symbol=symbol,
        interval=interval.value,
    )
    doc.pending_events = [event]
    return doc


class QualityEventSink:
    """Stores findings of one series; re-checking a window replaces the unresolved events inside it
    (and the series' unresolved staleness event)."""

    async def record(self, findings: list[QualityFinding], subject: Mapping[str, Any]) -> int:
        symbol, interval = subject["symbol"], DataInterval(subject["interval"])
        query: dict[str, Any] = {"symbol": symbol, "interval": interval.value, "resolved": False}
        window = subject.get("window")
        if window is not None:
            inside = {"start": {"$gte": window[0]}, "end": {"$lte": window[1]}}
            query["$or"] = [inside, {"check": DataQualityCheck.STALE.value}]
        await DataQualityEvent.find(query).delete()
        events = [announced(symbol, interval, f) for f in findings]
        if events:
            await DataQualityEvent.insert_many(events)
        return len(events)


def _check(bars: BarColumns, context: dict[str, Any]) -> list[QualityFinding]:
    series = {"timestamp": bars.datetimes(), **{k: getattr(bars, k) for k in ("open", "high", "low")}}
    series.update(close=bars.close, volume=bars.volume)
    return BarBucket.check_quality(series, **context)


class QualityService:
    def __init__(self, settings: MarketDataSettings, store: BarStore | None = None) -> None:
        self.settings = settings
        self.store = store or BarStore()
        self.sink = QualityEventSink()

    def _context(self, instrument: Instrument | None) -> dict[str, Any]:
        return {
            "asset_class": instrument.asset_class if instrument else None,
            "stale_after_days": self.settings.stale_after_days,
            "outlier_z": self.settings.outlier_z,
        }

    async def check_series(
        self, symbol: str, interval: DataInterval, bars: BarColumns | None = None
    ) -> list[QualityFinding]:
        """Check the whole stored series, or only ``bars`` (a just-written window), and record findings."""
        window = None
        if bars is None:
            bars = await self.store.columns(symbol, interval)
        elif len(bars):
            window = tuple(ms_to_datetime(int(bars.timestamp[i])) for i in (0, -1))
        instrument = await Instrument.find_one({"symbol": symbol})
        context = {"interval": interval, "symbol": symbol, **self._context(instrument)}
        findings = await asyncio.to_thread(_check, bars, context)  # a million bars: seconds of Python
        await self.sink.record(findings, {"symbol": symbol, "interval": interval, "window": window})
        return findings

    async def check_all(self, progress: Progress | None = None) -> dict[str, int]:
        """Check every stored series; ``progress(fraction, message)`` after each (a task's report,
        which raises when the task was cancelled)."""
        keys = await self.store.series_keys()
        series = events = 0
        for symbol, interval in keys:
            events += len(await self.check_series(symbol, DataInterval(interval)))
            series += 1
            if progress is not None:
                await progress(series / len(keys), f"{series} of {len(keys)} series")
        return {"series": series, "events": events}
