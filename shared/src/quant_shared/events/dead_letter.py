"""A dead letter: an event one handler could not process after its retries."""

from datetime import datetime

from pydantic import BaseModel, Field

from quant_shared.events.schema import Event
from quant_shared.timeutil import utcnow


class DeadLetter(BaseModel):
    id: str = Field(description="Dead-letter id (the dead-letter stream sequence with NATS).")
    handler: str = Field(description="Name of the handler that gave up on the event.")
    event: Event
    error: str = Field(description="Last error of the handler.")
    deliveries: int = Field(ge=0, description="How many times the event was delivered to the handler.")
    failed_at: datetime = Field(default_factory=utcnow)


def one_line(text: str, limit: int = 1000) -> str:
    """An error text safe for a message header: one line, bounded."""
    return " ".join(text.split())[:limit]
