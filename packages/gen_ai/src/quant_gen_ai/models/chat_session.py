"""A chat-ops session: its messages and every action taken on the user's behalf."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import ChatActionStatus, ChatRole
from quant_shared.timeutil import utcnow


class ChatAction(BaseModel):
    """One tool call: what was asked, what was sent (always with the user's own token), the outcome."""

    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    source: str = Field(
        description="'slash' (command), 'llm' (model tool call) or 'intent' (offline parser)."
    )
    status: ChatActionStatus
    method: str | None = None
    path: str | None = None
    http_status: int | None = None
    result: Any = None
    error: str | None = None
    at: datetime = Field(default_factory=utcnow)


class ChatMessage(BaseModel):
    role: ChatRole
    content: str
    at: datetime = Field(default_factory=utcnow)
    actions: list[ChatAction] = Field(default_factory=list)


class ChatSession(OwnedDocument):
    title: str = "Chat"
    messages: list[ChatMessage] = Field(default_factory=list)
    last_task_id: str | None = Field(default=None, description="Task of the last backtest started here.")

    class Settings:
        name = "chat_sessions"
        use_state_management = False
        indexes = [IndexModel([("owner_id", ASCENDING), ("updated_at", DESCENDING)], name="chats_by_owner")]
