"""Events between domains."""

from quant_shared.events.bus import EventBus, Handler, InProcessEventBus
from quant_shared.events.schema import Event

__all__ = ["Event", "EventBus", "Handler", "InProcessEventBus"]
