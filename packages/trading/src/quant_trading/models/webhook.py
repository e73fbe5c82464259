"""``Webhook``: a user's URL notified of paper-trading events, signed with its secret."""

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import WebhookEvent


class Webhook(OwnedDocument):
    url: str
    events: list[WebhookEvent]
    secret: str = Field(description="HMAC-SHA256 key of the signatures; shown once, at creation.")

    class Settings:
        name = "webhooks"
        indexes = [IndexModel([("owner_id", ASCENDING), ("events", ASCENDING)])]
