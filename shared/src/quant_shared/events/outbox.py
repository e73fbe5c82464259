"""Transactional outbox without multi-document transactions (FerretDB has none).

A state change and the events it emits are ONE single-document write: the events ride in the changed
document itself, in its ``pending_events`` array (``OutboxMixin``). Either both are stored or neither.
When the event *is* the state change (nothing else changes), ``record_event`` inserts one outbox
document holding it. ``OutboxRelay`` then publishes pending events and pulls each one out of its
document once the bus has stored it; if the broker is down, events wait in their documents.

Write with update operators (``update_with_events``), not a whole-document ``save()``: a stale
in-memory copy saved later would bring back events already sent (they would be de-duplicated by
id, but are better not resent).
"""

from typing import Any

from beanie import Document
from pydantic import BaseModel, Field
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.results import UpdateResult

from quant_shared.events.schema import Event
from quant_shared.timeutil import utcnow

OUTBOX_FIELD = "pending_events"
OUTBOX_COLLECTION = "event_outbox"
# documents with events to send; the embedded FerretDB answers this form from an index on the field
PENDING = {OUTBOX_FIELD: {"$exists": True, "$ne": []}}
Target = type[Document] | AsyncCollection


class OutboxMixin(BaseModel):
    """Add to a Beanie document that emits events with its changes."""

    pending_events: list[Event] = Field(
        default_factory=list,
        description="Events written with this document's last changes, not yet published.",
    )


def collection_of(target: Target) -> AsyncCollection:
    if isinstance(target, type) and issubclass(target, Document):
        return target.get_pymongo_collection()
    return target


def with_events(update: dict[str, Any], *events: Event) -> dict[str, Any]:
    """``update`` (operators such as ``$set``) extended to push ``events`` into the outbox array."""
    if not events:
        return update
    merged = {op: dict(fields) for op, fields in update.items()}
    push = merged.setdefault("$push", {})
    if OUTBOX_FIELD in push:
        raise ValueError(f"the update already pushes to {OUTBOX_FIELD}")
    push[OUTBOX_FIELD] = {"$each": [event.model_dump(mode="json") for event in events]}
    return merged


async def update_with_events(
    target: Target, filter_: dict[str, Any], update: dict[str, Any], *events: Event
) -> UpdateResult:
    """Change one document and queue its events in the same write (nothing queued if nothing matched)."""
    return await collection_of(target).update_one(filter_, with_events(update, *events))


async def insert_with_events(document: Document, *events: Event) -> Document:
    """Insert a new ``OutboxMixin`` document together with the events announcing it."""
    document.pending_events = [*document.pending_events, *events]
    await document.insert()
    return document


async def record_event(target: Target, event: Event, *more: Event) -> None:
    """An outbox record alone (e.g. in ``event_outbox``): for events that are the state change itself.
    Several events go in one record (one write), published in their order."""
    events = [event.model_dump(mode="json") for event in (event, *more)]
    await collection_of(target).insert_one({"_id": event.id, "created_at": utcnow(), OUTBOX_FIELD: events})
