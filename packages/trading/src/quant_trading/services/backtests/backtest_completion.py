"""A run's completion and its ``BacktestCompleted`` event: one write on the backtest (outbox)."""

from typing import Any

from fastapi import FastAPI

from quant_shared.enums import BacktestStatus
from quant_shared.events import BacktestCompleted, make_event, update_with_events
from quant_shared.timeutil import utcnow
from quant_trading.models import Backtest

DOMAIN = "trading"


async def complete_backtest(
    app: FastAPI, backtest: Backtest, metrics: dict[str, Any], fields: dict[str, Any]
) -> bool:
    """Mark a running backtest completed with ``fields`` and queue its event; False if it was not running
    (cancelled meanwhile). The event is sent at once when possible, else by the outbox relay."""
    event = make_event(
        BacktestCompleted(
            backtest_id=str(backtest.id),
            owner_id=backtest.owner_id,
            strategy_id=backtest.strategy_id,
            generate_narrative=backtest.generate_narrative,
            metrics=metrics,
        ),
        producer=DOMAIN,
    )
    update = {"$set": {**fields, "status": BacktestStatus.COMPLETED.value, "completed_at": utcnow()}}
    result = await update_with_events(
        Backtest, {"_id": backtest.id, "status": BacktestStatus.RUNNING.value}, update, event
    )
    if result.modified_count != 1:
        return False
    await app.state.outbox.send_now()
    return True
