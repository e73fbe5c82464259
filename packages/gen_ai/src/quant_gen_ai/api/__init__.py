"""The gen ai domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_gen_ai import __version__
from quant_shared.domain import DomainSpec

router = APIRouter()
DOCUMENTS: list = []
TAGS: list[dict] = []

DOMAIN = DomainSpec(name="gen_ai", router=router, documents=DOCUMENTS, tags=TAGS, version=__version__)
