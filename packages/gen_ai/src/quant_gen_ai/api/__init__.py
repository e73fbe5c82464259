"""The gen-AI domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_gen_ai import __version__
from quant_gen_ai.api import chatops, narratives, prompt_reviews, prompts, strategy_builder
from quant_gen_ai.api.admin import prompts as admin_prompts
from quant_gen_ai.api.tags import TAGS
from quant_gen_ai.models import DOCUMENTS
from quant_gen_ai.services.lifecycle import start_gen_ai, stop_gen_ai
from quant_shared.domain import DomainSpec

router = APIRouter()
for _module in (narratives, strategy_builder, chatops, prompts, prompt_reviews, admin_prompts):
    router.include_router(_module.router)

DOMAIN = DomainSpec(
    name="gen_ai",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(start_gen_ai,),
    on_shutdown=(stop_gen_ai,),
)
