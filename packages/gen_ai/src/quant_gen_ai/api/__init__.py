"""The gen ai domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_gen_ai import __version__
from quant_gen_ai.api import chatops, narratives, prompt_reviews, prompts, strategy_builder
from quant_gen_ai.api.tags import TAGS
from quant_gen_ai.models.chat_session import ChatSession
from quant_gen_ai.models.llm_call import LLMCall
from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.models.prompt_rendering import PromptRendering
from quant_gen_ai.models.prompt_template import PromptTemplate
from quant_gen_ai.models.strategy_code import StrategyCode
from quant_gen_ai.services.lifecycle import start_gen_ai, stop_gen_ai
from quant_shared.domain import DomainSpec

router = APIRouter()
for _module in (narratives, strategy_builder, chatops, prompts, prompt_reviews):
    router.include_router(_module.router)

DOCUMENTS: list = [NarrativeReport, StrategyCode, ChatSession, PromptTemplate, PromptRendering, LLMCall]

DOMAIN = DomainSpec(
    name="gen_ai",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(start_gen_ai,),
    on_shutdown=(stop_gen_ai,),
)
