"""Versioned event envelope travelling between domains."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from quant_shared.timeutil import utcnow


class Event(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    type: str = Field(description="Event type, e.g. 'BacktestCompleted'.")
    version: int = 1
    time: datetime = Field(default_factory=utcnow)
    producer: str = Field(description="Domain that emitted the event.")
    payload: dict[str, Any] = Field(default_factory=dict)
