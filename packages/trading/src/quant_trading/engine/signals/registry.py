"""Strategy types -> parameter models and target functions; validation that names the bad field."""

import operator
from functools import partial
from typing import Any

from pydantic import ValidationError

from quant_shared.enums import StrategyType
from quant_shared.strategy_spec import StrategySpec
from quant_trading.engine.signals import classic, ml, rules
from quant_trading.engine.signals.base import Strategy, StrategyParameterError, StrategyParams
from quant_trading.engine.signals.params import (
    BollingerParams,
    BuyAndHoldParams,
    CrossoverParams,
    MacdParams,
    MlSignalParams,
    MomentumParams,
    RsiParams,
)
from quant_trading.engine.signals.rule_orders import apply_orders

REGISTRY: dict[StrategyType, tuple[type[StrategyParams], Any]] = {
    StrategyType.SMA_CROSSOVER: (CrossoverParams, classic.sma_crossover),
    StrategyType.EMA_CROSSOVER: (CrossoverParams, classic.ema_crossover),
    StrategyType.RSI_MEAN_REVERSION: (RsiParams, classic.rsi_mean_reversion),
    StrategyType.BOLLINGER_BREAKOUT: (BollingerParams, classic.bollinger_breakout),
    StrategyType.MACD: (MacdParams, classic.macd_cross),
    StrategyType.MOMENTUM: (MomentumParams, classic.momentum),
    StrategyType.BUY_AND_HOLD: (BuyAndHoldParams, classic.buy_and_hold),
    StrategyType.ML_SIGNAL: (MlSignalParams, ml.ml_signal),
    StrategyType.RULE_BASED: (rules.RuleParams, rules.rule_based),
}

CONSTRAINT_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "!=": operator.ne}


def _errors(exc: ValidationError, prefix: str) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        out.append({"field": f"{prefix}.{loc}" if loc else prefix, "message": err["msg"]})
    return out


def validate_parameters(strategy_type: StrategyType, parameters: dict[str, Any] | None) -> StrategyParams:
    """The validated parameter model; raises ``StrategyParameterError`` naming ``parameters.<name>``."""
    try:
        strategy_type = StrategyType(strategy_type)
    except ValueError as exc:
        raise StrategyParameterError("strategy_type", f"unknown strategy type {strategy_type!r}") from exc
    model, _ = REGISTRY[strategy_type]
    try:
        params = model.model_validate(parameters or {})
    except ValidationError as exc:
        errors = _errors(exc, "parameters")
        raise StrategyParameterError(errors[0]["field"], errors[0]["message"], errors) from exc
    for left, op, right in model.constraints:
        if not CONSTRAINT_OPS[op](getattr(params, left), getattr(params, right)):
            raise StrategyParameterError(
                f"parameters.{left}", f"must be {op} {right} ({right}={getattr(params, right)})"
            )
    return params


def validate_spec(spec: dict[str, Any] | StrategySpec | None) -> StrategySpec:
    if spec is None:
        raise StrategyParameterError("spec", "rule_based strategies need a spec")
    if isinstance(spec, StrategySpec):
        return spec
    try:
        return StrategySpec.model_validate(spec)
    except ValidationError as exc:
        errors = _errors(exc, "spec")
        raise StrategyParameterError(errors[0]["field"], errors[0]["message"], errors) from exc


def build_strategy(
    strategy_type: StrategyType,
    parameters: dict[str, Any] | None = None,
    spec: dict[str, Any] | StrategySpec | None = None,
    context: dict[str, Any] | None = None,
) -> Strategy:
    """Validate and build. ``context`` carries run-time inputs (``predictions`` for ml_signal)."""
    params = validate_parameters(strategy_type, parameters)
    strategy_type = StrategyType(strategy_type)
    ctx = dict(context or {})
    if strategy_type == StrategyType.RULE_BASED:
        ctx["spec"] = validate_spec(spec)
        if ctx["spec"].orders is not None:
            ctx["orders"] = partial(apply_orders, spec=ctx["spec"])
    _, compute = REGISTRY[strategy_type]
    return Strategy(strategy_type=strategy_type, params=params, compute=compute, context=ctx)


def parameter_schema(strategy_type: StrategyType) -> dict[str, Any]:
    """JSON schema, defaults, search ranges and constraints of a strategy type's parameters."""
    model, _ = REGISTRY[StrategyType(strategy_type)]
    schema = model.model_json_schema()
    props = schema.get("properties", {})
    defaults = {k: v.get("default") for k, v in props.items() if k != "predictions"}
    ranges = {
        k: {
            "low": v["range"][0],
            "high": v["range"][1],
            "step": v["range"][2],
            "type": v.get("type", "number"),
        }
        for k, v in props.items()
        if "range" in v
    }
    return {
        "strategy_type": StrategyType(strategy_type).value,
        "description": (model.__doc__ or "").strip(),
        "json_schema": schema,
        "defaults": defaults,
        "ranges": ranges,
        "constraints": [f"{a} {op} {b}" for a, op, b in model.constraints],
        "requires_spec": StrategyType(strategy_type) == StrategyType.RULE_BASED,
    }
