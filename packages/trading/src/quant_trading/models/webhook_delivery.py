"""``WebhookDelivery``: one notification to one webhook, retried with back-off until answered 2xx.

``_id`` is ``<webhook id>:<event key>`` (the fill's or the run's stop), so an event recorded twice is
one delivery.
"""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import WebhookDeliveryStatus, WebhookEvent


class WebhookDelivery(OwnedDocument):
    id: str  # type: ignore[assignment]
    webhook_id: str
    event: WebhookEvent
    body: dict[str, Any]
    status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime
    lease_until: datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    delivered_at: datetime | None = Field(default=None)

    class Settings:
        name = "webhook_deliveries"
        indexes = [
            IndexModel([("status", ASCENDING), ("next_attempt_at", ASCENDING)]),
            IndexModel([("webhook_id", ASCENDING), ("created_at", ASCENDING)]),
        ]
