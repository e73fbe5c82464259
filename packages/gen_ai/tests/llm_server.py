"""A scripted OpenAI-compatible chat-completions server for tests (served with ``serve_app``)."""

import json
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


@dataclass
class Scripted:
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    sse: list[dict[str, Any]] | None = None


def completion(content: str | None = None, tool_calls: list[dict] | None = None, usage=(11, 7)) -> Scripted:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        message["tool_calls"] = [
            {"id": f"call_{i}", "type": "function", "function": {"name": n, "arguments": json.dumps(a)}}
            for i, (n, a) in enumerate(tool_calls)
        ]
    return Scripted(
        body={
            "id": "chatcmpl-test",
            "model": "test-model",
            "choices": [
                {"index": 0, "message": message, "finish_reason": "tool_calls" if tool_calls else "stop"}
            ],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
        }
    )


def stream(words: list[str], usage=(5, 3)) -> Scripted:
    chunks = [{"choices": [{"index": 0, "delta": {"content": w}, "finish_reason": None}]} for w in words]
    chunks.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    chunks.append({"choices": [], "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1]}})
    return Scripted(sse=chunks)


class LLMServer:
    """Answers each POST /v1/chat/completions with the next scripted reply; records the requests."""

    def __init__(self) -> None:
        self.script: list[Scripted] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._handle)

    def push(self, *replies: Scripted) -> None:
        self.script.extend(replies)

    async def _handle(self, request: Request):
        self.requests.append(await request.json())
        self.headers.append(dict(request.headers))
        reply = self.script.pop(0) if self.script else Scripted(500, {"error": "script exhausted"})
        if reply.sse is not None:
            lines = [f"data: {json.dumps(c)}\n\n" for c in reply.sse] + ["data: [DONE]\n\n"]

            async def body():
                yield ": keep-alive\n\n"
                for line in lines:
                    yield line

            return StreamingResponse(body(), media_type="text/event-stream")
        return JSONResponse(reply.body or {}, status_code=reply.status, headers=reply.headers)
