"""Strategies owned by users: create, read, update, delete, always checked against the type's schema."""

from typing import Any

from beanie import PydanticObjectId
from beanie.odm.queries.find import FindMany

from quant_shared.auth import Principal
from quant_shared.enums import StrategyType
from quant_shared.errors import NotFoundError
from quant_shared.timeutil import utcnow
from quant_trading.models import Strategy, StrategyExecution
from quant_trading.schemas.performance import StrategyPerformanceOut
from quant_trading.schemas.strategy import StrategyCreate, StrategyFromTemplate, StrategyUpdate
from quant_trading.services.backtests.performance_service import performance_of
from quant_trading.services.strategies.experiment_links import record_strategy_deleted
from quant_trading.services.strategies.strategy_validation import validate_strategy
from quant_trading.services.strategies.template_service import TemplateService


def _object_id(value: str, what: str) -> PydanticObjectId:
    try:
        return PydanticObjectId(value)
    except Exception as exc:
        raise NotFoundError(f"{what} {value} not found") from exc


class StrategyService:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    def owned(self, **filters: Any) -> dict[str, Any]:
        """``filters`` narrowed to the user's own strategies."""
        return {**filters, "owner_id": self.principal.user_id}

    async def get(self, strategy_id: str) -> Strategy:
        strategy = await Strategy.find_one(self.owned(_id=_object_id(strategy_id, "Strategy")))
        if strategy is None:
            raise NotFoundError(f"Strategy {strategy_id} not found")
        return strategy

    async def create(self, body: StrategyCreate, template_id: str | None = None) -> Strategy:
        parameters = validate_strategy(body.strategy_type, body.parameters, body.spec, body.ml_model)
        strategy = Strategy(
            owner_id=self.principal.user_id,
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

    async def create_from_template(self, body: StrategyFromTemplate) -> Strategy:
        create, template_id = await TemplateService(self.principal).strategy_from(body)
        return await self.create(create, template_id=template_id)

    async def update(self, strategy_id: str, body: StrategyUpdate) -> Strategy:
        strategy = await self.get(strategy_id)
        changes: dict[str, Any] = body.model_dump(exclude_unset=True)
        merged = strategy.model_copy(update=changes)
        merged.parameters = validate_strategy(
            strategy.strategy_type, merged.parameters, merged.spec, merged.ml_model
        )
        fields = {
            k: getattr(merged, k) for k in ("name", "description", "parameters", "spec", "ml_model", "tags")
        }
        for key, value in fields.items():
            setattr(strategy, key, value)
        # the edited fields only: experiment_ids are kept by events at the same time
        strategy.updated_at = utcnow()
        await Strategy.find_one({"_id": strategy.id}).update(
            {"$set": {**fields, "updated_at": strategy.updated_at}}
        )
        return strategy

    async def delete(self, strategy_id: str) -> None:
        strategy = await self.get(strategy_id)
        await record_strategy_deleted(strategy)
        await strategy.delete()

    def query(self, strategy_type: StrategyType | None = None) -> FindMany[Strategy]:
        """The user's strategies, newest first."""
        filters = {"strategy_type": strategy_type} if strategy_type is not None else {}
        return Strategy.find(self.owned(**filters)).sort([("created_at", -1)])

    async def performance(self, strategy_id: str) -> StrategyPerformanceOut:
        return await performance_of(await self.get(strategy_id))

    async def executions(self, strategy_id: str) -> FindMany[StrategyExecution]:
        """The strategy's backtests and signal reads, newest first."""
        strategy = await self.get(strategy_id)
        return StrategyExecution.find({"strategy_id": str(strategy.id)}).sort([("executed_at", -1)])
