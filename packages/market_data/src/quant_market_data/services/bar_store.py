"""Bar storage in buckets (``BarBucket``) listed by a per-series directory (``BarSeries``).

Writes are idempotent: an upload is merged into the buckets it touches (new bars inserted, changed
ones replaced, identical ones left alone); a bucket is rewritten only when it changed, compared and
set on its ``version``, so concurrent writers of one bucket never lose bars (the loser merges again);
its directory entry carries that version and is never replaced by an older one.
"""

import asyncio
from typing import Any

from pymongo.errors import DuplicateKeyError

from quant_market_data.engine.columns import BarColumns, concat
from quant_market_data.models import BarBucket, BarSeries
from quant_market_data.models.bar_bucket import bucket_id
from quant_market_data.models.bar_series import series_id
from quant_market_data.services import bar_buckets
from quant_market_data.services.bar_buckets import Merge
from quant_market_data.services.bar_directory import Directory
from quant_market_data.services.bar_reads import BarReader
from quant_shared.enums import DataInterval
from quant_shared.errors import ConflictError
from quant_shared.timeutil import utcnow

WRITE_ATTEMPTS = 8


class _Conflict(Exception):
    """Another writer rewrote a bucket between our read and our write."""


class BarStore(BarReader):
    def __init__(self) -> None:
        self.neighbours = BarColumns.empty()  # after write(): stored bars just outside the window

    async def delete_symbol(self, symbol: str) -> int:
        docs = await BarSeries.get_pymongo_collection().find({"symbol": symbol}).to_list()
        await BarBucket.get_pymongo_collection().delete_many({"symbol": symbol})
        await BarSeries.get_pymongo_collection().delete_many({"symbol": symbol})
        return sum(Directory.of(d).total for d in docs)

    async def write(
        self, symbol: str, interval: DataInterval, bars: BarColumns, known_new: bool = False
    ) -> dict[str, int]:
        """Merge ``bars`` (ascending, unique) into the stored series; returns inserted, updated and
        unchanged counts. ``known_new`` (nothing of the series is stored, e.g. seeding) skips reading
        the buckets; otherwise ``self.neighbours`` holds the stored bars adjacent to the window."""
        self.neighbours = BarColumns.empty()
        if len(bars) == 0:
            return {"inserted": 0, "updated": 0, "unchanged": 0}
        groups = bar_buckets.split(bars, interval)
        written: dict[int, Merge] = {}
        for _ in range(WRITE_ATTEMPTS):
            try:
                await self._write_once(symbol, interval, groups, written, known_new)
                break
            except _Conflict:
                known_new = False
        else:
            raise ConflictError(f"{symbol} {interval.value}: the bars kept changing during this write; retry")
        if not known_new:
            self.neighbours = await self._neighbours(symbol, interval, bars)
        return {k: sum(getattr(m, k) for m in written.values()) for k in ("inserted", "updated", "unchanged")}

    async def _write_once(
        self, symbol: str, interval: DataInterval, groups: dict, written: dict[int, Merge], known_new: bool
    ) -> None:
        pending = [s for s in groups if s not in written]
        ids = [bucket_id(symbol, interval, s) for s in pending]
        stored = {} if known_new else await self.raw_buckets(ids)

        def merged() -> tuple[dict[int, Merge], dict[int, dict]]:
            olds = {s: bar_buckets.decode(d) for s, d in stored.items()}
            merges = {s: bar_buckets.merge(olds.get(s, BarColumns.empty()), groups[s]) for s in pending}
            changed = [s for s, m in merges.items() if m.changed]
            docs = {s: bar_buckets.encode(symbol, interval, s, merges[s].bars) for s in changed}
            return merges, docs

        merges, docs = await asyncio.to_thread(merged)
        series = series_id(symbol, interval)
        if docs:
            now = utcnow()
            create = {"symbol": symbol, "interval": interval.value, "buckets": {}, "created_at": now}
            await BarSeries.get_pymongo_collection().update_one(
                {"_id": series}, {"$setOnInsert": create}, upsert=True
            )
        for start, merge in merges.items():
            if start in docs:
                version = await self._put(docs[start], stored.get(start))
                await self._list(series, start, {**bar_buckets.entry(merge.bars), "version": version})
            written[start] = merge

    async def _list(self, series: str, start: int, entry: dict[str, int]) -> None:
        """Set the bucket's directory entry unless a later version of the bucket already set it."""
        key = f"buckets.{start}"
        newer = {"$or": [{key: {"$exists": False}}, {f"{key}.version": {"$lt": entry["version"]}}]}
        await BarSeries.get_pymongo_collection().update_one(
            {"_id": series, **newer}, {"$set": {key: entry, "updated_at": utcnow()}}
        )

    async def _put(self, doc: dict[str, Any], old: dict[str, Any] | None) -> int:
        """Insert or compare-and-set the bucket; its new version."""
        collection = BarBucket.get_pymongo_collection()
        now = utcnow()
        if old is None:
            try:
                await collection.insert_one({**doc, "version": 1, "created_at": now, "updated_at": now})
            except DuplicateKeyError:
                raise _Conflict from None
            return 1
        version = old.get("version", 1)
        replacement = {k: v for k, v in doc.items() if k != "_id"}
        replacement.update(version=version + 1, created_at=old.get("created_at", now), updated_at=now)
        result = await collection.replace_one({"_id": doc["_id"], "version": version}, replacement)
        if result.matched_count == 0:
            raise _Conflict
        return version + 1

    async def _neighbours(self, symbol: str, interval: DataInterval, bars: BarColumns) -> BarColumns:
        """The stored bars just before and just after the written window (gap checks across it)."""
        before, after = await self.adjacent(symbol, interval, int(bars.timestamp[0]), int(bars.timestamp[-1]))
        return concat(before, after)
