"""``DataQualityIssueDetected`` -> a notice in this domain's own collection, shown on the dashboard's
``data_quality`` section for the symbols of the user's watchlists.

Idempotent: one notice per issue (owner, dataset, symbol, interval, check, start), upserted. An issue
on a user's own data (ML feature values) is shown to that user only.
"""

from quant_shared.events import DataQualityIssueDetected, Event, payload_of
from quant_user.models.quality_notice import QualityNotice

RECENT = 20


def notice_key(payload: DataQualityIssueDetected) -> str:
    parts = (
        payload.owner_id,
        payload.dataset,
        payload.symbol,
        payload.details.get("interval"),
        payload.check,
    )
    return "|".join(str(p or "") for p in (*parts, payload.details.get("start")))


async def on_quality_issue(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, DataQualityIssueDetected)
    fields = {
        "event_id": event.id,
        "owner_id": payload.owner_id,
        "dataset": payload.dataset,
        "symbol": payload.symbol.upper() if payload.symbol else None,
        "check": payload.check,
        "severity": payload.severity,
        "message": payload.message,
        "details": payload.details,
        "detected_at": event.time,
    }
    key = notice_key(payload)
    found = await QualityNotice.find_one({"key": key})
    if found is None:
        await QualityNotice(key=key, **fields).insert()
    else:
        await QualityNotice.find_one({"key": key}).update({"$set": fields})


async def recent_notices(symbols: list[str], user_id: str, limit: int = RECENT) -> list[dict]:
    """The newest issues of these symbols on shared data or the user's own, newest first."""
    if not symbols:
        return []
    mine = {"$or": [{"owner_id": None}, {"owner_id": user_id}]}
    found = QualityNotice.find({"symbol": {"$in": symbols}, **mine}).sort([("detected_at", -1)]).limit(limit)
    return [
        n.model_dump(
            mode="json",
            include={"symbol", "dataset", "check", "severity", "message", "details", "detected_at"},
        )
        for n in await found.to_list()
    ]
