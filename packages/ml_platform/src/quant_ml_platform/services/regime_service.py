"""Regime detection over market-data bars (CPU work off the event loop)."""

import asyncio
from datetime import datetime, timedelta

from quant_ml_platform.engine.regimes import MIN_BARS, WINDOW, RegimeFit, fit_regimes
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features.materialization_service import ms_to_dt
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem

LOOKBACK_BARS = 500


async def detect(
    bars_client: BarsClient,
    symbol: str,
    interval: DataInterval,
    start: datetime | None = None,
    end: datetime | None = None,
) -> RegimeFit:
    fetch_from = start - timedelta(seconds=interval.seconds * (WINDOW + 5) * 1.6) if start else None
    bars = await bars_client.bars(symbol, interval, fetch_from, end, field="path.symbol")
    if start is None:
        bars = bars.iloc[-LOOKBACK_BARS:]
    try:
        fit = await asyncio.to_thread(fit_regimes, bars)
    except ValueError as exc:
        raise ValidationProblem.field("query.start", f"{exc} (needs {MIN_BARS + WINDOW} bars)") from exc
    if start is not None:
        keep = fit.timestamps >= int(start.timestamp() * 1000)
        fit = RegimeFit(
            fit.timestamps[keep],
            [r for r, k in zip(fit.regimes, keep, strict=True) if k],
            fit.probabilities[keep],
            fit.states,
        )
    return fit


def as_of(fit: RegimeFit, i: int) -> datetime:
    return ms_to_dt(int(fit.timestamps[i]))
