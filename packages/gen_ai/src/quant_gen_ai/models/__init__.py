"""Beanie documents of the gen-AI domain, and ``DOCUMENTS``, the list registered with Beanie."""

from quant_gen_ai.models.chat_session import ChatSession
from quant_gen_ai.models.llm_call import LLMCall
from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.models.prompt_rendering import PromptRendering
from quant_gen_ai.models.prompt_template import PromptTemplate
from quant_gen_ai.models.strategy_code import StrategyCode

DOCUMENTS: list = [NarrativeReport, StrategyCode, ChatSession, PromptTemplate, PromptRendering, LLMCall]

__all__ = [
    "DOCUMENTS",
    "ChatSession",
    "LLMCall",
    "NarrativeReport",
    "PromptRendering",
    "PromptTemplate",
    "StrategyCode",
]
