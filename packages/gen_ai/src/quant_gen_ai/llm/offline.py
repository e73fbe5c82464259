"""Offline deterministic provider: template-built answers from the facts in ``request.context``.

Each feature registers a writer for its purpose (narrative, strategy builder, chat-ops); the same
request always gives the same answer, and token usage is counted locally (marked ``estimated``).
"""

from collections.abc import AsyncIterator, Callable
from typing import Any

from pydantic import BaseModel, Field

from quant_gen_ai.llm.provider import LLMProvider
from quant_gen_ai.llm.types import LLMRequest, LLMResponse, StreamChunk, ToolCall, Usage
from quant_shared.enums import LLMProviderKind
from quant_shared.errors import ServiceUnavailableError

OFFLINE_MODEL = "offline-deterministic"


class OfflineAnswer(BaseModel):
    content: str | None = None
    parsed: Any = None
    tool_calls: list[ToolCall] = Field(default_factory=list)


OfflineWriter = Callable[[LLMRequest], OfflineAnswer]


def count_tokens(text: str) -> int:
    """Local estimate: whitespace-separated words (no tokenizer is bundled)."""
    return len(text.split())


class OfflineProvider(LLMProvider):
    kind = LLMProviderKind.OFFLINE
    model = OFFLINE_MODEL

    def __init__(self, writers: dict[str, OfflineWriter]) -> None:
        self.writers = dict(writers)

    async def complete(self, request: LLMRequest) -> LLMResponse:
        writer = self.writers.get(request.purpose)
        if writer is None:
            raise ServiceUnavailableError(
                f"No LLM is configured and no offline writer handles '{request.purpose}'"
            )
        answer = writer(request)
        prompt_tokens = sum(count_tokens(str(m.get("content") or "")) for m in request.messages)
        completion_tokens = count_tokens(answer.content or "") + sum(
            count_tokens(str(c.arguments)) for c in answer.tool_calls
        )
        return LLMResponse(
            content=answer.content,
            parsed=answer.parsed,
            tool_calls=answer.tool_calls,
            usage=Usage(
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                total_tokens=prompt_tokens + completion_tokens,
                estimated=True,
            ),
            model=OFFLINE_MODEL,
            provider=LLMProviderKind.OFFLINE,
            finish_reason="tool_calls" if answer.tool_calls else "stop",
        )

    async def stream(self, request: LLMRequest) -> AsyncIterator[StreamChunk]:
        response = await self.complete(request)
        words = (response.content or "").split(" ")
        for i, word in enumerate(words):
            yield StreamChunk(delta=word if i == 0 else " " + word)
        yield StreamChunk(usage=response.usage, finish_reason=response.finish_reason)
