"""Deliveries recorded for the owner's webhooks when a fill is written or a run stops (upserts under
``<webhook>:<event key>``: an event recorded again is the same delivery)."""

from typing import Any

from pymongo import UpdateOne

from quant_shared.enums import WebhookDeliveryStatus, WebhookEvent
from quant_shared.timeutil import utcnow
from quant_trading.models.webhook import Webhook
from quant_trading.models.webhook_delivery import WebhookDelivery


async def record_deliveries(
    owner_id: str, event: WebhookEvent, items: list[tuple[str, dict[str, Any]]]
) -> int:
    """``items``: (event key, JSON body) pairs; the deliveries recorded for the owner's webhooks."""
    if not items:
        return 0
    hooks = (
        await Webhook.get_pymongo_collection()
        .find({"owner_id": owner_id, "events": event.value}, {"_id": 1})
        .to_list()
    )
    now = utcnow()
    ops = [
        UpdateOne(
            {"_id": f"{hook['_id']}:{key}"},
            {
                "$setOnInsert": {
                    "owner_id": owner_id,
                    "webhook_id": str(hook["_id"]),
                    "event": event.value,
                    "body": {"event": event.value, **body},
                    "status": WebhookDeliveryStatus.PENDING.value,
                    "attempts": 0,
                    "next_attempt_at": now,
                    "lease_until": None,
                    "created_at": now,
                    "updated_at": now,
                }
            },
            upsert=True,
        )
        for hook in hooks
        for key, body in items
    ]
    if ops:
        await WebhookDelivery.get_pymongo_collection().bulk_write(ops, ordered=False)
    return len(ops)
