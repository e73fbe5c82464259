"""``OutboxDep``: the app's outbox relay as a FastAPI dependency (``None`` when the app runs without
events). Producers call ``send_now()`` on it after writing events, so they go out before the answer."""

from typing import Annotated

from fastapi import Depends, Request

from quant_shared.events.outbox_relay import OutboxRelay


async def app_outbox(request: Request) -> OutboxRelay | None:
    return getattr(request.app.state, "outbox", None)


OutboxDep = Annotated[OutboxRelay | None, Depends(app_outbox)]


async def send_now(outbox: OutboxRelay | None) -> None:
    """Publish pending events at once when the app has a relay (never raises)."""
    if outbox is not None:
        await outbox.send_now()
