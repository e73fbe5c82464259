"""The sender: due deliveries POSTed with ``X-Quant-Signature: sha256=<HMAC-SHA256 of the body>``.

A background task in each trading process claims one due delivery at a time (a lease, one
compare-and-set), POSTs it and records the outcome: a 2xx is delivered; anything else, or no answer,
is tried again after a doubling back-off (``QUANT_TRADING_WEBHOOK_*``) until ``max_attempts``, then
failed. A process dying mid-delivery loses its lease and another sends it (the receiver may see a
delivery twice: ``X-Quant-Delivery`` is its id).
"""

import asyncio
import contextlib
import hashlib
import hmac
import logging
from datetime import timedelta

import httpx
import orjson
from beanie import PydanticObjectId
from fastapi import FastAPI
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from quant_shared.enums import WebhookDeliveryStatus
from quant_shared.timeutil import utcnow
from quant_trading.models.webhook import Webhook
from quant_trading.models.webhook_delivery import WebhookDelivery

log = logging.getLogger("quant.trading.webhooks")


class WebhookSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUANT_TRADING_WEBHOOK_", env_file=".env", extra="ignore")

    tick_seconds: float = Field(default=0.5, gt=0, description="How often due deliveries are looked for.")
    backoff_seconds: float = Field(default=5.0, gt=0, description="First retry delay, doubled per attempt.")
    max_backoff_seconds: float = Field(default=3600.0, gt=0)
    max_attempts: int = Field(default=12, ge=1)
    timeout_seconds: float = Field(default=10.0, gt=0)


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookSender:
    def __init__(self, settings: WebhookSettings) -> None:
        self.settings = settings

    async def claim(self) -> WebhookDelivery | None:
        now = utcnow()
        doc = await WebhookDelivery.get_pymongo_collection().find_one_and_update(
            {
                "status": WebhookDeliveryStatus.PENDING.value,
                "next_attempt_at": {"$lte": now},
                "$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}],
            },
            {"$set": {"lease_until": now + timedelta(seconds=self.settings.timeout_seconds * 3)}},
        )
        return None if doc is None else WebhookDelivery.model_validate(doc)

    async def send_due(self, client: httpx.AsyncClient) -> int:
        sent = 0
        while (delivery := await self.claim()) is not None:
            await self.send(client, delivery)
            sent += 1
        return sent

    async def send(self, client: httpx.AsyncClient, delivery: WebhookDelivery) -> None:
        hook = await Webhook.find_one({"_id": PydanticObjectId(delivery.webhook_id)})
        if hook is None:
            await WebhookDelivery.get_pymongo_collection().delete_one({"_id": delivery.id})
            return
        body = orjson.dumps(delivery.body)
        headers = {
            "Content-Type": "application/json",
            "X-Quant-Event": delivery.event.value,
            "X-Quant-Delivery": delivery.id,
            "X-Quant-Signature": signature(hook.secret, body),
        }
        code, error = None, None
        try:
            resp = await client.post(
                hook.url, content=body, headers=headers, timeout=self.settings.timeout_seconds
            )
            code = resp.status_code
            error = None if resp.is_success else f"answered HTTP {code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
        attempts = delivery.attempts + 1
        update = {
            "attempts": attempts,
            "last_status_code": code,
            "last_error": error,
            "lease_until": None,
            "updated_at": utcnow(),
        }
        if error is None:
            update.update(status=WebhookDeliveryStatus.DELIVERED.value, delivered_at=utcnow())
        elif attempts >= self.settings.max_attempts:
            update["status"] = WebhookDeliveryStatus.FAILED.value
        else:
            wait = min(self.settings.backoff_seconds * 2 ** (attempts - 1), self.settings.max_backoff_seconds)
            update["next_attempt_at"] = utcnow() + timedelta(seconds=wait)
        await WebhookDelivery.get_pymongo_collection().update_one({"_id": delivery.id}, {"$set": update})


async def run_sender(sender: WebhookSender, stop: asyncio.Event) -> None:
    """Until ``stop`` is set (a flag, not a cancellation: a database call can swallow a cancel)."""
    async with httpx.AsyncClient() as client:
        while not stop.is_set():
            try:
                await sender.send_due(client)
            except Exception:  # noqa: BLE001 - the next pass tries again
                log.exception("webhook delivery pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), sender.settings.tick_seconds)


async def start_webhook_sender(app: FastAPI) -> None:
    app.state.webhook_sender_stop = stop = asyncio.Event()
    app.state.webhook_sender = asyncio.create_task(run_sender(WebhookSender(WebhookSettings()), stop))


async def stop_webhook_sender(app: FastAPI) -> None:
    task = getattr(app.state, "webhook_sender", None)
    if task is None:
        return
    app.state.webhook_sender_stop.set()
    try:
        await asyncio.wait_for(asyncio.shield(task), 15.0)
    except TimeoutError:
        task.cancel()
