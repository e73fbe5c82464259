"""Webhook API models: the secret is in the creation answer only."""

from datetime import datetime
from typing import Any

from pydantic import AliasChoices, Field, HttpUrl, field_validator

from quant_shared.enums import WebhookDeliveryStatus, WebhookEvent
from quant_shared.schema import BaseSchema


class WebhookCreate(BaseSchema):
    url: HttpUrl = Field(description="http(s) URL receiving POSTed JSON.")
    events: list[WebhookEvent] = Field(min_length=1, description="fill, run_stopped, risk_stopped.")

    @field_validator("events")
    @classmethod
    def _unique(cls, value: list[WebhookEvent]) -> list[WebhookEvent]:
        return list(dict.fromkeys(value))


class WebhookOut(BaseSchema):
    id: str = Field(validation_alias=AliasChoices("id", "_id"))
    url: str
    events: list[WebhookEvent]
    created_at: datetime

    @field_validator("id", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return str(value)


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Verify X-Quant-Signature (sha256=HMAC of the body) with it; shown once.")


class WebhookDeliveryOut(BaseSchema):
    id: str
    event: WebhookEvent
    body: dict[str, Any]
    status: WebhookDeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime
