"""Risk limits of a paper run, checked after each processed step, and stopping a run."""

from quant_shared.enums import PaperRunStatus, PaperStopCause, WebhookEvent
from quant_shared.timeutil import utcnow
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper.paper_streams import load_books, retire
from quant_trading.services.webhooks.webhook_records import record_deliveries


async def stop_run(run_id, cause: PaperStopCause, reason: str) -> bool:
    """Stop a running run (no bar is processed for it afterwards); False when it was not running."""
    now = utcnow()
    stop = {"status": PaperRunStatus.STOPPED.value, "stop_cause": cause.value, "stop_reason": reason}
    run = await PaperRun.get_pymongo_collection().find_one_and_update(
        {"_id": run_id, "status": PaperRunStatus.RUNNING.value},
        {"$set": {**stop, "stopped_at": now, "updated_at": now}},
    )
    if run is None:
        return False
    await retire(str(run_id), run["symbols"], run["interval"])
    body = {"run_id": str(run_id), "name": run["name"], "cause": cause.value, "reason": reason}
    notice = [(f"{run_id}:stop", {**body, "stopped_at": now.isoformat()})]
    await record_deliveries(run["owner_id"], WebhookEvent.RUN_STOPPED, notice)
    if cause in (PaperStopCause.MAX_POSITION, PaperStopCause.MAX_DAILY_LOSS):
        await record_deliveries(run["owner_id"], WebhookEvent.RISK_STOPPED, notice)
    return True


async def check_limits(run: PaperRun) -> PaperStopCause | None:
    """Stop the run when a limit is breached by the books' current state; the cause, if stopped."""
    if run.risk.max_position_value is None and run.risk.max_daily_loss is None:
        return None
    books = await load_books(run)
    limit = run.risk.max_position_value
    for book in books:
        value = abs((book.position or {}).get("market_value") or 0.0)
        if limit is not None and value > limit:
            reason = f"{book.symbol}: position value {value:.2f} exceeds the limit {limit:.2f}"
            return (
                PaperStopCause.MAX_POSITION
                if await stop_run(run.id, PaperStopCause.MAX_POSITION, reason)
                else None
            )
    loss = sum(b.day_start_equity - b.equity for b in books)
    if run.risk.max_daily_loss is not None and loss > run.risk.max_daily_loss:
        reason = f"loss of {loss:.2f} today exceeds the daily limit {run.risk.max_daily_loss:.2f}"
        return (
            PaperStopCause.MAX_DAILY_LOSS
            if await stop_run(run.id, PaperStopCause.MAX_DAILY_LOSS, reason)
            else None
        )
    return None
