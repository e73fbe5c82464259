"""The market data domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_market_data import __version__
from quant_shared.domain import DomainSpec

router = APIRouter()
DOCUMENTS: list = []
TAGS: list[dict] = []

DOMAIN = DomainSpec(name="market_data", router=router, documents=DOCUMENTS, tags=TAGS, version=__version__)
