"""Events between domains: envelope, typed catalog, buses (in-process default, NATS JetStream), outbox.

The NATS bus lives in ``quant_shared.events.nats_bus`` (imported only when selected); the admin router
for dead letters in ``quant_shared.events.admin_router``. See README.md beside this file.
"""

from quant_shared.events.bus import EventBus, Handler, InProcessEventBus
from quant_shared.events.catalog import (
    EVENT_PAYLOADS,
    BacktestCompleted,
    DataQualityIssueDetected,
    EventPayload,
    MarketDataIngested,
    ModelDeployed,
    UserDeleted,
    make_event,
    payload_of,
)
from quant_shared.events.dead_letter import DeadLetter
from quant_shared.events.outbox import (
    OutboxMixin,
    insert_with_events,
    record_event,
    update_with_events,
    with_events,
)
from quant_shared.events.schema import Event

__all__ = [
    "EVENT_PAYLOADS",
    "BacktestCompleted",
    "DataQualityIssueDetected",
    "DeadLetter",
    "Event",
    "EventBus",
    "EventPayload",
    "Handler",
    "InProcessEventBus",
    "MarketDataIngested",
    "ModelDeployed",
    "OutboxMixin",
    "UserDeleted",
    "insert_with_events",
    "make_event",
    "payload_of",
    "record_event",
    "update_with_events",
    "with_events",
]
