"""The provider interface every LLM backend implements."""

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator

from quant_gen_ai.llm.types import LLMRequest, LLMResponse, StreamChunk
from quant_shared.enums import LLMProviderKind


class LLMProvider(ABC):
    kind: LLMProviderKind
    model: str

    @abstractmethod
    async def complete(self, request: LLMRequest) -> LLMResponse:
        """One chat completion (structured output and tool calls included)."""

    @abstractmethod
    def stream(self, request: LLMRequest) -> AsyncIterator[StreamChunk]:
        """Text deltas as they arrive, then one chunk carrying the usage."""

    async def aclose(self) -> None:
        return None
