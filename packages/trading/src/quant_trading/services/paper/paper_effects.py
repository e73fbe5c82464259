"""What a paper step writes besides the book: its fills (upserted) and equity points (inserted once),
under ids derived from the run, the symbol and the bar, so a repeated step writes the same documents,
and the fill notices for the owner's webhooks."""

from typing import Any

from pymongo import InsertOne, UpdateOne

from quant_shared.enums import WebhookEvent
from quant_shared.timeutil import utcnow
from quant_trading.models.paper_equity import PaperEquityPoint
from quant_trading.models.paper_fill import PaperFill
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.engine_bridge import to_datetime
from quant_trading.services.paper.paper_bar_store import insert_new
from quant_trading.services.paper.paper_step import Step
from quant_trading.services.webhooks.webhook_records import record_deliveries


def fill_id(run_id: str, symbol: str, fill: dict[str, Any]) -> str:
    """``<run>:<symbol>:<trade>:<action>``, and ``:<part>`` for a trade's later exits."""
    key = f"{run_id}:{symbol}:{fill['trade']}:{fill['action'].value}"
    return f"{key}:{fill['part']}" if fill.get("part") else key


def effects(run: PaperRun, symbol: str, result: Step) -> tuple[list, list, list]:
    """The step's fill upserts, equity-point inserts and fill notices (ids derived from the bar)."""
    rid, owner = str(run.id), run.owner_id
    fills, notices = [], []
    for f in result.fills:
        key = fill_id(rid, symbol, f)
        fill = PaperFill(id="", run_id=rid, owner_id=owner, symbol=symbol, **f).model_dump(exclude={"id"})
        fills.append(UpdateOne({"_id": key}, {"$set": {**fill, "created_at": utcnow()}}, upsert=True))
        notices.append((key, fill_notice(rid, symbol, f)))
    now = utcnow()
    point = {"run_id": rid, "owner_id": owner, "symbol": symbol, "created_at": now, "updated_at": now}
    points = [  # the fields of ``PaperEquityPoint``, written as they are (one per bar, many per step)
        InsertOne({"_id": f"{rid}:{symbol}:{t}", **point, "time": to_datetime(t), "equity": e, "units": u})
        for t, e, u in result.equity
    ]
    return fills, points, notices


async def write_effects(steps: list[tuple[PaperRun, str, Step]]) -> None:
    """Every step's fills and equity points in one bulk write each; fill notices per run's owner."""
    fills, points, notices = [], [], []
    for run, symbol, result in steps:
        run_fills, run_points, run_notices = effects(run, symbol, result)
        fills += run_fills
        points += run_points
        notices += [(run.owner_id, run_notices)] if run_notices else []
    if fills:
        await PaperFill.get_pymongo_collection().bulk_write(fills, ordered=False)
    for owner, owner_notices in notices:
        await record_deliveries(owner, WebhookEvent.FILL, owner_notices)
    await insert_new(PaperEquityPoint.get_pymongo_collection(), points)


def fill_notice(run_id: str, symbol: str, fill: dict[str, Any]) -> dict[str, Any]:
    body = {k: (v.value if hasattr(v, "value") else v) for k, v in fill.items()}
    return {**body, "time": fill["time"].isoformat(), "run_id": run_id, "symbol": symbol}
