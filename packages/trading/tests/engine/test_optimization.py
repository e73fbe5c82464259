"""Search spaces with constraints, the picklable objective (serial == process pool), walk-forward."""

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from backtesting.test import GOOG

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.engine.optimization import (
    axis_values,
    bars_payload,
    best_trial,
    evaluate,
    evaluate_batch,
    parameter_grid,
    parse_constraint,
    random_samples,
    stitch_equity,
    walk_forward_splits,
)

BARS = bars_payload(OHLCV.from_dataframe(GOOG))


def test_grid_respects_constraints():
    grid = parameter_grid({"fast": [5, 10, 15], "slow": [10, 15, 20]}, ["fast < slow"])
    assert [(g["fast"], g["slow"]) for g in grid] == [(5, 10), (5, 15), (5, 20), (10, 15), (10, 20), (15, 20)]
    assert len(parameter_grid({"fast": [5, 10, 15], "slow": [10, 15, 20]}, ["fast < slow"], limit=2)) == 2
    assert axis_values({"low": 2, "high": 10, "step": 4}) == [2, 6, 10]
    assert axis_values({"low": 0.0, "high": 0.05, "step": 0.025, "type": "number"}) == [0.0, 0.025, 0.05]
    assert parameter_grid({"threshold": [0.0, 0.01, 0.02]}, ["threshold >= 0.01"]) == [
        {"threshold": 0.01},
        {"threshold": 0.02},
    ]


def test_constraints_are_parsed_never_evaluated():
    assert parse_constraint("fast<slow") == ("fast", "<", "slow")
    assert parse_constraint(" x >= -1.5 ") == ("x", ">=", -1.5)
    for bad in ["__import__('os').system('x')", "fast < slow or 1", "fast == slow"]:
        with pytest.raises(ValueError):
            parse_constraint(bad)


def test_random_samples_are_seeded_unique_and_valid():
    space = {"fast": {"low": 2, "high": 50, "step": 1}, "slow": {"low": 10, "high": 200, "step": 5}}
    a = random_samples(space, 30, seed=4, constraints=["fast < slow"])
    assert a == random_samples(space, 30, seed=4, constraints=["fast < slow"])
    assert len(a) == 30 and all(p["fast"] < p["slow"] for p in a)
    assert len({tuple(p.values()) for p in a}) == 30


def test_evaluate_matches_a_direct_backtest_and_reports_bad_params():
    cfg = {"commission": 0.002}
    trial = evaluate("sma_crossover", {"fast": 10, "slow": 30}, BARS, cfg, "total_return")
    direct = run_backtest(
        OHLCV.from_dataframe(GOOG),
        build_strategy("sma_crossover", {"fast": 10, "slow": 30}),
        EngineConfig(commission=0.002),
    )
    assert trial["value"] == pytest.approx(direct.metrics["total_return"]) and trial["error"] is None
    bad = evaluate("sma_crossover", {"fast": 30, "slow": 10}, BARS, cfg)
    assert bad["value"] is None and "parameters.fast" in bad["error"]


def test_process_pool_gives_the_serial_results():
    grid = parameter_grid({"fast": [5, 10], "slow": [20, 40]}, ["fast < slow"])
    serial = evaluate_batch("sma_crossover", grid, BARS, {}, "sharpe_ratio")
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(evaluate, "sma_crossover", p, BARS, {}, "sharpe_ratio") for p in grid]
        parallel = [f.result() for f in futures]
    assert [t["value"] for t in parallel] == [t["value"] for t in serial]
    best = best_trial(serial, "sharpe_ratio")
    assert best["value"] == max(t["value"] for t in serial)
    vol = evaluate_batch("sma_crossover", grid, BARS, {}, "annualized_volatility")
    assert best_trial(vol, "annualized_volatility")["value"] == min(t["value"] for t in vol)


def test_walk_forward_splits_and_stitching():
    rolling = walk_forward_splits(100, 2, train_size=40, test_size=10)
    assert [(s.start, s.stop, t.start, t.stop) for s, t in rolling] == [(40, 80, 80, 90), (50, 90, 90, 100)]
    anchored = walk_forward_splits(100, 2, test_size=10, train_size=40, anchored=True)
    assert [(s.start, s.stop) for s, _ in anchored] == [(0, 80), (0, 90)]
    with pytest.raises(ValueError, match="n_splits"):
        walk_forward_splits(50, 5, train_size=40, test_size=10)
    stitched = stitch_equity([np.array([100.0, 110.0]), np.array([1000.0, 900.0])], 100)
    np.testing.assert_allclose(stitched, [100, 110, 110, 99])
