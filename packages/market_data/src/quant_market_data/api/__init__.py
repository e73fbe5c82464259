"""The market data domain's routers and documents, exported for composition."""

from fastapi import APIRouter

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
from quant_market_data.api.tags import TAGS
from quant_market_data.models import BarBucket, BarSeries, DataQualityEvent, Fundamental, Instrument
from quant_market_data.services.event_wiring import start_market_data_events
from quant_market_data.services.seeding import seed_on_startup
from quant_shared.domain import DomainSpec

router = APIRouter()
for module in (instruments, bars, bar_uploads, quotes, fundamentals, quality, ingest, admin_market_data):
    router.include_router(module.router)

DOCUMENTS: list = [Instrument, BarSeries, BarBucket, Fundamental, DataQualityEvent]

DOMAIN = DomainSpec(
    name="market_data",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(seed_on_startup, start_market_data_events),
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
