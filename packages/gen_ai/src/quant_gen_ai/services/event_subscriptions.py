"""The events this domain reacts to."""

from fastapi import FastAPI

from quant_gen_ai.services.narrative_events import on_backtest_completed
from quant_gen_ai.services.user_cleanup import on_user_deleted


async def subscribe_events(app: FastAPI) -> None:
    bus = app.state.event_bus
    bus.subscribe("BacktestCompleted", "gen_ai.narratives", on_backtest_completed)
    bus.subscribe("UserDeleted", "gen_ai.user_cleanup", on_user_deleted)
