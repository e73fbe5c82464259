"""The ML side of the strategy <-> experiment relation: ``ExperimentLinked`` rides in the new
experiment (outbox), ``ExperimentDeleted`` goes to the ML database's ``event_outbox`` before the
deletion, and ``StrategyDeleted`` unlinks the owner's experiments that served the strategy."""

from quant_ml_platform.models.experiment import ModelExperiment
from quant_shared.events import Event, make_event, payload_of
from quant_shared.events.catalog import ExperimentDeleted, ExperimentLinked, StrategyDeleted
from quant_shared.events.outbox import OUTBOX_COLLECTION, record_event

PRODUCER = "ml_platform"


def ml_outbox():
    """``event_outbox`` of the ML database (events that are the state change itself)."""
    return ModelExperiment.get_pymongo_collection().database[OUTBOX_COLLECTION]


def linked_event(experiment: ModelExperiment) -> Event:
    payload = ExperimentLinked(
        experiment_id=str(experiment.id),
        strategy_id=str(experiment.strategy_id),
        owner_id=experiment.owner_id,
    )
    return make_event(payload, producer=PRODUCER, id=f"experiment-linked-{experiment.id}")


async def record_experiment_deleted(experiment: ModelExperiment) -> None:
    payload = ExperimentDeleted(
        experiment_id=str(experiment.id), owner_id=experiment.owner_id, strategy_id=experiment.strategy_id
    )
    await record_event(
        ml_outbox(), make_event(payload, producer=PRODUCER, id=f"experiment-deleted-{experiment.id}")
    )


async def on_strategy_deleted(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, StrategyDeleted)
    await ModelExperiment.get_pymongo_collection().update_many(
        {"owner_id": payload.owner_id, "strategy_id": payload.strategy_id}, {"$set": {"strategy_id": None}}
    )
