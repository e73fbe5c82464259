"""Mapping between provider-neutral types and the OpenAI chat-completions wire format."""

import json
from typing import Any

from quant_gen_ai.llm.types import LLMRequest, LLMResponse, StreamChunk, ToolCall, Usage
from quant_shared.enums import LLMProviderKind
from quant_shared.errors import BadGatewayError


def request_body(request: LLMRequest, model: str, temperature: float, stream: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "messages": request.messages,
        "temperature": request.temperature if request.temperature is not None else temperature,
    }
    if request.response_schema is not None:
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {
                "name": request.schema_name,
                "schema": request.response_schema,
                "strict": request.strict_schema,
            },
        }
    if request.tools:
        body["tools"] = [
            {
                "type": "function",
                "function": {"name": t.name, "description": t.description, "parameters": t.parameters},
            }
            for t in request.tools
        ]
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body


def parse_usage(data: dict[str, Any] | None) -> Usage:
    data = data or {}
    prompt = int(data.get("prompt_tokens") or 0)
    completion = int(data.get("completion_tokens") or 0)
    return Usage(
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=int(data.get("total_tokens") or prompt + completion),
    )


def _tool_call(raw: dict[str, Any]) -> ToolCall:
    fn = raw.get("function") or {}
    text = fn.get("arguments") or "{}"
    try:
        args = json.loads(text) if isinstance(text, str) else dict(text)
    except ValueError:
        return ToolCall(id=raw.get("id") or "", name=fn.get("name") or "", raw_arguments=text)
    if not isinstance(args, dict):
        return ToolCall(id=raw.get("id") or "", name=fn.get("name") or "", raw_arguments=text)
    return ToolCall(id=raw.get("id") or "", name=fn.get("name") or "", arguments=args)


def parse_completion(data: dict[str, Any], request: LLMRequest, model: str) -> LLMResponse:
    """Turn a chat-completions answer into an ``LLMResponse``; malformed answers are a 502."""
    try:
        choice = data["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError) as exc:
        raise BadGatewayError("The LLM server answered without a choice") from exc
    content = message.get("content")
    parsed = None
    if request.response_schema is not None and content:
        try:
            parsed = json.loads(content)
        except ValueError as exc:
            raise BadGatewayError(
                "The LLM server did not return valid JSON for the structured output"
            ) from exc
    return LLMResponse(
        content=content,
        parsed=parsed,
        tool_calls=[_tool_call(t) for t in message.get("tool_calls") or []],
        usage=parse_usage(data.get("usage")),
        model=data.get("model") or model,
        provider=LLMProviderKind.OPENAI_COMPATIBLE,
        finish_reason=choice.get("finish_reason"),
    )


def parse_stream_line(line: str) -> StreamChunk | None:
    """One SSE line -> a chunk; ``None`` for comments, blank lines and ``[DONE]``."""
    if not line.startswith("data:"):
        return None
    payload = line[5:].strip()
    if not payload or payload == "[DONE]":
        return None
    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise BadGatewayError("The LLM server sent a malformed stream event") from exc
    chunk = StreamChunk()
    choices = data.get("choices") or []
    if choices:
        chunk.delta = (choices[0].get("delta") or {}).get("content") or ""
        chunk.finish_reason = choices[0].get("finish_reason")
    if data.get("usage"):
        chunk.usage = parse_usage(data["usage"])
    return chunk
