"""``BacktestCompleted`` -> a pending narrative, written on its owner's first read.

The event carries no user token and this domain never mints one, so the report is only recorded
here (owner, backtest, the event's metrics); ``GET /narratives/{id}`` by the owner then fetches the
backtest with the owner's own token and writes it.
"""

import logging

from fastapi import FastAPI

from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.narrative.facts import metric_facts
from quant_shared.events import Event

log = logging.getLogger("quant.gen_ai.narratives")
EVENT_TYPE = "BacktestCompleted"


async def on_backtest_completed(event: Event) -> None:
    payload = event.payload
    if not payload.get("generate_narrative"):
        return
    backtest_id, owner_id = payload.get("backtest_id"), payload.get("owner_id")
    if not backtest_id or not owner_id:
        log.warning("BacktestCompleted %s lacks backtest_id/owner_id; no narrative requested", event.id)
        return
    existing = await NarrativeReport.find_one(
        {"owner_id": str(owner_id), "backtest_id": str(backtest_id), "requested_by": "event"}
    )
    if existing is not None:
        return
    await NarrativeReport(
        owner_id=str(owner_id),
        backtest_id=str(backtest_id),
        requested_by="event",
        facts={"metrics": metric_facts(payload.get("metrics") or {})},
    ).insert()


async def subscribe_narrative_events(app: FastAPI) -> None:
    app.state.event_bus.subscribe(EVENT_TYPE, "gen_ai.narratives", on_backtest_completed)
