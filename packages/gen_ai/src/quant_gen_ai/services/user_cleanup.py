"""``UserDeleted`` -> the user's gen-AI data is removed (idempotent)."""

from quant_gen_ai.models.chat_session import ChatSession
from quant_gen_ai.models.llm_call import LLMCall
from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.models.prompt_rendering import PromptRendering
from quant_gen_ai.models.prompt_template import PromptTemplate
from quant_gen_ai.models.strategy_code import StrategyCode
from quant_shared.events import Event
from quant_shared.events.catalog import UserDeleted, payload_of


async def on_user_deleted(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, UserDeleted)
    user_id = payload.user_id
    for document in (NarrativeReport, StrategyCode, ChatSession, PromptTemplate):
        await document.find({"owner_id": user_id}).delete()
    for document in (LLMCall, PromptRendering):  # audit records keyed by the caller
        await document.find({"caller_id": user_id}).delete()
