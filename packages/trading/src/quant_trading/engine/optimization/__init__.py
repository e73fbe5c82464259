"""Pure optimization helpers: search spaces, a picklable objective, walk-forward splits."""

from quant_trading.engine.optimization.objective import (
    bars_payload,
    best_trial,
    evaluate,
    evaluate_batch,
    objective_sign,
)
from quant_trading.engine.optimization.space import (
    axis_values,
    parameter_grid,
    parse_constraint,
    random_samples,
    satisfies,
)
from quant_trading.engine.optimization.walkforward import stitch_equity, walk_forward_splits

__all__ = [
    "axis_values",
    "bars_payload",
    "best_trial",
    "evaluate",
    "evaluate_batch",
    "objective_sign",
    "parameter_grid",
    "parse_constraint",
    "random_samples",
    "satisfies",
    "stitch_equity",
    "walk_forward_splits",
]
