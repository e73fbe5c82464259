"""Check a strategy definition against its type's parameter schema and the shared rule spec."""

from typing import Any

from quant_shared.enums import StrategyType
from quant_shared.errors import ValidationProblem
from quant_trading.engine.signals import StrategyParameterError, validate_parameters, validate_spec


def _problem(exc: StrategyParameterError, prefix: str, key: str) -> ValidationProblem:
    errors = []
    for err in exc.errors:
        field = err["field"]
        if key != "parameters" and (field == "parameters" or field.startswith("parameters.")):
            field = key + field[len("parameters") :]
        errors.append({"field": f"{prefix}.{field}", "message": err["message"]})
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return ValidationProblem(detail, errors=errors)


def validate_strategy(
    strategy_type: StrategyType,
    parameters: dict[str, Any] | None,
    spec: dict[str, Any] | None,
    ml_model: str | None,
    prefix: str = "body",
    key: str = "parameters",
) -> dict[str, Any]:
    """Return the normalized parameters (defaults filled in), or raise a 422 naming the field."""
    if strategy_type == StrategyType.RULE_BASED and spec is None:
        raise ValidationProblem.field(f"{prefix}.spec", "rule_based strategies need a strategy spec")
    if strategy_type != StrategyType.RULE_BASED and spec is not None:
        raise ValidationProblem.field(f"{prefix}.spec", "only rule_based strategies take a spec")
    if strategy_type == StrategyType.ML_SIGNAL and not ml_model:
        raise ValidationProblem.field(f"{prefix}.ml_model", "ml_signal strategies need an ML model name")
    if strategy_type != StrategyType.ML_SIGNAL and ml_model:
        raise ValidationProblem.field(f"{prefix}.ml_model", "only ml_signal strategies link an ML model")
    if parameters and "predictions" in parameters:
        raise ValidationProblem.field(f"{prefix}.{key}.predictions", "predictions come from the ML model")
    try:
        if spec is not None:
            validate_spec(spec)
        params = validate_parameters(strategy_type, parameters or {})
    except StrategyParameterError as exc:
        raise _problem(exc, prefix, key) from exc
    return params.model_dump(exclude={"predictions"}, mode="json")
