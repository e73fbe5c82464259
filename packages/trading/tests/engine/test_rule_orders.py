"""A rule spec's order rules (``orders``) against backtesting.py 0.6.6 on GOOG: levels read from
indicators, sizes, trailing stops, pyramiding and scaling out, trade for trade; their precedence over
the config and the combinations refused."""

import numpy as np
import pytest
from backtesting.test import GOOG
from pydantic import ValidationError

from quant_shared.enums import ExitReason, StrategyType
from quant_shared.strategy_spec import StrategySpec
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest

from .reference import BookTargets, assert_same, assert_same_book, reference

FRAME = GOOG.iloc[:1000]
DATA = OHLCV.from_dataframe(FRAME)
INDICATORS = [
    {"id": "fast", "kind": "sma", "period": 10},
    {"id": "slow", "kind": "sma", "period": 30},
    {"id": "floor", "kind": "lowest", "source": "low", "period": 20},
    {"id": "ceiling", "kind": "highest", "source": "high", "period": 20},
]
CROSSES = {
    "entry_long": {"type": "cross", "left": "fast", "right": "slow", "direction": "above"},
    "entry_short": {"type": "cross", "left": "fast", "right": "slow", "direction": "below"},
}


def spec(orders: dict, **conditions) -> dict:
    return {"indicators": INDICATORS, **(conditions or CROSSES), "orders": orders}


def run(spec_: dict, config: EngineConfig):
    strategy = build_strategy(StrategyType.RULE_BASED, {}, spec_)
    return strategy.targets(DATA), run_backtest(DATA, strategy, config)


def test_levels_at_indicators_size_and_trailing_stop_match_backtesting_py():
    rules = {"size": 0.5, "trailing_stop_pct": 0.06}
    rules |= {"long": {"stop_loss_at": "floor"}, "short": {"stop_loss_at": "ceiling"}}
    tgt, out = run(spec(rules), EngineConfig.backtesting_py(commission=0.002))
    floor, ceiling = FRAME.Low.rolling(20).min().to_numpy(), FRAME.High.rolling(20).max().to_numpy()
    sl = np.where(tgt == 1, floor, np.where(tgt == -1, ceiling, np.nan))
    size = np.where(np.abs(tgt) == 1, 0.5, np.nan)
    ref = reference(FRAME, backtest={"commission": 0.002}, targets=tgt, sl=sl, size=size, trail_pct=0.06)
    assert_same(ref, out)
    assert ExitReason.STOP_LOSS in {t.exit_reason for t in out.trades}


def test_pyramiding_and_scaling_out_match_backtesting_py():
    conditions = {
        "entry_long": {"type": "compare", "left": "fast", "op": "gt", "right": "slow"},
        "entry_short": {"type": "compare", "left": "fast", "op": "lt", "right": "slow"},
    }
    scale_out = {"when": {"type": "cross", "left": "close", "right": "fast", "direction": "below"}}
    rules = {"pyramiding": 2, "size": 5, "scale_out": scale_out | {"fraction": 0.5}}
    config = EngineConfig.backtesting_py(initial_cash=100_000, commission=0.001, sizing="fixed_units")
    tgt, out = run(spec(rules, **conditions), config)
    fast = FRAME.Close.rolling(10).mean().to_numpy()
    close = FRAME.Close.to_numpy()
    crossed = (close < fast) & (np.roll(close, 1) >= np.roll(fast, 1))
    crossed[0] = False
    fractions = np.where(crossed, 0.5, np.nan)
    run_ = {"targets": tgt, "fractions": fractions, "size": np.full(len(tgt), 5.0), "depth": 2}
    ref = reference(FRAME, BookTargets, {"cash": 100_000, "commission": 0.001}, **run_)
    assert_same_book(ref, out)
    assert {2.0, 3.0, 5.0} <= set(np.abs(out.trade_table["units"]))  # halves of 5 units closed
    assert np.any(np.diff(np.unique(out.trade_table["entry_bar"])) == 1)  # a second trade added


def test_spec_rules_win_over_the_config_and_unset_ones_keep_it():
    tgt, out = run(spec({"stop_loss_pct": 0.01}), EngineConfig(stop_loss_pct=0.2, take_profit_pct=0.02))
    _, config_only = run(spec({}), EngineConfig(stop_loss_pct=0.01, take_profit_pct=0.02))
    assert out.final_equity == config_only.final_equity and len(out.trades) == len(config_only.trades)


def test_bad_rules_are_refused_naming_the_rule():
    with pytest.raises(ValidationError, match="orders.long.stop_loss_at: unknown operand 'nope'"):
        StrategySpec.model_validate(spec({"long": {"stop_loss_at": "nope"}}))
    with pytest.raises(ValidationError, match="fraction"):
        StrategySpec.model_validate(spec({"scale_out": {"when": CROSSES["entry_long"], "fraction": 0}}))
    with pytest.raises(ValueError, match="market entries only"):
        run(spec({"pyramiding": 2}), EngineConfig(entry_order="limit"))
