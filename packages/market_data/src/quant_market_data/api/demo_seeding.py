"""The demo universe is seeded in the background, so the platform answers before it is written.

Start-up only schedules ``seed_on_startup`` (an empty database gets ~13,000 synthetic bars, about a
second of work); a market-data request arriving meanwhile waits for it (``demo_seeded``, a dependency
of every market-data route, so what the seeding writes is there when asked for); shutdown lets a
seeding in progress finish rather than leave half a universe (a non-empty database is never seeded).
"""

import asyncio
import logging

from fastapi import FastAPI, Request

from quant_market_data.services.seeding import seed_on_startup

log = logging.getLogger("quant.market_data.seed")
SHUTDOWN_WAIT_SECONDS = 30.0


async def _seed(app: FastAPI) -> None:
    try:
        await seed_on_startup(app)
    except Exception:  # noqa: BLE001 - the platform runs on without the demo data
        log.exception("seeding the demo universe failed")


async def start_demo_seeding(app: FastAPI) -> None:
    """Start-up hook: seed in the background (``app.state.market_data_seeding``, awaitable)."""
    app.state.market_data_seeding = asyncio.create_task(_seed(app), name="market-data-demo-seeding")


async def finish_demo_seeding(app: FastAPI) -> None:
    """Shutdown hook: a seeding still running may finish (up to 30 s), then it is cancelled."""
    task: asyncio.Task | None = getattr(app.state, "market_data_seeding", None)
    if task is None or task.done():
        return
    try:
        await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_WAIT_SECONDS)
    except TimeoutError:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def demo_seeded(request: Request) -> None:
    """Route dependency: wait while the demo universe is being seeded (a no-op once it is done)."""
    task: asyncio.Task | None = getattr(request.app.state, "market_data_seeding", None)
    if task is not None and not task.done():
        await asyncio.shield(task)  # a request cancelled meanwhile does not cancel the seeding
