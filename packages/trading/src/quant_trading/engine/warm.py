"""Compile the engine's numba kernels into their on-disk cache before the first backtest.

``python -m quant_trading.engine.warm`` (run by ``make``'s setup) backtests a small synthetic series
with every built-in strategy and each order type, so every kernel a backtest, an optimization or a
portfolio run uses is compiled once and cached (``cache=True``) next to the engine's sources; later
processes load it instead of compiling.
"""

import time

import numpy as np

from quant_shared.enums import StrategyType
from quant_trading.engine import (
    OHLCV,
    EngineConfig,
    build_strategy,
    monte_carlo_projection,
    run_backtest,
    run_portfolio_backtest,
)

SKIPPED = {StrategyType.ML_SIGNAL, StrategyType.RULE_BASED}  # need predictions or a spec: same kernels
CONFIGS = (
    EngineConfig(),
    EngineConfig(allow_short=True, entry_order="limit", limit_offset_pct=0.01),
    EngineConfig(allow_short=True, entry_order="stop", stop_loss_pct=0.02, take_profit_pct=0.04),
    EngineConfig(allow_short=True, pyramiding=2, trailing_stop_atr=2.0),  # the book of several trades
)


def synthetic_bars(n: int = 400, seed: int = 1) -> OHLCV:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    opens = np.concatenate([[100.0], close[:-1]])
    spread = np.abs(rng.normal(0, 0.005, n)) * close
    stamps = 1_600_000_000_000 + np.arange(n, dtype=np.int64) * 86_400_000
    high, low = np.maximum(opens, close) + spread, np.minimum(opens, close) - spread
    return OHLCV.from_arrays(stamps, opens, high, low, close, np.full(n, 1000.0))


def warm() -> float:
    """Run every path once; the seconds it took (compiling, or loading the cache)."""
    began = time.perf_counter()
    data = synthetic_bars()
    for strategy_type in StrategyType:
        if strategy_type in SKIPPED:
            continue
        strategy = build_strategy(strategy_type, {})
        for config in CONFIGS:
            out = run_backtest(data, strategy, config)
    run_backtest(data, build_strategy(StrategyType.SMA_CROSSOVER, {}), CONFIGS[0], metrics=False)
    monte_carlo_projection(out.equity, horizon=20, n_paths=10)
    closes = np.column_stack([data.close, data.close[::-1]])
    run_portfolio_backtest(data.timestamp, closes, ["A", "B"], {"A": 0.5, "B": 0.5}, trailing_stop_pct=0.05)
    return time.perf_counter() - began


if __name__ == "__main__":
    print(f"backtest engine ready ({warm():.1f} s)")
