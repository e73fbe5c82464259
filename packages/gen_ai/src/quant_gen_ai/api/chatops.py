"""ChatOps: sessions whose commands act with the caller's own token; every action is recorded."""

from fastapi import APIRouter, Depends, Response, status

from quant_gen_ai.api.deps import ChatOpsServiceDep
from quant_gen_ai.schemas.chatops import ChatMessageCreate, ChatSessionCreate, ChatSessionOut, ChatTurnOut
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/chatops", tags=["ChatOps"])


@router.post("/sessions", status_code=status.HTTP_201_CREATED, response_model=ChatSessionOut)
async def create_chat_session(service: ChatOpsServiceDep, body: ChatSessionCreate) -> ChatSessionOut:
    return ChatSessionOut.of(await service.create(body.title))


@router.get("/sessions", response_model=Page[ChatSessionOut])
async def list_chat_sessions(service: ChatOpsServiceDep, params: PageParams = Depends(page_params)) -> dict:
    page = await service.list_sessions(params)
    page["items"] = [ChatSessionOut.of(s) for s in page["items"]]
    return page


@router.get("/sessions/{session_id}", response_model=ChatSessionOut)
async def get_chat_session(service: ChatOpsServiceDep, session_id: str) -> ChatSessionOut:
    return ChatSessionOut.of(await service.get(session_id))


@router.post("/sessions/{session_id}/messages", response_model=ChatTurnOut)
async def post_chat_message(
    service: ChatOpsServiceDep, session_id: str, body: ChatMessageCreate
) -> ChatTurnOut:
    """Send a /command or free text; the reply lists every action taken (and refused)."""
    session, reply = await service.post(session_id, body.content)
    return ChatTurnOut(session_id=str(session.id), reply=reply)


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_chat_session(service: ChatOpsServiceDep, session_id: str) -> Response:
    await service.delete(session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
