"""FastAPI dependencies of the gen-AI routers."""

from fastapi import Request

from quant_gen_ai.services.llm_service import LLMService
from quant_gen_ai.services.prompt_renderer import PromptRenderer


async def llm_service(request: Request) -> LLMService:
    return LLMService(request.app.state.llm_provider, PromptRenderer())
