"""Runs the bar quality checks and stores the findings as ``DataQualityEvent`` documents."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from quant_market_data.engine.columns import BarColumns, ms_to_datetime
from quant_market_data.models import BarBucket, Instrument
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.quality_findings import event_sink
from quant_market_data.settings import MarketDataSettings
from quant_shared.data_quality import QualityFinding
from quant_shared.enums import DataInterval, DataQualityDataset

Progress = Callable[[float, str], Awaitable[None]]


def _check(bars: BarColumns, context: dict[str, Any]) -> list[QualityFinding]:
    series = {"timestamp": bars.datetimes(), **{k: getattr(bars, k) for k in ("open", "high", "low")}}
    series.update(close=bars.close, volume=bars.volume)
    return BarBucket.check_quality(series, **context)


class QualityService:
    def __init__(self, settings: MarketDataSettings, store: BarStore | None = None) -> None:
        self.settings = settings
        self.store = store or BarStore()
        self.sink = event_sink()

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
        subject = {
            "dataset": DataQualityDataset.BARS,
            "symbol": symbol,
            "interval": interval,
            "window": window,
        }
        await self.sink.record(findings, subject)
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
