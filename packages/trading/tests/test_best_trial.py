"""The best trial's KPIs: computed early (while waiting) or at the end, the same as one full backtest
with every trial's Sharpe; the early backtest is reused only for the same parameters."""

from types import SimpleNamespace

import numpy as np

from quant_shared.enums import StrategyType
from quant_trading.engine import OHLCV, run_backtest
from quant_trading.models import BacktestConfig
from quant_trading.services import best_trial
from quant_trading.services.best_trial import BestTrial, backtest_report, with_trials
from quant_trading.services.engine_bridge import build, engine_config


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


def test_report_plus_trials_equals_one_full_backtest():
    bars, params = columnar(), {"fast": 10, "slow": 40}
    data = OHLCV.from_columnar(bars)
    strategy = build(RUN.strategy_type, params, None)
    config = engine_config(RUN.config, n_trials=len(SHARPES))
    full = run_backtest(data, strategy, config, trial_sharpes=np.asarray(SHARPES)).metrics
    assert with_trials(backtest_report(bars, RUN, params), SHARPES) == full
    assert full["n_trials"] == 5 and full["deflated_sharpe_ratio"] is not None


async def test_the_early_backtest_is_reused_for_the_same_parameters_only(monkeypatch):
    calls = []
    original = best_trial.backtest_report

    def counted(bars, run, params):
        calls.append(params)
        return original(bars, run, params)

    monkeypatch.setattr(best_trial, "backtest_report", counted)
    best = BestTrial(RUN, columnar())
    done = [
        ({"slow": 40}, {"metrics": {"sharpe_ratio": 0.4}}),
        ({"slow": 60}, {"metrics": {"sharpe_ratio": 0.9}}),
    ]
    await best.while_waiting([*done, ({"slow": 80}, {"metrics": {}, "error": "bad"})])
    assert calls == [{"fast": 10, "slow": 60}]
    reused = await best.metrics({"fast": 10, "slow": 60}, SHARPES)
    assert len(calls) == 1
    assert reused == with_trials(original(columnar(), RUN, {"fast": 10, "slow": 60}), SHARPES)
    await best.metrics({"fast": 10, "slow": 80}, SHARPES)  # a later chunk held the best: computed now
    assert calls[-1] == {"fast": 10, "slow": 80} and len(calls) == 2
