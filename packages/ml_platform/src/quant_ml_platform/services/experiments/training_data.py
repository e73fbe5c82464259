"""Assembling a dataset for training or evaluation from materialized features and market-data bars."""

from datetime import datetime

from quant_ml_platform.engine.dataset import Dataset, build_dataset
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features.feature_refresh import refresh_symbols
from quant_ml_platform.services.features.feature_store import feature_matrix, ref
from quant_ml_platform.services.features.materialization_service import load_bars
from quant_shared.enums import DataInterval, PredictionTarget
from quant_shared.errors import ValidationProblem


def common_interval(versions: list[FeatureVersion], field: str = "body.features") -> DataInterval:
    intervals = {v.interval for v in versions}
    if len(intervals) > 1:
        raise ValidationProblem.field(field, "all features must share one interval")
    return intervals.pop()


async def assemble(
    bars_client: BarsClient,
    versions: list[FeatureVersion],
    symbols: list[str],
    start: datetime | None,
    end: datetime | None,
    target: PredictionTarget,
    min_rows: int,
) -> Dataset:
    """Complete rows of every symbol in [start, end]; empty or too small windows are 422s."""
    interval = common_interval(versions)
    bars = await load_bars(bars_client, symbols, interval, start, end, warmup=2)
    await refresh_symbols(versions, symbols, bars_client)  # values made stale by newly ingested bars
    matrices = {s: await feature_matrix(versions, s, start, end) for s in symbols}
    data = build_dataset(matrices, bars, [ref(v) for v in versions], target)
    if len(data.y) == 0:
        raise ValidationProblem.field(
            "body.features", "empty training window: no complete materialized feature rows in [start, end]"
        )
    if len(data.y) < min_rows:
        raise ValidationProblem.field(
            "body.start", f"too few samples: {len(data.y)} complete rows, at least {min_rows} needed"
        )
    return data
