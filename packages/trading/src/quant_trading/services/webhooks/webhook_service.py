"""``WebhookService``: a user's webhooks and their deliveries (a foreign or unknown id is a 404)."""

import secrets
from typing import Any

from beanie import PydanticObjectId

from quant_shared.auth import Principal
from quant_shared.errors import NotFoundError
from quant_shared.pagination import PageParams, paginate
from quant_trading.models.webhook import Webhook
from quant_trading.models.webhook_delivery import WebhookDelivery
from quant_trading.schemas.webhook import WebhookCreate


class WebhookService:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    def owned(self, **filters: Any) -> dict[str, Any]:
        return {**filters, "owner_id": self.principal.user_id}

    async def create(self, body: WebhookCreate) -> Webhook:
        hook = Webhook(
            owner_id=self.principal.user_id,
            url=str(body.url),
            events=body.events,
            secret=secrets.token_urlsafe(32),
        )
        await hook.insert()
        return hook

    async def page(self, params: PageParams) -> dict:
        return await paginate(Webhook.find(self.owned()), params, sort=[("created_at", 1)])

    async def get(self, webhook_id: str) -> Webhook:
        try:
            oid = PydanticObjectId(webhook_id)
        except Exception as exc:
            raise NotFoundError(f"Webhook {webhook_id} not found") from exc
        hook = await Webhook.find_one(self.owned(_id=oid))
        if hook is None:
            raise NotFoundError(f"Webhook {webhook_id} not found")
        return hook

    async def delete(self, webhook_id: str) -> None:
        hook = await self.get(webhook_id)
        await WebhookDelivery.find({"webhook_id": str(hook.id)}).delete()
        await hook.delete()

    async def deliveries(self, webhook_id: str, params: PageParams) -> dict:
        hook = await self.get(webhook_id)
        query = WebhookDelivery.find(self.owned(webhook_id=str(hook.id)))
        return await paginate(query, params, sort=[("created_at", 1), ("_id", 1)])
