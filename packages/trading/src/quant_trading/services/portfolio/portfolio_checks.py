"""The checks of a portfolio backtest request, all made before anything is stored (422 problems)."""

from quant_shared.errors import ValidationProblem
from quant_trading.engine.portfolio_rules import unsupported_settings, weight_vector
from quant_trading.schemas.predictive import PortfolioBacktestCreate


def checked_weights(body: PortfolioBacktestCreate) -> dict[str, float]:
    """The weights by normalized symbol, once the config holds only settings a portfolio honors and
    the weights are >= 0 summing to at most 1 / margin; else a 422 naming every bad field."""
    bad = unsupported_settings(body.config)
    if bad:
        errors = [{"field": f"body.config.{name}", "message": why} for name, why in bad]
        raise ValidationProblem(f"{errors[0]['field']}: {errors[0]['message']}", errors=errors)
    weights = {s.strip().upper(): w for s, w in body.weights.items()}
    try:
        weight_vector(weights, list(weights), body.config.margin)
    except ValueError as exc:
        raise ValidationProblem.field("body.weights", str(exc)) from exc
    return weights
