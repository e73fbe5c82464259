"""A small HTTP service the proxy tests forward to (echo, slow, streamed and counted routes)."""

import asyncio
import hashlib

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


def upstream_app(name: str) -> FastAPI:
    app = FastAPI(title=name)
    app.state.calls = 0

    @app.api_route("/echo/{rest:path}", methods=["GET", "POST", "PUT", "DELETE"])
    async def echo(request: Request, rest: str) -> JSONResponse:
        body = await request.body()
        return JSONResponse(
            {
                "service": name,
                "method": request.method,
                "path": request.url.path,
                "query": request.url.query,
                "headers": {k: v for k, v in request.headers.items()},
                "body_sha256": hashlib.sha256(body).hexdigest(),
                "body_length": len(body),
            },
            headers={"X-Upstream": name, "Connection": "keep-alive"},
        )

    @app.post("/upload")
    async def upload(request: Request) -> dict:
        digest, size = hashlib.sha256(), 0
        async for chunk in request.stream():
            digest.update(chunk)
            size += len(chunk)
        return {"sha256": digest.hexdigest(), "size": size}

    @app.get("/stream/{count}")
    async def stream(count: int) -> StreamingResponse:
        async def chunks():
            for i in range(count):
                yield bytes([i % 251]) * 65536
                await asyncio.sleep(0)

        return StreamingResponse(chunks(), media_type="application/octet-stream")

    @app.get("/slow/{seconds}")
    async def slow(seconds: float) -> dict:
        await asyncio.sleep(seconds)
        return {"slept": seconds}

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok", "version": f"{name}-1.0"}

    return app


def expected_stream(count: int) -> bytes:
    return b"".join(bytes([i % 251]) * 65536 for i in range(count))
