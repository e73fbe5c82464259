"""Backtests owned by users: create (validate + fetch bars + submit), read, cancel, delete."""

from typing import Any

from beanie import PydanticObjectId

from quant_shared.auth import Principal
from quant_shared.enums import BacktestStatus, StrategyType
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_shared.tasks import Task
from quant_trading.models import Backtest, BacktestExecution, BacktestResult
from quant_trading.schemas.backtest import BacktestCreate
from quant_trading.services.strategies.strategy_service import StrategyService
from quant_trading.services.strategies.strategy_validation import validate_strategy

FINAL = (BacktestStatus.COMPLETED, BacktestStatus.FAILED, BacktestStatus.CANCELLED)


def backtest_id_of(value: str) -> PydanticObjectId:
    try:
        return PydanticObjectId(value)
    except Exception as exc:
        raise NotFoundError(f"Backtest {value} not found") from exc


async def resolve_strategy(body: Any, principal: Principal, prefix: str = "body") -> dict[str, Any]:
    """The strategy a request runs: a stored one, a type with parameters, or an inline rule spec."""
    given = [k for k in ("strategy_id", "strategy_type") if getattr(body, k) is not None]
    if body.spec is not None and body.strategy_type is None and body.strategy_id is None:
        given.append("spec")
    if len(given) != 1:
        raise ValidationProblem.field(
            f"{prefix}.strategy_id", "give exactly one of strategy_id, strategy_type (+ parameters) or spec"
        )
    if body.strategy_id is not None:
        if body.parameters is not None or body.spec is not None:
            raise ValidationProblem.field(f"{prefix}.parameters", "not allowed together with strategy_id")
        try:
            stored = await StrategyService(principal.user_id).get(body.strategy_id)
        except NotFoundError as exc:
            raise ValidationProblem.field(f"{prefix}.strategy_id", "no such strategy") from exc
        return {
            "strategy_id": str(stored.id),
            "strategy_type": stored.strategy_type,
            "parameters": stored.parameters,
            "spec": stored.spec,
            "ml_model": body.ml_model or stored.ml_model,
            "name": stored.name,
        }
    strategy_type = body.strategy_type or StrategyType.RULE_BASED
    parameters = validate_strategy(strategy_type, body.parameters or {}, body.spec, body.ml_model, prefix)
    return {
        "strategy_id": None,
        "strategy_type": strategy_type,
        "parameters": parameters,
        "spec": body.spec,
        "ml_model": body.ml_model,
        "name": strategy_type.value,
    }


def check_range(body: Any, prefix: str = "body") -> None:
    if body.start is not None and body.end is not None and body.end <= body.start:
        raise ValidationProblem.field(f"{prefix}.end", "end must be after start")


class BacktestService:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    async def new_backtest(self, body: BacktestCreate) -> Backtest:
        check_range(body)
        strategy = await resolve_strategy(body, self.principal)
        default_name = f"{strategy.pop('name')} on {', '.join(body.symbols)}"
        return Backtest(
            owner_id=self.principal.user_id,
            name=body.name or default_name,
            symbols=body.symbols,
            interval=body.interval,
            start=body.start,
            end=body.end,
            config=body.config,
            generate_narrative=body.generate_narrative,
            **strategy,
        )

    async def get(self, backtest_id: str, any_owner: bool = False) -> Backtest:
        backtest = await Backtest.get(backtest_id_of(backtest_id))
        if backtest is None or (backtest.owner_id != self.principal.user_id and not any_owner):
            raise NotFoundError(f"Backtest {backtest_id} not found")
        return backtest

    async def result(self, backtest: Backtest) -> BacktestResult:
        result = await BacktestResult.find_one({"backtest_id": str(backtest.id)})
        if result is None:
            raise ConflictError(f"Backtest {backtest.id} has no results (status {backtest.status.value})")
        return result

    async def cancel(self, backtest: Backtest) -> Backtest:
        if backtest.status in FINAL:
            raise ConflictError(f"Backtest is already {backtest.status.value}")
        await request_task_cancel(backtest.task_id)
        await Backtest.find_one({"_id": backtest.id, "status": {"$nin": list(FINAL)}}).update(
            {"$set": {"status": BacktestStatus.CANCELLED, "error": "cancelled by request"}}
        )
        return await Backtest.get(backtest.id)

    async def delete(self, backtest: Backtest) -> None:
        if backtest.status not in FINAL:
            await request_task_cancel(backtest.task_id)
        key = str(backtest.id)
        await BacktestResult.find({"backtest_id": key}).delete()
        await BacktestExecution.find({"backtest_id": key}).delete()
        await backtest.delete()


async def request_task_cancel(task_id: str | None) -> None:
    if task_id:
        await Task.find_one({"_id": PydanticObjectId(task_id)}).update({"$set": {"cancel_requested": True}})


def list_filters(
    owner_id: str | None, status: BacktestStatus | None, strategy_id: str | None, symbol: str | None
) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if owner_id is not None:
        filters["owner_id"] = owner_id
    if status is not None:
        filters["status"] = status
    if strategy_id is not None:
        filters["strategy_id"] = strategy_id
    if symbol is not None:
        filters["symbols"] = symbol.strip().upper()
    return filters
