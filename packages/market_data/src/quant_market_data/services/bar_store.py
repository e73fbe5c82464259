"""Bulk storage of bars on the raw PyMongo collection (no per-bar Pydantic objects).

Idempotent writes: the stored bars of the upload's time range are read once; new timestamps are
inserted with unordered batched ``insert_many``; changed ones are replaced; identical ones are left
alone. (FerretDB 1.x answers each upsert with a collection scan, so ``UpdateOne(upsert=True)`` is
orders of magnitude slower there; on MongoDB both paths are fast.)
"""

from datetime import UTC, datetime
from typing import Any

import numpy as np
from pymongo.errors import BulkWriteError

from quant_market_data.engine.columns import FIELDS, BarColumns, datetime_to_ms
from quant_market_data.models import Bar
from quant_shared.enums import DataInterval, SortOrder
from quant_shared.timeutil import utcnow

PROJECTION = {"_id": 0, "timestamp": 1, "open": 1, "high": 1, "low": 1, "close": 1, "volume": 1}


def _collection():
    return Bar.get_pymongo_collection()


def range_filter(symbol: str, interval: DataInterval, start: datetime | None, end: datetime | None) -> dict:
    query: dict[str, Any] = {"symbol": symbol, "interval": interval.value}
    bounds = {}
    if start is not None:
        bounds["$gte"] = start
    if end is not None:
        bounds["$lte"] = end
    if bounds:
        query["timestamp"] = bounds
    return query


NEIGHBOUR_MARGIN_MS = 7 * 86_400_000


def _neighbours(stored: dict[int, dict], first: int, last: int) -> BarColumns:
    """The stored bars just before and just after a written window (for gap checks across it)."""
    before = [t for t in stored if t < first]
    after = [t for t in stored if t > last]
    picked = ([max(before)] if before else []) + ([min(after)] if after else [])
    return docs_to_columns([stored[t] for t in picked])


def docs_to_columns(docs: list[dict]) -> BarColumns:
    ts = [datetime_to_ms(d["timestamp"]) for d in docs]
    cols = BarColumns.from_lists(ts, *([d[k] for d in docs] for k in FIELDS))
    if ts and np.any(np.diff(cols.timestamp) < 0):
        cols = cols.sorted()
    return cols


class BarStore:
    def __init__(self, batch_size: int = 10_000) -> None:
        self.batch_size = batch_size
        self.neighbours = BarColumns.empty()

    async def columns(
        self, symbol: str, interval: DataInterval, start: datetime | None = None, end: datetime | None = None
    ) -> BarColumns:
        cursor = _collection().find(range_filter(symbol, interval, start, end), PROJECTION)
        return docs_to_columns(await cursor.batch_size(self.batch_size).to_list())

    async def page(
        self, symbol, interval, start, end, order: SortOrder, limit: int, offset: int
    ) -> tuple[list[dict], int]:
        query = range_filter(symbol, interval, start, end)
        total = await _collection().count_documents(query)
        direction = 1 if order == SortOrder.ASC else -1
        cursor = _collection().find(query, PROJECTION).sort("timestamp", direction).skip(offset).limit(limit)
        return await cursor.to_list(), total

    async def latest(self, symbol: str, interval: DataInterval, count: int) -> list[dict]:
        cursor = _collection().find(range_filter(symbol, interval, None, None), PROJECTION)
        return await cursor.sort("timestamp", -1).limit(count).to_list()

    async def series_keys(self) -> list[tuple[str, str]]:
        pairs = await _collection().distinct("symbol")
        out = []
        for symbol in pairs:
            for interval in await _collection().distinct("interval", {"symbol": symbol}):
                out.append((symbol, interval))
        return out

    async def delete_symbol(self, symbol: str) -> int:
        return (await _collection().delete_many({"symbol": symbol})).deleted_count

    async def is_empty(self) -> bool:
        return await _collection().find_one({}, {"_id": 1}) is None

    async def write(
        self, symbol: str, interval: DataInterval, bars: BarColumns, known_new: bool = False
    ) -> dict[str, int]:
        """Insert new bars, replace changed ones, keep identical ones; returns the three counts.

        ``known_new`` (an empty collection, e.g. seeding) skips reading the stored range; otherwise
        ``self.neighbours`` holds the stored bars adjacent to the window afterwards."""
        if len(bars) == 0:
            return {"inserted": 0, "updated": 0, "unchanged": 0}
        stored: dict[int, dict] = {}
        self.neighbours = BarColumns.empty()
        if not known_new:
            first, last = int(bars.timestamp[0]), int(bars.timestamp[-1])
            margin = max(NEIGHBOUR_MARGIN_MS, 10 * interval.seconds * 1000)
            start = datetime.fromtimestamp((first - margin) / 1000, UTC)
            end = datetime.fromtimestamp((last + margin) / 1000, UTC)
            cursor = _collection().find(range_filter(symbol, interval, start, end), {**PROJECTION, "_id": 1})
            stored = {datetime_to_ms(d["timestamp"]): d for d in await cursor.to_list()}
            self.neighbours = _neighbours(stored, first, last)
        now = utcnow()
        fresh, changed, changed_ids, unchanged = [], [], [], 0
        cols = bars.to_json()
        # naive UTC datetimes straight from numpy (the driver stores naive datetimes as UTC)
        stamps = bars.timestamp.astype("datetime64[ms]").tolist()
        for ts, stamp, *values in zip(cols["timestamp"], stamps, *(cols[k] for k in FIELDS), strict=True):
            doc = {"symbol": symbol, "interval": interval.value, "timestamp": stamp}
            doc.update(zip(FIELDS, values, strict=True))
            doc["created_at"] = doc["updated_at"] = now
            old = stored.get(ts)
            if old is None:
                fresh.append(doc)
            elif any(old[k] != v for k, v in zip(FIELDS, values, strict=True)):
                changed.append(doc)
                changed_ids.append(old["_id"])
            else:
                unchanged += 1
        if changed_ids:
            for i in range(0, len(changed_ids), self.batch_size):
                await _collection().delete_many({"_id": {"$in": changed_ids[i : i + self.batch_size]}})
        inserted = await self._insert(fresh + changed)
        return {"inserted": inserted - len(changed), "updated": len(changed), "unchanged": unchanged}

    async def _insert(self, docs: list[dict]) -> int:
        count = 0
        for i in range(0, len(docs), self.batch_size):
            batch = docs[i : i + self.batch_size]
            try:
                count += len((await _collection().insert_many(batch, ordered=False)).inserted_ids)
            except BulkWriteError as exc:  # a concurrent writer stored some of the same bars first
                details = exc.details or {}
                if any(err.get("code") != 11000 for err in details.get("writeErrors", [])):
                    raise
                count += details.get("nInserted", 0)
        return count
