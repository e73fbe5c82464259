"""Reading materialized values: point-in-time rows for training, latest values for serving."""

import bisect
from datetime import datetime

import pandas as pd

from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_shared.timeutil import as_utc


def ref(version: FeatureVersion) -> str:
    return f"{version.feature_name}@{version.version}"


async def _values(version: FeatureVersion, symbol: str, query: dict) -> list[dict]:
    collection = FeatureValue.get_pymongo_collection()
    cursor = collection.find(
        {"version_id": version.id, "symbol": symbol, **query},
        {"_id": 0, "timestamp": 1, "available_at": 1, "value": 1},
    ).sort("available_at", 1)
    return await cursor.to_list(None)


async def point_in_time(
    versions: list[FeatureVersion], symbol: str, timestamps: list[datetime]
) -> list[dict]:
    """For each requested time, each feature's latest value whose bar had closed by then (no look-ahead)."""
    stamps = [as_utc(t) for t in timestamps]
    horizon = max(stamps)
    rows = [{"as_of": t, "values": {}, "observed_at": {}} for t in stamps]
    for version in versions:
        values = await _values(version, symbol, {"available_at": {"$lte": horizon}})
        known = [as_utc(v["available_at"]) for v in values]
        for row in rows:
            i = bisect.bisect_right(known, row["as_of"]) - 1
            hit = values[i] if i >= 0 else None
            row["values"][ref(version)] = hit["value"] if hit else None
            row["observed_at"][ref(version)] = as_utc(hit["timestamp"]) if hit else None
    return rows


async def latest(versions: list[FeatureVersion], symbol: str) -> tuple[dict, dict]:
    """The newest value of each feature for serving (the online copy kept by materialization)."""
    values: dict[str, float | None] = {}
    stamps: dict[str, datetime | None] = {}
    fresh = await FeatureVersion.find({"_id": {"$in": [v.id for v in versions]}}).to_list()
    by_id = {v.id: v for v in fresh}
    for version in versions:
        span = by_id[version.id].materialized.get(symbol) if version.id in by_id else None
        values[ref(version)] = span.get("last_value") if span else None
        stamps[ref(version)] = as_utc(span["last"]) if span else None
    return values, stamps


async def feature_matrix(
    versions: list[FeatureVersion], symbol: str, start: datetime | None, end: datetime | None
) -> pd.DataFrame:
    """Rows = bar timestamps (epoch ms) in [start, end], columns = feature refs (NaN where missing)."""
    query: dict = {}
    if start or end:
        query["timestamp"] = {k: v for k, v in (("$gte", start), ("$lte", end)) if v is not None}
    columns = {}
    for version in versions:
        values = await _values(version, symbol, query)
        index = [int(as_utc(v["timestamp"]).timestamp() * 1000) for v in values]
        columns[ref(version)] = pd.Series([v["value"] for v in values], index=index, dtype=float)
    frame = pd.DataFrame(columns)
    return frame.sort_index()
