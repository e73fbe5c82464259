"""FastAPI dependencies of the gen-AI routers: each service built for the calling user."""

from typing import Annotated

from fastapi import Depends, Request

from quant_gen_ai.services.chatops_service import ChatOpsService
from quant_gen_ai.services.llm_service import LLMService
from quant_gen_ai.services.narrative_service import NarrativeService
from quant_gen_ai.services.prompt_renderer import PromptRenderer
from quant_gen_ai.services.strategy_builder_service import StrategyBuilderService
from quant_shared.auth import CurrentUser
from quant_shared.http import service_clients


async def llm_service(request: Request) -> LLMService:
    return LLMService(request.app.state.llm_provider, PromptRenderer())


LLMServiceDep = Annotated[LLMService, Depends(llm_service)]


async def narrative_service(principal: CurrentUser, request: Request, llm: LLMServiceDep) -> NarrativeService:
    return NarrativeService(llm, service_clients(request), principal)


async def builder_service(
    principal: CurrentUser, request: Request, llm: LLMServiceDep
) -> StrategyBuilderService:
    return StrategyBuilderService(llm, service_clients(request), principal)


async def chatops_service(principal: CurrentUser, request: Request, llm: LLMServiceDep) -> ChatOpsService:
    return ChatOpsService(llm, service_clients(request), principal)


NarrativeServiceDep = Annotated[NarrativeService, Depends(narrative_service)]
StrategyBuilderServiceDep = Annotated[StrategyBuilderService, Depends(builder_service)]
ChatOpsServiceDep = Annotated[ChatOpsService, Depends(chatops_service)]
