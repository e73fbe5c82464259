"""Dead-letter administration: list what handlers gave up on, replay one after a fix."""

from fastapi import FastAPI

from quant_shared.events.bus import EventBus
from quant_shared.events.dead_letter import DeadLetter


def event_bus_of(app: FastAPI) -> EventBus:
    return app.state.event_bus


async def list_dead_letters(bus: EventBus, handler: str | None = None, limit: int = 100) -> list[DeadLetter]:
    letters = await bus.dead_letters(limit=limit if handler is None else 10_000)
    if handler is not None:
        letters = [letter for letter in letters if letter.handler == handler]
    return letters[:limit]


async def replay_dead_letter(bus: EventBus, dead_letter_id: str) -> DeadLetter:
    """Deliver again; handlers that already processed the event skip it, so only the failed one acts."""
    return await bus.replay(dead_letter_id)
