"""LLM provider layer: an OpenAI-compatible client and an offline deterministic provider."""

from quant_gen_ai.llm.offline import OfflineProvider
from quant_gen_ai.llm.openai_client import OpenAICompatibleProvider
from quant_gen_ai.llm.provider import LLMProvider
from quant_gen_ai.llm.types import LLMRequest, LLMResponse, StreamChunk, ToolCall, ToolSpec, Usage

__all__ = [
    "LLMProvider",
    "LLMRequest",
    "LLMResponse",
    "OfflineProvider",
    "OpenAICompatibleProvider",
    "StreamChunk",
    "ToolCall",
    "ToolSpec",
    "Usage",
]
