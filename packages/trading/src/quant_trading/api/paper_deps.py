"""FastAPI dependencies of the paper-trading routers."""

from typing import Annotated

from fastapi import Depends

from quant_shared.auth import AdminUser, CurrentUser
from quant_trading.services.paper.paper_comparison import PaperComparisonService
from quant_trading.services.paper.paper_run_service import PaperRunService
from quant_trading.services.webhooks.webhook_service import WebhookService


async def paper_run_service(principal: CurrentUser) -> PaperRunService:
    return PaperRunService(principal)


async def admin_paper_run_service(principal: AdminUser) -> PaperRunService:
    return PaperRunService(principal, every_owner=True)


PaperRunServiceDep = Annotated[PaperRunService, Depends(paper_run_service)]
AdminPaperRunServiceDep = Annotated[PaperRunService, Depends(admin_paper_run_service)]


async def paper_comparison_service(principal: CurrentUser) -> PaperComparisonService:
    return PaperComparisonService(principal)


PaperComparisonServiceDep = Annotated[PaperComparisonService, Depends(paper_comparison_service)]


async def webhook_service(principal: CurrentUser) -> WebhookService:
    return WebhookService(principal)


WebhookServiceDep = Annotated[WebhookService, Depends(webhook_service)]
