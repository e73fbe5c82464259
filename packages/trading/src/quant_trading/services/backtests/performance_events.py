"""``BacktestCompleted`` -> the strategy's performance summary and execution history (idempotent)."""

import logging

from beanie import PydanticObjectId
from bson import ObjectId

from quant_shared.events import BacktestCompleted, Event, payload_of
from quant_trading.models import Backtest
from quant_trading.services.backtests.performance_service import record_backtest

log = logging.getLogger("quant.trading.events")


async def on_backtest_completed(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, BacktestCompleted)
    if payload.strategy_id is None:
        return  # an ad-hoc run: no strategy to update
    valid = ObjectId.is_valid(payload.backtest_id)
    backtest = await Backtest.get(PydanticObjectId(payload.backtest_id)) if valid else None
    symbols = backtest.symbols if backtest is not None else []
    perf = await record_backtest(
        backtest_id=payload.backtest_id,
        owner_id=payload.owner_id,
        strategy_id=payload.strategy_id,
        symbols=symbols,
        metrics=payload.metrics,
        completed_at=event.time,
    )
    log.info("strategy %s: %d backtest(s) summarized", payload.strategy_id, perf.backtests)
