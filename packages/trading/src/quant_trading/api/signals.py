"""``/signals``: a stored strategy's current signal for a symbol, and its signal history."""

from datetime import datetime

from fastapi import APIRouter, Query

from quant_shared.enums import DataInterval
from quant_trading.api.deps import SignalServiceDep
from quant_trading.schemas.signal import SignalHistory, SignalOut

router = APIRouter(prefix="/signals", tags=["Signals"])


@router.get("/{strategy_id}", response_model=SignalOut, summary="The strategy's signal on the latest bar")
async def get_current_signal(
    strategy_id: str,
    signals: SignalServiceDep,
    symbol: str = Query(min_length=1, max_length=32),
    interval: DataInterval = Query(DataInterval.D1),
) -> SignalOut:
    return await signals.current(strategy_id, symbol, interval)


@router.get("/{strategy_id}/history", response_model=SignalHistory, summary="Buy/sell events over a range")
async def get_signal_history(
    strategy_id: str,
    signals: SignalServiceDep,
    symbol: str = Query(min_length=1, max_length=32),
    interval: DataInterval = Query(DataInterval.D1),
    start: datetime | None = Query(None),
    end: datetime | None = Query(None),
) -> SignalHistory:
    return await signals.history(strategy_id, symbol, interval, start, end)
