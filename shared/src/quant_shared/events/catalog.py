"""The platform's event catalog: one typed, versioned payload model per event type.

Producers build events with ``make_event(Payload(...), producer=...)``; consumers read them back with
``payload_of(event)``, which validates the payload against the model registered for its type.
"""

from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from quant_shared.enums import Severity
from quant_shared.events.schema import Event


class EventPayload(BaseModel):
    """Base of every payload; ``event_type`` / ``event_version`` name it in the envelope."""

    model_config = ConfigDict(extra="forbid")
    event_type: ClassVar[str] = ""
    event_version: ClassVar[int] = 1


class MarketDataIngested(EventPayload):
    """New bars stored: features and signals depending on these symbols are stale."""

    event_type: ClassVar[str] = "MarketDataIngested"
    symbols: list[str] = Field(min_length=1)
    timeframe: str = Field(description="Bar timeframe, e.g. '1d'.")
    start: datetime | None = Field(default=None, description="First bar time ingested.")
    end: datetime | None = Field(default=None, description="Last bar time ingested.")
    bars: int = Field(default=0, ge=0, description="Number of bars the ingest wrote (all its parts).")
    source: str | None = None
    owner_id: str | None = Field(default=None, description="Set when the data is private to a user.")
    bar_columns: dict[str, list] | None = Field(
        default=None,
        description="The ingested bars of the single symbol, columnar ({timestamp: [epoch ms], open, high, "
        "low, close, volume}) of this part; None when the producer carries no bars.",
    )
    previous_end: datetime | None = Field(
        default=None,
        description="Time of the stored bar just before the first ingested one (None: none stored before), "
        "so a consumer keeping the series' tail knows whether the new bars continue it.",
    )
    part: int = Field(default=1, ge=1, description="This event's place among the parts of its ingest.")
    parts: int = Field(
        default=1,
        ge=1,
        description="Events announcing the ingest: a large one comes in parts of consecutive bars, "
        "in time order, each carrying its own (``start``, ``end``, ``bar_columns``, ``previous_end``).",
    )


class DataQualityIssueDetected(EventPayload):
    """A data-quality check failed on a stored document (shown on the dashboard)."""

    event_type: ClassVar[str] = "DataQualityIssueDetected"
    dataset: str = Field(description="Collection or dataset checked, e.g. 'bars'.")
    check: str = Field(description="Name of the failed check, e.g. 'gap' or 'negative_price'.")
    severity: Severity = Severity.WARNING
    message: str
    document_id: str | None = None
    symbol: str | None = None
    owner_id: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class BacktestCompleted(EventPayload):
    """A backtest finished: strategy performance is updated and a narrative written if asked for."""

    event_type: ClassVar[str] = "BacktestCompleted"
    backtest_id: str
    owner_id: str
    strategy_id: str | None = None
    generate_narrative: bool = False
    metrics: dict[str, Any] = Field(default_factory=dict)


class ModelDeployed(EventPayload):
    """A model version was deployed: ML signals start for its symbols."""

    event_type: ClassVar[str] = "ModelDeployed"
    model_id: str
    deployment_id: str
    owner_id: str
    symbols: list[str] = Field(default_factory=list)
    model_version: str | None = None
    timeframe: str | None = None


class UserDeleted(EventPayload):
    """A user account was deleted: every domain removes that user's data."""

    event_type: ClassVar[str] = "UserDeleted"
    user_id: str
    deleted_by: str | None = Field(default=None, description="Admin id when an admin deleted the account.")
    reason: str | None = None


class AccessRevoked(EventPayload):
    """A user's access tokens issued before ``not_before`` stop working (deactivation, role change)."""

    event_type: ClassVar[str] = "AccessRevoked"
    user_id: str
    not_before: datetime
    reason: str


class StrategyDeleted(EventPayload):
    """A strategy was deleted: experiments that served it are unlinked."""

    event_type: ClassVar[str] = "StrategyDeleted"
    strategy_id: str
    owner_id: str


class ExperimentLinked(EventPayload):
    """An ML experiment was created to serve a strategy (both checked to be the owner's)."""

    event_type: ClassVar[str] = "ExperimentLinked"
    experiment_id: str
    strategy_id: str
    owner_id: str


class ExperimentDeleted(EventPayload):
    """An ML experiment was deleted: the strategy it served forgets it."""

    event_type: ClassVar[str] = "ExperimentDeleted"
    experiment_id: str
    owner_id: str
    strategy_id: str | None = None


EVENT_PAYLOADS: dict[str, type[EventPayload]] = {
    model.event_type: model
    for model in (
        MarketDataIngested,
        DataQualityIssueDetected,
        BacktestCompleted,
        ModelDeployed,
        UserDeleted,
        AccessRevoked,
        StrategyDeleted,
        ExperimentLinked,
        ExperimentDeleted,
    )
}


def make_event(payload: EventPayload, producer: str, **envelope: Any) -> Event:
    """The envelope of a typed payload (``id``/``time`` may be given, e.g. to derive ids)."""
    return Event(
        type=payload.event_type,
        version=payload.event_version,
        producer=producer,
        payload=payload.model_dump(mode="json"),
        **envelope,
    )


def payload_of(event: Event) -> EventPayload:
    """The typed payload of a cataloged event; ``KeyError`` for an unknown type."""
    model = EVENT_PAYLOADS.get(event.type)
    if model is None:
        raise KeyError(f"no payload model registered for event type {event.type!r}")
    return model.model_validate(event.payload)
