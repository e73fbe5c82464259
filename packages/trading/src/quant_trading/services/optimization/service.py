"""Optimization runs: validate a request (ranges, constraints, objective, bars) and manage runs."""

from functools import lru_cache
from typing import Any

import numpy as np
from beanie import PydanticObjectId
from beanie.odm.queries.find import FindMany
from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.enums import OptimizationMethod, OptimizationStatus, StrategyType
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_shared.http import ServiceClients
from quant_shared.tasks import TaskAccepted
from quant_trading.engine.signals import parameter_schema
from quant_trading.models import OptimizationRun, OptimizationTrial, ParameterRange
from quant_trading.schemas.optimization import OptimizationCreate
from quant_trading.services.backtests.backtest_service import (
    check_range,
    request_task_cancel,
    resolve_strategy,
)
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.optimization.executor import submit_optimization
from quant_trading.services.optimization.parameter_space import grid_size, parse_constraints
from quant_trading.services.optimization.walk_forward import windows
from quant_trading.services.strategies.builtin_templates import ranges_and_defaults
from quant_trading.settings import trading_settings

FINAL = (OptimizationStatus.COMPLETED, OptimizationStatus.FAILED, OptimizationStatus.CANCELLED)
AS_REQUESTED = ("method", "objective", "maximize", "max_trials", "seed", "interval", "start", "end", "config")


@lru_cache
def known_objectives() -> frozenset[str]:
    """Every KPI name the engine reports (the valid objectives)."""
    from quant_trading.kpis import compute_metrics

    eq = np.linspace(100, 110, 12)
    one = np.ones(2)
    metrics = compute_metrics(
        eq, 252, units=one, trade_pnl=one, trade_returns=one, trade_durations=one, benchmark_close=eq
    )
    return frozenset(metrics) | {"num_trades"}


def _check_ranges(strategy_type: StrategyType, ranges: dict[str, ParameterRange]) -> None:
    """Searched names must be parameters of the type, and both ends within the type's own bounds."""
    props = parameter_schema(strategy_type)["json_schema"].get("properties", {})
    if not ranges:
        raise ValidationProblem.field("body.parameter_ranges", f"{strategy_type.value} has nothing to search")
    for name, rng in ranges.items():
        field = f"body.parameter_ranges.{name}"
        prop = props.get(name)
        if prop is None or name == "predictions" or prop.get("type") not in ("integer", "number"):
            raise ValidationProblem.field(field, f"not a numeric parameter of {strategy_type.value}")
        if rng.high < rng.low:
            raise ValidationProblem.field(f"{field}.high", "high must be >= low")
        for end in ("low", "high"):
            value = getattr(rng, end)
            if "minimum" in prop and value < prop["minimum"]:
                raise ValidationProblem.field(f"{field}.{end}", f"must be >= {prop['minimum']}")
            if "maximum" in prop and value > prop["maximum"]:
                raise ValidationProblem.field(f"{field}.{end}", f"must be <= {prop['maximum']}")


class OptimizationService:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    def owned(self, **filters: Any) -> dict[str, Any]:
        """``filters`` narrowed to the user's own runs."""
        return {**filters, "owner_id": self.principal.user_id}

    async def submit(self, app: FastAPI, clients: ServiceClients, body: OptimizationCreate) -> TaskAccepted:
        limit = trading_settings(app).optimization_max_trials
        run, bars = await self.prepare(body, clients, limit)
        return await submit_optimization(app, self.principal, run, bars)

    async def prepare(self, body: OptimizationCreate, clients: ServiceClients, max_trials: int):
        """The run to store and the bars to search on; any bad input answers 422 naming the field."""
        check_range(body)
        strategy = await resolve_strategy(body, self.principal)
        strategy_type: StrategyType = strategy["strategy_type"]
        if strategy_type == StrategyType.ML_SIGNAL:
            raise ValidationProblem.field(
                "body.strategy_type", "ml_signal strategies follow a model; nothing to optimize"
            )
        ranges = body.parameter_ranges
        if ranges is None:
            ranges = ranges_and_defaults(strategy_type)[0]
        base = strategy["parameters"]
        _check_ranges(strategy_type, ranges)
        schema_constraints = parameter_schema(strategy_type)["constraints"]
        constraints = list(dict.fromkeys([*body.constraints, *schema_constraints]))
        parse_constraints(body.constraints, set(ranges) | set(base))
        if body.objective not in known_objectives():
            raise ValidationProblem.field(
                "body.objective", f"unknown KPI; one of {sorted(known_objectives())}"
            )
        if body.max_trials > max_trials:
            raise ValidationProblem.field("body.max_trials", f"at most {max_trials} trials per run")
        size = grid_size(ranges)
        if body.method == OptimizationMethod.GRID and size > body.max_trials:
            raise ValidationProblem.field("body.max_trials", f"the grid has {size} points; raise max_trials")
        symbol = body.symbol.strip().upper()
        market = MarketDataClient(clients, self.principal)
        checked = await market.check_symbols([symbol], body.interval, body.start, body.end, "body.symbol")
        bars = checked[symbol]
        wf = body.walk_forward.model_dump() if body.walk_forward else None
        if wf and not windows(len(bars["timestamp"]), wf["in_sample_bars"], wf["out_of_sample_bars"], 1):
            need = wf["in_sample_bars"] + wf["out_of_sample_bars"]
            raise ValidationProblem.field(
                "body.walk_forward.in_sample_bars",
                f"one window needs {need} bars; {symbol} has {len(bars['timestamp'])}",
            )
        run = OptimizationRun(
            owner_id=self.principal.user_id,
            name=body.name or f"{body.method.value} {strategy_type.value} on {symbol}",
            strategy_id=strategy["strategy_id"],
            strategy_type=strategy_type,
            base_parameters=base,
            spec=strategy["spec"],
            parameter_ranges=ranges,
            constraints=constraints,
            symbol=symbol,
            walk_forward=wf,
            **{name: getattr(body, name) for name in AS_REQUESTED},
        )
        return run, bars

    def query(self) -> FindMany[OptimizationRun]:
        """The user's runs, newest first."""
        return OptimizationRun.find(self.owned()).sort([("created_at", -1)])

    async def get(self, run_id: str) -> OptimizationRun:
        run = None
        if PydanticObjectId.is_valid(run_id):
            run = await OptimizationRun.find_one(self.owned(_id=PydanticObjectId(run_id)))
        if run is None:
            raise NotFoundError(f"Optimization run {run_id} not found")
        return run

    async def trials(self, run_id: str, best_first: bool = False) -> FindMany[OptimizationTrial]:
        """The run's trials by number, or by objective value (best first)."""
        run = await self.get(run_id)
        sort = [("value", -1 if run.maximize else 1)] if best_first else [("number", 1)]
        return OptimizationTrial.find({"run_id": str(run.id)}).sort(sort)

    async def cancel(self, run_id: str) -> OptimizationRun:
        run = await self.get(run_id)
        if run.status in FINAL:
            raise ConflictError(f"Optimization run is already {run.status.value}")
        await request_task_cancel(run.task_id)
        await OptimizationRun.find_one({"_id": run.id, "status": {"$nin": list(FINAL)}}).update(
            {"$set": {"status": OptimizationStatus.CANCELLED, "error": "cancelled by request"}}
        )
        return await self.get(run_id)

    async def delete(self, run_id: str) -> None:
        run = await self.get(run_id)
        if run.status not in FINAL:
            await request_task_cancel(run.task_id)
        await OptimizationTrial.find({"run_id": str(run.id)}).delete()
        await run.delete()
