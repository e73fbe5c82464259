"""ChatOps API models."""

from datetime import datetime

from pydantic import Field

from quant_gen_ai.models.chat_session import ChatMessage
from quant_shared.schema import BaseSchema


class ChatSessionCreate(BaseSchema):
    title: str = Field(default="Chat", min_length=1, max_length=120)


class ChatMessageCreate(BaseSchema):
    content: str = Field(min_length=1, max_length=4000, description="A /command or free text.")


class ChatSessionOut(BaseSchema):
    id: str
    title: str
    last_task_id: str | None
    messages: list[ChatMessage]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, session) -> "ChatSessionOut":
        data = {k: getattr(session, k) for k in cls.model_fields if k != "id"}
        return cls(**data, id=str(session.id))


class ChatTurnOut(BaseSchema):
    session_id: str
    reply: ChatMessage
