"""Reads of bucketed bars: every query is by ``_id`` or by (symbol, interval), so a read costs what it
returns, whatever else is stored; bucket columns are decoded outside the event loop's thread."""

import asyncio
from datetime import datetime
from typing import Any

import numpy as np

from quant_market_data.engine.columns import BarColumns, concat, datetime_to_ms
from quant_market_data.models import BarBucket, BarSeries
from quant_market_data.models.bar_bucket import bucket_id
from quant_market_data.models.bar_series import series_id
from quant_market_data.services import bar_buckets
from quant_market_data.services.bar_directory import Directory
from quant_shared.enums import DataInterval, SortOrder

FETCH_BATCH = 16  # bucket documents per cursor batch (a raw bucket of 10,000 bars is ~0.5 MB)


def as_ms(value: datetime | None) -> int | None:
    return None if value is None else datetime_to_ms(value)


class BarReader:
    async def directory(self, symbol: str, interval: DataInterval) -> Directory:
        doc = await BarSeries.get_pymongo_collection().find_one({"_id": series_id(symbol, interval)})
        return Directory.of(doc)

    async def raw_buckets(self, ids: list[str]) -> dict[int, dict[str, Any]]:
        """Bucket documents by ``_id``, keyed by their start."""
        if not ids:
            return {}
        cursor = BarBucket.get_pymongo_collection().find({"_id": {"$in": ids}}).batch_size(FETCH_BATCH)
        return {int(d["_id"].rsplit("|", 1)[1]): d for d in await cursor.to_list()}

    async def buckets(self, symbol: str, interval: DataInterval, starts: list[int]) -> dict[int, BarColumns]:
        """The bars of the given buckets."""
        docs = await self.raw_buckets([bucket_id(symbol, interval, s) for s in starts])
        if not docs:
            return {}
        decoded = await asyncio.to_thread(lambda: [bar_buckets.decode(d) for d in docs.values()])
        return dict(zip(docs, decoded, strict=True))

    async def columns(
        self, symbol: str, interval: DataInterval, start: datetime | None = None, end: datetime | None = None
    ) -> BarColumns:
        lo, hi = as_ms(start), as_ms(end)
        starts = (await self.directory(symbol, interval)).overlapping(lo, hi)
        loaded = await self.buckets(symbol, interval, starts)
        if not loaded:
            return BarColumns.empty()
        return Directory.clip(concat(*(loaded[s] for s in sorted(loaded))), lo, hi)

    async def page(
        self, symbol, interval, start, end, order: SortOrder, limit: int, offset: int
    ) -> tuple[list[dict], int]:
        """One page of the bars in ``[start, end]`` and their total (edge buckets counted exactly)."""
        lo, hi = as_ms(start), as_ms(end)
        directory = await self.directory(symbol, interval)
        starts = directory.overlapping(lo, hi)
        edges = await self.buckets(symbol, interval, directory.partial(starts, lo, hi))
        edges = {s: Directory.clip(bars, lo, hi) for s, bars in edges.items()}
        counts = {s: len(edges[s]) if s in edges else directory.count(s) for s in starts}
        ordered = starts if order == SortOrder.ASC else starts[::-1]
        picked, skipped = Directory.window(ordered, counts, offset, limit)
        if not picked:
            return [], sum(counts.values())
        loaded = {**edges, **await self.buckets(symbol, interval, [s for s in picked if s not in edges])}
        bars = concat(*(loaded[s] for s in picked))
        if order == SortOrder.DESC:
            bars = bars.take(slice(None, None, -1))
        return bars.take(slice(offset - skipped, offset - skipped + limit)).rows(), sum(counts.values())

    async def latest(self, symbol: str, interval: DataInterval, count: int) -> list[dict]:
        """The newest ``count`` bars, newest first."""
        directory = await self.directory(symbol, interval)
        starts = directory.overlapping(None, None)[::-1]
        picked, _ = Directory.window(starts, {s: directory.count(s) for s in starts}, 0, count)
        loaded = await self.buckets(symbol, interval, picked)
        if not loaded:
            return []
        bars = concat(*loaded.values())
        return bars.take(slice(max(len(bars) - count, 0), None)).take(slice(None, None, -1)).rows()

    async def adjacent(
        self, symbol: str, interval: DataInterval, first: int | None, last: int | None
    ) -> tuple[BarColumns, BarColumns]:
        """The stored bar just before ``first`` and the one just after ``last`` (epoch ms; each side
        empty when not asked or none is stored)."""
        directory = await self.directory(symbol, interval)
        holders = [
            None if bound is None else directory.holder(bound, after=side == 1)
            for side, bound in enumerate((first, last))
        ]
        loaded = await self.buckets(symbol, interval, sorted({h for h in holders if h is not None}))
        found = []
        for side, (bound, start) in enumerate(zip((first, last), holders, strict=True)):
            bars = loaded.get(start) if start is not None else None
            if bars is None:
                found.append(BarColumns.empty())
                continue
            at = int(np.searchsorted(bars.timestamp, bound, side="right" if side else "left")) - 1 + side
            found.append(bars.take(slice(at, at + 1)) if 0 <= at < len(bars) else BarColumns.empty())
        return found[0], found[1]

    async def series_keys(self) -> list[tuple[str, str]]:
        docs = await BarSeries.get_pymongo_collection().find({}, {"symbol": 1, "interval": 1}).to_list()
        return sorted((d["symbol"], d["interval"]) for d in docs)

    async def is_empty(self) -> bool:
        return await BarSeries.get_pymongo_collection().find_one({}, {"_id": 1}) is None
