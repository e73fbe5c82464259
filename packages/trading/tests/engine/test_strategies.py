"""Built-in strategies, parameter validation that names the field, and parameter schemas."""

import numpy as np
import pytest

from quant_shared.enums import StrategyType
from quant_trading.engine import StrategyParameterError, build_strategy, parameter_schema

from .bars import bars


def closes(values):
    return bars([(c, c + 1, c - 1, c) for c in values])


def test_sma_crossover_targets():
    data = closes([3.0, 2, 1, 2, 3, 2])
    tgt = build_strategy("sma_crossover", {"fast": 1, "slow": 2}).targets(data)
    # sma2 = [nan, 2.5, 1.5, 1.5, 2.5, 2.5]: close crosses above at bar 3, below at bar 5
    np.testing.assert_array_equal(tgt, [np.nan, np.nan, np.nan, 1, np.nan, -1])


def test_signals_report_buy_and_sell_at_position_changes():
    data = closes([3.0, 2, 1, 2, 3, 2])
    signal, strength = build_strategy("sma_crossover", {"fast": 1, "slow": 2}).signals(data)
    assert list(signal) == [0, 0, 0, 1, 0, -1] and list(strength) == [0, 0, 0, 1, 0, 1]


def test_rsi_momentum_and_buy_and_hold():
    data = closes([10.0, 9, 8, 7, 8, 9, 10, 11])
    rsi = build_strategy("rsi_mean_reversion", {"period": 2, "oversold": 20, "overbought": 80}).targets(data)
    assert rsi[2] == 1 and rsi[3] == 1  # RSI 0 while falling: long entry
    assert rsi[6] == -1  # RSI back above 80: long exit and short entry
    mom = build_strategy("momentum", {"lookback": 2, "threshold": 0.05}).targets(data)
    assert mom[2] == -1 and np.isnan(mom[4]) and mom[6] == 1  # 10/8 - 1 = 25 %
    bh = build_strategy(StrategyType.BUY_AND_HOLD, {}).targets(data)
    assert bh[0] == 1 and np.isnan(bh[1:]).all()


def test_ema_macd_bollinger_produce_events():
    rng = np.random.default_rng(0)
    data = closes(100 + np.cumsum(rng.normal(0, 1, 400)))
    for kind, params in [("ema_crossover", {}), ("macd", {}), ("bollinger_breakout", {"period": 20})]:
        tgt = build_strategy(kind, params).targets(data)
        assert np.any(tgt == 1) and np.any(tgt < 0), kind


@pytest.mark.parametrize(
    ("kind", "params", "field"),
    [
        ("sma_crossover", {"fast": 30, "slow": 20}, "parameters.fast"),
        ("sma_crossover", {"fast": "x"}, "parameters.fast"),
        ("sma_crossover", {"fsat": 3}, "parameters.fsat"),
        ("rsi_mean_reversion", {"period": 0}, "parameters.period"),
        ("macd", {"fast": 30}, "parameters.fast"),
        ("nonsense", {}, "strategy_type"),
        ("rule_based", {}, "spec"),
    ],
)
def test_bad_parameters_name_the_field(kind, params, field):
    with pytest.raises(StrategyParameterError) as err:
        build_strategy(kind, params)
    assert err.value.field == field and isinstance(err.value, ValueError)


@pytest.mark.parametrize("kind", list(StrategyType))
def test_parameter_schema_defaults_are_valid(kind):
    schema = parameter_schema(kind)
    assert schema["strategy_type"] == kind.value and schema["json_schema"]["type"] == "object"
    if kind != StrategyType.RULE_BASED:
        build_strategy(kind, schema["defaults"])
    for name, rng in schema["ranges"].items():
        assert rng["low"] <= schema["defaults"][name] <= rng["high"] or name in ("slow",), name


def test_crossover_schema_has_constraint_and_ranges():
    schema = parameter_schema("sma_crossover")
    assert schema["constraints"] == ["fast < slow"]
    assert schema["defaults"] == {"fast": 10, "slow": 20}
    assert schema["ranges"]["fast"]["low"] == 2 and schema["ranges"]["slow"]["high"] == 200
