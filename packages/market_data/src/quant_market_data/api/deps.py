"""FastAPI dependencies building the domain's services from the app state, as ``Annotated`` aliases."""

from typing import Annotated

from fastapi import Depends, Request

from quant_market_data.services.bar_ingest_service import BarIngestService
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.quality_service import QualityService
from quant_market_data.settings import market_data_settings


async def bar_store() -> BarStore:
    return BarStore()


async def quality_service(request: Request) -> QualityService:
    return QualityService(market_data_settings(request.app))


async def ingest_service(request: Request) -> BarIngestService:
    settings = market_data_settings(request.app)
    outbox = getattr(request.app.state, "outbox", None)
    store, quality = BarStore(), QualityService(settings)
    return BarIngestService(store, quality, outbox, event_bars_max=settings.event_bars_max)


BarStoreDep = Annotated[BarStore, Depends(bar_store)]
QualityServiceDep = Annotated[QualityService, Depends(quality_service)]
BarIngestServiceDep = Annotated[BarIngestService, Depends(ingest_service)]
