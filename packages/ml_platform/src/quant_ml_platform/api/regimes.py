"""``/ml/regimes``: current market regime of a symbol and its history."""

from datetime import datetime

from fastapi import APIRouter

from quant_ml_platform.api.deps import BarsClientDep
from quant_ml_platform.schemas.common import Symbol
from quant_ml_platform.schemas.regime import CurrentRegime, RegimeHistory, RegimePoint, RegimeState
from quant_ml_platform.services.regime_service import as_of, detect
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem

router = APIRouter(prefix="/ml/regimes", tags=["Features"])


@router.get("/{symbol}/current", response_model=CurrentRegime, summary="The regime of the latest bar")
async def current_regime(
    symbol: Symbol, bars: BarsClientDep, interval: DataInterval = DataInterval.D1
) -> CurrentRegime:
    fit = await detect(bars, symbol, interval)
    last = len(fit.regimes) - 1
    return CurrentRegime(
        symbol=symbol,
        regime=fit.regimes[last],
        probability=float(fit.probabilities[last]),
        as_of=as_of(fit, last),
    )


@router.get("/{symbol}/history", response_model=RegimeHistory, summary="The regime of every bar in a window")
async def regime_history(
    symbol: Symbol,
    bars: BarsClientDep,
    interval: DataInterval = DataInterval.D1,
    start: datetime | None = None,
    end: datetime | None = None,
) -> RegimeHistory:
    if start and end and start >= end:
        raise ValidationProblem.field("query.start", "start must be before end")
    fit = await detect(bars, symbol, interval, start, end)
    items = [
        RegimePoint(timestamp=as_of(fit, i), regime=r, probability=float(fit.probabilities[i]))
        for i, r in enumerate(fit.regimes)
    ]
    return RegimeHistory(
        symbol=symbol, interval=interval, items=items, states=[RegimeState(**s) for s in fit.states]
    )
