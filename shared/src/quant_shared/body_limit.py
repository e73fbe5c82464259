"""The request-body limit answers with the platform's problem document.

FastAPI enforces ``max_body_size`` (the app's ``QUANT_MAX_BODY_BYTES``; an upload route sets a larger
one) on declared and streamed bodies, but Starlette sends its 413 as ``text/plain`` itself, outside
every exception handler. :class:`PlatformApp` wraps its middleware stack so that this one answer is
rewritten as ``application/problem+json``, like every other error.
"""

import json

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quant_shared.errors import PayloadTooLargeError
from quant_shared.errors.handlers import PROBLEM_JSON


class PlatformApp(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        return ProblemContentTooLarge(super().build_middleware_stack())


class ProblemContentTooLarge:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced = False

        async def send_problem(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == 413:
                headers = dict(message.get("headers") or [])
                if headers.get(b"content-type", b"").startswith(b"text/plain"):
                    replaced = True
                    await _send_problem(scope, send)
                    return
            if replaced and message["type"] == "http.response.body":
                return  # the plain-text body of the answer already replaced
            await send(message)

        await self.app(scope, receive, send_problem)


async def _send_problem(scope: Scope, send: Send) -> None:
    problem = PayloadTooLargeError("The request body exceeds this route's size limit")
    body = json.dumps(problem.body(instance=scope.get("path"))).encode()
    headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
