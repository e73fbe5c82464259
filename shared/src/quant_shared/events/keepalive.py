"""Tell JetStream a message is still being worked on, so a slow handler is not redelivered meanwhile."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from nats.aio.msg import Msg

log = logging.getLogger("quant.events")


async def _beat(msg: Msg, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await msg.in_progress()
        except Exception as exc:  # a lost connection: the next beat retries
            log.debug("in-progress ack failed: %s", exc)


@contextlib.asynccontextmanager
async def keep_alive(msg: Msg, ack_wait: float) -> AsyncIterator[None]:
    """Send ``+WPI`` every third of ``ack_wait`` while the body runs; a killed process stops beating."""
    beat = asyncio.create_task(_beat(msg, max(ack_wait / 3, 0.05)))
    try:
        yield
    finally:
        beat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beat
