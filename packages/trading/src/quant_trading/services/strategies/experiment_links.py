"""The strategy side of the strategy <-> ML experiment relation.

The ML platform checks a link when an experiment is created for a strategy and announces it
(``ExperimentLinked``); its deletion is ``ExperimentDeleted``. The strategy keeps the ids of the
experiments serving it; both handlers are idempotent (``$addToSet`` / ``$pull``). Deleting a strategy
announces ``StrategyDeleted`` (the ML platform unlinks its experiments).
"""

from beanie import PydanticObjectId

from quant_shared.events import Event, make_event, payload_of
from quant_shared.events.catalog import ExperimentDeleted, ExperimentLinked, StrategyDeleted
from quant_shared.events.outbox import OUTBOX_COLLECTION, record_event
from quant_trading.models import Strategy


def trading_outbox():
    """``event_outbox`` of the trading database (events that are the state change itself)."""
    return Strategy.get_pymongo_collection().database[OUTBOX_COLLECTION]


def _strategy_filter(strategy_id: str, owner_id: str) -> dict | None:
    try:
        return {"_id": PydanticObjectId(strategy_id), "owner_id": owner_id}
    except Exception:
        return None  # not an id this domain issued: nothing to update


async def on_experiment_linked(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, ExperimentLinked)
    found = _strategy_filter(payload.strategy_id, payload.owner_id)
    if found is not None:
        await Strategy.get_pymongo_collection().update_one(
            found, {"$addToSet": {"experiment_ids": payload.experiment_id}}
        )


async def on_experiment_deleted(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, ExperimentDeleted)
    if payload.strategy_id is None:
        return
    found = _strategy_filter(payload.strategy_id, payload.owner_id)
    if found is not None:
        await Strategy.get_pymongo_collection().update_one(
            found, {"$pull": {"experiment_ids": payload.experiment_id}}
        )


async def record_strategy_deleted(strategy: Strategy) -> None:
    """``StrategyDeleted`` in the trading database's outbox (written before the deletion)."""
    payload = StrategyDeleted(strategy_id=str(strategy.id), owner_id=strategy.owner_id)
    await record_event(
        trading_outbox(), make_event(payload, producer="trading", id=f"strategy-deleted-{strategy.id}")
    )
