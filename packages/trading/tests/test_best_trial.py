"""The best trial's KPIs: its trial's KPIs plus the intervals and deflated Sharpe computed at the end,
the same as one full backtest with every trial's Sharpe."""

from types import SimpleNamespace

import numpy as np

from quant_shared.enums import StrategyType
from quant_trading.engine import OHLCV, run_backtest
from quant_trading.models import BacktestConfig
from quant_trading.services.engine_bridge import build, engine_config
from quant_trading.services.optimization.best_trial import best_report
from quant_trading.services.optimization.pool_process import RunData, evaluate_in


def columnar(n: int = 3000) -> dict[str, list]:
    rng = np.random.default_rng(5)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    stamps = (1_700_000_000_000 + np.arange(n) * 86_400_000).tolist()
    return {
        "timestamp": stamps,
        "open": close.tolist(),
        "high": (close * 1.01).tolist(),
        "low": (close * 0.99).tolist(),
        "close": close.tolist(),
        "volume": [1000.0] * n,
    }


RUN = SimpleNamespace(
    strategy_type=StrategyType.SMA_CROSSOVER,
    spec=None,
    config=BacktestConfig(),
    objective="sharpe_ratio",
    maximize=True,
    base_parameters={"fast": 10},
)
SHARPES = [0.01, -0.02, 0.03, 0.015, 0.0]


def trial_metrics(bars: dict, params: dict) -> dict:
    """What the run's trial of ``params`` computed (as a worker does)."""
    run = RunData(RUN.strategy_type.value, {}, None, RUN.config.model_dump(), RUN.objective)
    return evaluate_in(OHLCV.from_columnar(bars), run, params)["metrics"]


def test_report_plus_trials_equals_one_full_backtest():
    bars, params = columnar(), {"fast": 10, "slow": 40}
    data = OHLCV.from_columnar(bars)
    strategy = build(RUN.strategy_type, params, None)
    config = engine_config(RUN.config, n_trials=len(SHARPES))
    full = run_backtest(data, strategy, config, trial_sharpes=np.asarray(SHARPES)).metrics
    trial = trial_metrics(bars, params)
    assert "sharpe_ci_low" not in trial and trial["n_trials"] == 1  # what the summary adds
    assert best_report(data, RUN, params, trial, SHARPES) == full
    assert full["n_trials"] == 5 and full["deflated_sharpe_ratio"] is not None
    assert full["sharpe_ci_low"] < full["sharpe_ratio"] < full["sharpe_ci_high"]
