"""ChatOps: sessions whose commands act with the caller's own token; every action is recorded."""

from fastapi import APIRouter, Depends, Request, Response, status

from quant_gen_ai.api.deps import llm_service
from quant_gen_ai.schemas.chatops import ChatMessageCreate, ChatSessionCreate, ChatSessionOut, ChatTurnOut
from quant_gen_ai.services.chatops_service import ChatOpsService
from quant_gen_ai.services.llm_service import LLMService
from quant_shared.auth import Principal, require_user
from quant_shared.http import service_clients
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/chatops", tags=["ChatOps"])


async def chatops_service(
    request: Request, llm: LLMService = Depends(llm_service), principal: Principal = Depends(require_user)
) -> ChatOpsService:
    return ChatOpsService(llm, service_clients(request), principal)


@router.post("/sessions", status_code=status.HTTP_201_CREATED, response_model=ChatSessionOut)
async def create_chat_session(
    body: ChatSessionCreate, service: ChatOpsService = Depends(chatops_service)
) -> ChatSessionOut:
    return ChatSessionOut.of(await service.create(body.title))


@router.get("/sessions", response_model=Page[ChatSessionOut])
async def list_chat_sessions(
    params: PageParams = Depends(page_params), service: ChatOpsService = Depends(chatops_service)
) -> dict:
    page = await service.list_sessions(params)
    page["items"] = [ChatSessionOut.of(s) for s in page["items"]]
    return page


@router.get("/sessions/{session_id}", response_model=ChatSessionOut)
async def get_chat_session(
    session_id: str, service: ChatOpsService = Depends(chatops_service)
) -> ChatSessionOut:
    return ChatSessionOut.of(await service.get(session_id))


@router.post("/sessions/{session_id}/messages", response_model=ChatTurnOut)
async def post_chat_message(
    session_id: str, body: ChatMessageCreate, service: ChatOpsService = Depends(chatops_service)
) -> ChatTurnOut:
    """Send a /command or free text; the reply lists every action taken (and refused)."""
    session, reply = await service.post(session_id, body.content)
    return ChatTurnOut(session_id=str(session.id), reply=reply)


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_chat_session(
    session_id: str, service: ChatOpsService = Depends(chatops_service)
) -> Response:
    await service.delete(session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
