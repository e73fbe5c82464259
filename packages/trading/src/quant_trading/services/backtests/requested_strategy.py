"""What a backtest or optimization request runs: its strategy (stored, typed or a rule spec) and range."""

from typing import Any

from pydantic import ValidationError

from quant_shared.auth import Principal
from quant_shared.enums import StrategyType
from quant_shared.errors import NotFoundError, ValidationProblem
from quant_shared.strategy_spec import StrategySpec
from quant_trading.services.strategies.strategy_service import StrategyService
from quant_trading.services.strategies.strategy_validation import validate_strategy


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
            stored = await StrategyService(principal).get(body.strategy_id)
        except NotFoundError as exc:
            raise ValidationProblem.field(f"{prefix}.strategy_id", "no such strategy") from exc
        check_orders(stored.spec, getattr(body, "config", None), f"{prefix}.config")
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
    check_orders(body.spec, getattr(body, "config", None), f"{prefix}.spec.orders")
    return {
        "strategy_id": None,
        "strategy_type": strategy_type,
        "parameters": parameters,
        "spec": body.spec,
        "ml_model": body.ml_model,
        "name": strategy_type.value,
    }


def check_orders(spec: dict[str, Any] | None, config: Any, field: str) -> None:
    """A 422 naming ``field`` when a spec's order rules cannot run with the request's config (e.g.
    pyramiding with limit entries); the spec itself is valid here."""
    if not spec or not spec.get("orders") or config is None:
        return
    from quant_trading.engine import EngineConfig
    from quant_trading.engine.signals.rule_orders import merged_config

    try:
        merged_config(EngineConfig(**config.model_dump()), StrategySpec.model_validate(spec).orders)
    except ValidationError as exc:
        raise ValidationProblem.field(field, exc.errors()[0]["msg"].removeprefix("Value error, ")) from exc
    except ValueError as exc:
        raise ValidationProblem.field(field, str(exc)) from exc


def check_range(body: Any, prefix: str = "body") -> None:
    if body.start is not None and body.end is not None and body.end <= body.start:
        raise ValidationProblem.field(f"{prefix}.end", "end must be after start")
