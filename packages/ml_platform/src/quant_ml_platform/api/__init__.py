"""The ml platform domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_ml_platform import __version__
from quant_shared.domain import DomainSpec

router = APIRouter()
DOCUMENTS: list = []
TAGS: list[dict] = []

DOMAIN = DomainSpec(name="ml_platform", router=router, documents=DOCUMENTS, tags=TAGS, version=__version__)
