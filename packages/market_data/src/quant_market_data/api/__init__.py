"""The market data domain's routers and documents, exported for composition."""

from fastapi import APIRouter, Depends

from quant_market_data import __version__
from quant_market_data.api import bars, fundamentals, instruments, quality, quotes
from quant_market_data.api.admin import bar_uploads, ingest, live_schedules, symbols
from quant_market_data.api.admin import fundamentals as admin_fundamentals
from quant_market_data.api.admin import instruments as admin_instruments
from quant_market_data.api.admin import quality as admin_quality
from quant_market_data.api.demo_seeding import demo_seeded, finish_demo_seeding, start_demo_seeding
from quant_market_data.api.tags import TAGS
from quant_market_data.models import DOCUMENTS
from quant_market_data.services.event_wiring import start_market_data_events
from quant_market_data.services.live_poller import start_live_poller, stop_live_poller
from quant_shared.domain import DomainSpec

router = APIRouter(dependencies=[Depends(demo_seeded)])  # the demo universe is seeded in the background
for module in (instruments, bars, quotes, fundamentals, quality):
    router.include_router(module.router)
for module in (
    admin_instruments,
    bar_uploads,
    admin_fundamentals,
    admin_quality,
    ingest,
    symbols,
    live_schedules,
):
    router.include_router(module.router)

DOMAIN = DomainSpec(
    name="market_data",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(start_demo_seeding, start_market_data_events, start_live_poller),
    on_shutdown=(stop_live_poller, finish_demo_seeding),
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
