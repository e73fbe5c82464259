"""``BacktestCompleted`` -> a pending narrative, written on its owner's first read.

The event carries no user token and this domain never mints one, so the report is only recorded
here (owner, backtest, the event's metrics); ``GET /narratives/{id}`` by the owner then fetches the
backtest with the owner's own token and writes it. The handler is idempotent (redelivery-safe).
"""

import logging

from pydantic import ValidationError

from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.narrative.facts import metric_facts
from quant_shared.events import Event
from quant_shared.events.catalog import BacktestCompleted, payload_of

log = logging.getLogger("quant.gen_ai.narratives")


async def on_backtest_completed(event: Event) -> None:
    try:
        payload = payload_of(event)
    except ValidationError:
        log.warning("BacktestCompleted %s has an invalid payload; no narrative requested", event.id)
        return
    assert isinstance(payload, BacktestCompleted)
    if not payload.generate_narrative:
        return
    filters = {"owner_id": payload.owner_id, "backtest_id": payload.backtest_id, "requested_by": "event"}
    if await NarrativeReport.find_one(filters) is not None:
        return
    await NarrativeReport(
        owner_id=payload.owner_id,
        backtest_id=payload.backtest_id,
        requested_by="event",
        facts={"metrics": metric_facts(payload.metrics)},
    ).insert()
