"""Provider-neutral request/response types of one chat completion."""

from typing import Any

from pydantic import BaseModel, Field

from quant_shared.enums import LLMProviderKind


class ToolSpec(BaseModel):
    """A function the model may call; ``parameters`` is its JSON schema."""

    name: str
    description: str
    parameters: dict[str, Any] = Field(default_factory=lambda: {"type": "object", "properties": {}})


class ToolCall(BaseModel):
    id: str
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    raw_arguments: str | None = Field(default=None, description="Arguments as sent, when not valid JSON.")


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    estimated: bool = Field(default=False, description="True when counted locally (offline provider).")


class LLMRequest(BaseModel):
    """What a feature asks of a provider.

    ``messages`` come from a governed prompt; ``context`` carries the same facts in structured form
    for the offline provider (never sent to a remote server).
    """

    purpose: str
    messages: list[dict[str, Any]]
    response_schema: dict[str, Any] | None = None
    schema_name: str = "result"
    strict_schema: bool = Field(default=True, description="Ask the server for strict schema adherence.")
    tools: list[ToolSpec] = Field(default_factory=list)
    temperature: float | None = None
    context: dict[str, Any] = Field(default_factory=dict)


class LLMResponse(BaseModel):
    content: str | None = None
    parsed: Any = None
    tool_calls: list[ToolCall] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    model: str
    provider: LLMProviderKind
    finish_reason: str | None = None


class StreamChunk(BaseModel):
    """One streamed piece: a text delta, or the final usage."""

    delta: str = ""
    usage: Usage | None = None
    finish_reason: str | None = None
