"""What every trial evaluator shares: the arguments of a process's trial state, and its callbacks."""

from collections.abc import Awaitable, Callable

from quant_trading.models import OptimizationRun

Progress = Callable[[int], Awaitable[None]]  # trials of the current batch done so far
Waiting = Callable[[list[tuple[dict, dict]]], Awaitable[None]]  # (parameters, output) done so far


def state_args(run: OptimizationRun, bars: dict) -> tuple:
    """``optimization_worker.make_state``'s arguments for the run's trials on ``bars``."""
    config = run.config.model_dump()
    return bars, run.strategy_type.value, run.base_parameters, run.spec, config, run.objective
