"""Drive an app in tests: run its lifespan and talk to it over ``httpx.ASGITransport``; wait for tasks."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI


@asynccontextmanager
async def running_app(app: FastAPI, base_url: str = "http://testserver") -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url, timeout=60) as client:
            yield client


async def wait_for_task(
    client: httpx.AsyncClient, task_id: str, headers: dict, timeout: float = 90.0
) -> dict:
    """Poll ``GET /tasks/{id}`` until the task is completed, failed or cancelled; its final body."""
    body: dict = {}
    for _ in range(int(timeout / 0.1)):
        body = (await client.get(f"/tasks/{task_id}", headers=headers)).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"task did not finish: {body}")
