"""The best trial's KPIs: its trial's KPIs plus the intervals and deflated Sharpe computed early (while
waiting) or at the end, the same as one full backtest with every trial's Sharpe; the early report is
reused only for the same parameters."""

from types import SimpleNamespace

import numpy as np

from quant_shared.enums import StrategyType
from quant_trading.engine import OHLCV, run_backtest
from quant_trading.models import BacktestConfig
from quant_trading.services import best_trial
from quant_trading.services.best_trial import BestTrial, backtest_report, with_trials
from quant_trading.services.engine_bridge import build, engine_config
from quant_trading.services.optimization_worker import evaluate_in, make_state


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
    state = make_state(bars, RUN.strategy_type.value, {}, None, RUN.config.model_dump(), RUN.objective)
    return evaluate_in(state, params)["metrics"]


def test_report_plus_trials_equals_one_full_backtest():
    bars, params = columnar(), {"fast": 10, "slow": 40}
    data = OHLCV.from_columnar(bars)
    strategy = build(RUN.strategy_type, params, None)
    config = engine_config(RUN.config, n_trials=len(SHARPES))
    full = run_backtest(data, strategy, config, trial_sharpes=np.asarray(SHARPES)).metrics
    trial = trial_metrics(bars, params)
    assert "sharpe_ci_low" not in trial and trial["n_trials"] == 1  # what the summary adds
    assert with_trials(backtest_report(bars, RUN, params, trial), SHARPES) == full
    assert with_trials(backtest_report(data, RUN, params, trial), SHARPES) == full  # the trials' OHLCV
    assert full["n_trials"] == 5 and full["deflated_sharpe_ratio"] is not None
    assert full["sharpe_ci_low"] < full["sharpe_ratio"] < full["sharpe_ci_high"]


async def test_the_early_backtest_is_reused_for_the_same_parameters_only(monkeypatch):
    calls = []
    original = best_trial.backtest_report

    def counted(bars, run, params, metrics):
        calls.append(params)
        return original(bars, run, params, metrics)

    monkeypatch.setattr(best_trial, "backtest_report", counted)
    bars = columnar()
    best = BestTrial(RUN, bars)
    m40, m60 = trial_metrics(bars, {"fast": 10, "slow": 40}), trial_metrics(bars, {"fast": 10, "slow": 60})
    m60 = {**m60, "sharpe_ratio": m40["sharpe_ratio"] + 1.0}  # make it the best known so far
    done = [({"slow": 40}, {"metrics": m40}), ({"slow": 60}, {"metrics": m60})]
    await best.while_waiting([*done, ({"slow": 80}, {"metrics": {}, "error": "bad"})])
    started = best.early  # in the background: the coordinator goes on looking for the helpers' chunks
    await best.while_waiting(done)  # the same best: the same report
    assert best.early is started and best.early_parameters == {"fast": 10, "slow": 60}
    await started
    assert calls == [{"fast": 10, "slow": 60}]
    reused = await best.metrics({"fast": 10, "slow": 60}, m60, SHARPES)
    assert len(calls) == 1
    assert reused == with_trials(original(bars, RUN, {"fast": 10, "slow": 60}, m60), SHARPES)
    m80 = trial_metrics(bars, {"fast": 10, "slow": 80})
    late = await best.metrics({"fast": 10, "slow": 80}, m80, SHARPES)  # a later chunk held the best
    assert calls[-1] == {"fast": 10, "slow": 80} and len(calls) == 2
    assert late["sharpe_ratio"] == m80["sharpe_ratio"] and late["sharpe_ci_low"] is not None
