"""The trading domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_shared.domain import DomainSpec
from quant_trading import __version__

router = APIRouter()
DOCUMENTS: list = []
TAGS: list[dict] = []

DOMAIN = DomainSpec(name="trading", router=router, documents=DOCUMENTS, tags=TAGS, version=__version__)
