"""``/signals``: a stored strategy's current signal for a symbol, and its signal history."""

from datetime import datetime

from fastapi import APIRouter, Depends, Query

from quant_shared.auth import Principal, require_user
from quant_shared.enums import DataInterval
from quant_shared.http import ServiceClients, service_clients
from quant_trading.schemas.signal import SignalHistory, SignalOut
from quant_trading.services.signals.signal_service import SignalService
from quant_trading.services.strategies.strategy_service import StrategyService

router = APIRouter(prefix="/signals", tags=["Signals"])


@router.get("/{strategy_id}", response_model=SignalOut, summary="The strategy's signal on the latest bar")
async def get_current_signal(
    strategy_id: str,
    symbol: str = Query(min_length=1, max_length=32),
    interval: DataInterval = Query(DataInterval.D1),
    clients: ServiceClients = Depends(service_clients),
    principal: Principal = Depends(require_user),
) -> SignalOut:
    strategy = await StrategyService(principal.user_id).get(strategy_id)
    return await SignalService(clients, principal).current(strategy, symbol, interval)


@router.get("/{strategy_id}/history", response_model=SignalHistory, summary="Buy/sell events over a range")
async def get_signal_history(
    strategy_id: str,
    symbol: str = Query(min_length=1, max_length=32),
    interval: DataInterval = Query(DataInterval.D1),
    start: datetime | None = Query(None),
    end: datetime | None = Query(None),
    clients: ServiceClients = Depends(service_clients),
    principal: Principal = Depends(require_user),
) -> SignalHistory:
    strategy = await StrategyService(principal.user_id).get(strategy_id)
    return await SignalService(clients, principal).history(strategy, symbol, interval, start, end)
