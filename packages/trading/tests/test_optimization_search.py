"""The search's parts without a database: grids, constraints (parsed, never evaluated), seeded random
draws, the best trial in either direction, walk-forward windows and stitching, and one trial equal to a
direct backtest of its parameters."""

import pytest
from backtesting.test import GOOG

from quant_shared.enums import OptimizationMethod
from quant_shared.errors import ValidationProblem
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.models import ParameterRange
from quant_trading.services.optimization.parameter_space import (
    axis,
    feasible,
    grid,
    grid_size,
    parse_constraints,
    random_points,
)
from quant_trading.services.optimization.pool_process import RunData, evaluate_in
from quant_trading.services.optimization.search import Search
from quant_trading.services.optimization.walk_forward import stitch, windows


def test_grid_respects_constraints():
    ranges = {"fast": ParameterRange(low=5, high=15, step=5), "slow": ParameterRange(low=10, high=20, step=5)}
    fast_below_slow = parse_constraints(["fast < slow"], set(ranges))
    points = [p for p in grid(ranges) if feasible(p, fast_below_slow)]
    assert [(p["fast"], p["slow"]) for p in points] == [
        (5, 10),
        (5, 15),
        (5, 20),
        (10, 15),
        (10, 20),
        (15, 20),
    ]
    assert grid_size(ranges) == len(grid(ranges)) == 9
    assert axis(ParameterRange(low=2, high=10, step=4)) == [2, 6, 10]
    assert axis(ParameterRange(low=0.0, high=0.05, step=0.025, integer=False)) == [0.0, 0.025, 0.05]
    at_least = parse_constraints(["threshold >= 0.01"], {"threshold"})
    values = axis(ParameterRange(low=0.0, high=0.02, step=0.01, integer=False))
    assert [v for v in values if feasible({"threshold": v}, at_least)] == [0.01, 0.02]


def test_constraints_are_parsed_never_evaluated():
    parsed = parse_constraints(["fast<slow", " x >= -1.5 "], {"fast", "slow", "x"})
    assert parsed == [("fast", "<", "slow"), ("x", ">=", -1.5)]
    for bad in ["__import__('os').system('x')", "fast < slow or 1", "fast == slow", "fast < nope"]:
        with pytest.raises(ValidationProblem) as raised:
            parse_constraints(["fast < slow", bad], {"fast", "slow"})
        assert raised.value.errors[0]["field"] == "body.constraints.1"


def test_random_points_are_seeded_unique_and_feasible():
    ranges = {
        "fast": ParameterRange(low=2, high=50, step=1),
        "slow": ParameterRange(low=10, high=200, step=5),
    }
    accept = lambda p: p["fast"] < p["slow"]  # noqa: E731
    points = random_points(ranges, 30, accept, seed=4)
    assert points == random_points(ranges, 30, accept, seed=4)
    assert len(points) == 30 and all(accept(p) for p in points)
    assert len({tuple(p.values()) for p in points}) == 30


@pytest.mark.parametrize(("maximize", "expected"), [(True, 3.0), (False, 1.0)])
async def test_the_best_trial_follows_the_direction(maximize, expected):
    ranges = {"k": ParameterRange(low=1, high=4, step=1)}
    search = Search(OptimizationMethod.GRID, ranges, [], "volatility", maximize, 4, seed=0, batch_size=2)
    values = {1: 2.0, 2: 1.0, 3: 3.0, 4: float("nan")}  # not finite: no value

    async def evaluate(points):
        return [{"metrics": {"volatility": values[p["k"]]}} for p in points]

    async def on_trial(trial):
        seen.append(trial.number)

    seen = []
    await search.run(evaluate, on_trial)
    assert seen == [0, 1, 2, 3] and search.results[3].value is None
    assert search.best().value == expected


def test_walk_forward_windows_and_stitching():
    assert windows(100, 40, 20, 10) == [(0, 40, 60), (20, 60, 80), (40, 80, 100)]
    assert windows(100, 40, 20, 2) == [(0, 40, 60), (20, 60, 80)] and windows(50, 40, 20, 1) == []
    segments = [([0, 1, 2], [100.0, 110.0, 99.0], 1), ([3, 4, 5], [50.0, 50.0, 60.0], 2)]
    stamps, equity = stitch(segments, 1000.0)
    assert stamps == [1, 2, 5] and equity == pytest.approx([1100.0, 990.0, 1188.0])


def test_a_trial_equals_a_direct_backtest_and_reports_bad_parameters():
    data, run = (
        OHLCV.from_dataframe(GOOG),
        RunData("sma_crossover", {}, None, {"commission": 0.002}, "total_return"),
    )
    trial = evaluate_in(data, run, {"fast": 10, "slow": 30})
    strategy = build_strategy("sma_crossover", {"fast": 10, "slow": 30})
    direct = run_backtest(data, strategy, EngineConfig(commission=0.002, bootstrap_samples=0))
    assert trial["metrics"] == direct.metrics and trial["error"] is None
    bad = evaluate_in(data, run, {"fast": 30, "slow": 10})
    assert bad["metrics"] == {} and bad["bar_sharpe"] is None and "parameters.fast" in bad["error"]
