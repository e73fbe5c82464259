"""``/webhooks``: URLs notified of fills and paper-run stops, signed; deliveries and their outcome."""

from fastapi import APIRouter, Depends, Response, status

from quant_shared.pagination import Page, PageParams, page_params
from quant_trading.api.paper_deps import WebhookServiceDep
from quant_trading.schemas.webhook import WebhookCreate, WebhookCreated, WebhookDeliveryOut, WebhookOut

router = APIRouter(prefix="/webhooks", tags=["Signals"])


@router.post(
    "",
    response_model=WebhookCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Register a webhook (its signing secret is in this answer only)",
)
async def create_webhook(body: WebhookCreate, hooks: WebhookServiceDep) -> WebhookCreated:
    return WebhookCreated.model_validate(await hooks.create(body))


@router.get("", response_model=Page[WebhookOut], summary="Your webhooks (secrets are not shown again)")
async def list_webhooks(hooks: WebhookServiceDep, params: PageParams = Depends(page_params)) -> dict:
    page = await hooks.page(params)
    return {**page, "items": [WebhookOut.model_validate(h) for h in page["items"]]}


@router.get("/{webhook_id}", response_model=WebhookOut, summary="A webhook")
async def get_webhook(webhook_id: str, hooks: WebhookServiceDep) -> WebhookOut:
    return WebhookOut.model_validate(await hooks.get(webhook_id))


@router.get(
    "/{webhook_id}/deliveries",
    response_model=Page[WebhookDeliveryOut],
    summary="Deliveries and their outcome",
)
async def list_webhook_deliveries(
    webhook_id: str, hooks: WebhookServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    return await hooks.deliveries(webhook_id, params)


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a webhook")
async def delete_webhook(webhook_id: str, hooks: WebhookServiceDep) -> Response:
    await hooks.delete(webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
