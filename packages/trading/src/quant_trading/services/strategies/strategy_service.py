"""Strategies owned by users: create, read, update, delete, always checked against the type's schema."""

from typing import Any

from beanie import PydanticObjectId

from quant_shared.enums import StrategyType
from quant_shared.errors import NotFoundError
from quant_trading.models import Strategy
from quant_trading.schemas.strategy import StrategyCreate, StrategyUpdate
from quant_trading.services.strategies.strategy_validation import validate_strategy


def _object_id(value: str, what: str) -> PydanticObjectId:
    try:
        return PydanticObjectId(value)
    except Exception as exc:
        raise NotFoundError(f"{what} {value} not found") from exc


class StrategyService:
    def __init__(self, owner_id: str) -> None:
        self.owner_id = owner_id

    async def get(self, strategy_id: str) -> Strategy:
        strategy = await Strategy.get(_object_id(strategy_id, "Strategy"))
        if strategy is None or strategy.owner_id != self.owner_id:
            raise NotFoundError(f"Strategy {strategy_id} not found")
        return strategy

    async def create(self, body: StrategyCreate, template_id: str | None = None) -> Strategy:
        parameters = validate_strategy(body.strategy_type, body.parameters, body.spec, body.ml_model)
        strategy = Strategy(
            owner_id=self.owner_id,
            name=body.name,
            description=body.description,
            strategy_type=body.strategy_type,
            parameters=parameters,
            spec=body.spec,
            ml_model=body.ml_model,
            template_id=template_id,
            tags=body.tags,
        )
        await strategy.insert()
        return strategy

    async def update(self, strategy_id: str, body: StrategyUpdate) -> Strategy:
        strategy = await self.get(strategy_id)
        changes: dict[str, Any] = body.model_dump(exclude_unset=True)
        merged = strategy.model_copy(update=changes)
        merged.parameters = validate_strategy(
            strategy.strategy_type, merged.parameters, merged.spec, merged.ml_model
        )
        for key in ("name", "description", "parameters", "spec", "ml_model", "tags"):
            setattr(strategy, key, getattr(merged, key))
        await strategy.save()
        return strategy

    async def delete(self, strategy_id: str) -> None:
        strategy = await self.get(strategy_id)
        await strategy.delete()

    def query(self, strategy_type: StrategyType | None = None):
        filters: dict[str, Any] = {"owner_id": self.owner_id}
        if strategy_type is not None:
            filters["strategy_type"] = strategy_type
        return Strategy.find(filters)
