"""Materialization: compute feature versions over market-data bars and store the values in bulk."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from quant_ml_platform.engine.transforms import compute, warmup_bars
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features import bar_tails
from quant_ml_platform.services.features.value_quality import check_written_values
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem
from quant_shared.tasks import TaskContext
from quant_shared.timeutil import utcnow


def ms_to_dt(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def dt_to_ms(value: datetime) -> int:
    return int(value.timestamp() * 1000)


async def load_bars(
    bars: BarsClient,
    symbols: list[str],
    interval: DataInterval,
    start: datetime | None,
    end: datetime | None,
    warmup: int,
    field: str = "body.symbols",
) -> dict[str, pd.DataFrame]:
    """Bars per symbol (with warm-up history); unknown symbols and empty windows are 422s."""
    frames: dict[str, pd.DataFrame] = {}
    for i, symbol in enumerate(symbols):
        frame = await bars.bars(symbol, interval, start, end, warmup=warmup, field=f"{field}.{i}")
        in_window = frame.index >= dt_to_ms(start) if start else np.ones(len(frame), bool)
        if not in_window.any():
            raise ValidationProblem.field(
                f"{field}.{i}", f"no {interval.value} bars for {symbol} in the window"
            )
        frames[symbol] = frame
    return frames


def value_rows(version: FeatureVersion, symbol: str, series: pd.Series, start: datetime | None) -> list[dict]:
    step = timedelta(seconds=version.interval.seconds)
    now = utcnow()
    rows = []
    for ts, value in series.items():
        stamp = ms_to_dt(int(ts))
        if start is not None and stamp < start:
            continue
        rows.append(
            {
                "version_id": version.id,
                "symbol": symbol,
                "timestamp": stamp,
                "available_at": stamp + step,
                "value": None if np.isnan(value) else float(value),
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


async def write_values(version: FeatureVersion, symbol: str, rows: list[dict]) -> None:
    """Replace the version's values for this symbol over the rows' span (idempotent re-materialization)."""
    if not rows:
        return
    first, last = rows[0]["timestamp"], rows[-1]["timestamp"]
    collection = FeatureValue.get_pymongo_collection()
    await collection.delete_many(
        {"version_id": version.id, "symbol": symbol, "timestamp": {"$gte": first, "$lte": last}}
    )
    for i in range(0, len(rows), 1000):
        await collection.insert_many(rows[i : i + 1000], ordered=False)
    span = version.materialized.get(symbol, {})
    total = await FeatureValue.find({"version_id": version.id, "symbol": symbol}).count()
    newest = "last" not in span or last >= span["last"]
    version.materialized[symbol] = {
        "rows": total,
        "first": min(first, span.get("first", first)),
        "last": max(last, span.get("last", last)),
        # the online copy served by ``latest`` without scanning the values
        "last_value": rows[-1]["value"] if newest else span.get("last_value"),
    }
    await FeatureVersion.find_one(FeatureVersion.id == version.id).update(
        {"$set": {f"materialized.{symbol}": version.materialized[symbol]}}
    )


async def materialize(
    ctx: TaskContext | None,
    versions: list[FeatureVersion],
    frames: dict[str, pd.DataFrame],
    start: datetime | None,
    event_id: str | None = None,
) -> dict:
    """Compute and store every (version, symbol); returns row counts. The bars' newest part is kept as
    the (symbol, interval)'s tail (``bar_tails``; ``event_id``: the ingest event they include)."""
    written: dict[str, int] = {}
    steps = len(versions) * len(frames)
    done = 0
    for version in versions:
        for symbol, frame in frames.items():
            series = compute(version.transformation, version.params, frame)
            rows = value_rows(version, symbol, series, start)
            await write_values(version, symbol, rows)
            await check_written_values(version, symbol, rows)
            key = f"{version.feature_name}@{version.version}"
            written[key] = written.get(key, 0) + len(rows)
            done += 1
            if ctx is not None:
                await ctx.progress(done / steps, f"{key} {symbol}: {len(rows)} values")
    if versions:
        for symbol, frame in frames.items():
            await bar_tails.remember(symbol, versions[0].interval, frame, max_warmup(versions), event_id)
    return {"rows": written}


def max_warmup(versions: list[FeatureVersion]) -> int:
    return max(warmup_bars(v.transformation, v.params) for v in versions)
