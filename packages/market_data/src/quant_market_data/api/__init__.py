"""The market data domain's routers and documents, exported for composition."""

from fastapi import APIRouter, Depends

from quant_market_data import __version__
from quant_market_data.api import (
    bar_uploads,
    bars,
    fundamentals,
    ingest,
    instruments,
    quality,
    quotes,
)
from quant_market_data.api.admin import market_data as admin_market_data
from quant_market_data.api.demo_seeding import demo_seeded, finish_demo_seeding, start_demo_seeding
from quant_market_data.api.tags import TAGS
from quant_market_data.models import DOCUMENTS
from quant_market_data.services.event_wiring import start_market_data_events
from quant_shared.domain import DomainSpec

router = APIRouter(dependencies=[Depends(demo_seeded)])  # the demo universe is seeded in the background
for module in (instruments, bars, bar_uploads, quotes, fundamentals, quality, ingest, admin_market_data):
    router.include_router(module.router)

DOMAIN = DomainSpec(
    name="market_data",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(start_demo_seeding, start_market_data_events),
    on_shutdown=(finish_demo_seeding,),
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
