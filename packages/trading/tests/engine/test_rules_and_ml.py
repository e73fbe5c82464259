"""The declarative rule spec compiles to the same signals as the built-in strategies; ML predictions."""

import numpy as np
import pytest
from backtesting.test import GOOG

from quant_trading.engine import OHLCV, StrategyParameterError, build_strategy
from quant_trading.engine import indicators as ind

from .bars import bars

DATA = OHLCV.from_dataframe(GOOG)

SMA_SPEC = {
    "name": "sma cross",
    "indicators": [{"id": "fast", "kind": "sma", "period": 10}, {"id": "slow", "kind": "sma", "period": 20}],
    "entry_long": {"type": "cross", "left": "fast", "direction": "above", "right": "slow"},
    "entry_short": {"type": "cross", "left": "fast", "direction": "below", "right": "slow"},
}


def test_rule_spec_equals_the_builtin_sma_crossover():
    rule = build_strategy("rule_based", {}, SMA_SPEC).targets(DATA)
    builtin = build_strategy("sma_crossover", {"fast": 10, "slow": 20}).targets(DATA)
    np.testing.assert_array_equal(rule, builtin)


def test_and_or_not_and_exits():
    spec = {
        "indicators": [
            {"id": "rsi", "kind": "rsi", "period": 14},
            {"id": "trend", "kind": "ema", "period": 50},
        ],
        "entry_long": {
            "type": "all",
            "conditions": [
                {"type": "compare", "left": "rsi", "op": "lt", "right": 45},
                {
                    "type": "not",
                    "condition": {"type": "compare", "left": "close", "op": "lt", "right": "trend"},
                },
            ],
        },
        "exit_long": {
            "type": "any",
            "conditions": [
                {"type": "compare", "left": "rsi", "op": "gt", "right": 65},
                {"type": "cross", "left": "close", "direction": "below", "right": "trend"},
            ],
        },
    }
    tgt = build_strategy("rule_based", {}, spec).targets(DATA)
    rsi, trend, close = ind.rsi(DATA.close, 14), ind.ema(DATA.close, 50), DATA.close
    with np.errstate(invalid="ignore"):
        entry = (rsi < 45) & ~(close < trend)
        exit_ = (rsi > 65) | ind.crossed_above(trend, close)
    assert entry.sum() > 0 and exit_.sum() > 0
    np.testing.assert_array_equal(tgt == 1, entry)
    np.testing.assert_array_equal(tgt == 0.5, exit_ & ~entry)


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({"entry_long": {"type": "compare", "left": "nope", "op": "gt", "right": 1}}, "spec"),
        (
            {"indicators": [{"id": "x", "kind": "sma", "period": 0}], "entry_long": None},
            "spec.indicators.0.period",
        ),
        (
            {"entry_long": {"type": "compare", "left": "close", "op": "bigger", "right": 1}},
            "spec.entry_long.compare.op",
        ),
    ],
)
def test_bad_specs_name_the_field(spec, field):
    with pytest.raises(StrategyParameterError) as err:
        build_strategy("rule_based", {}, spec)
    assert err.value.field == field


def test_ml_signal_with_aligned_and_timestamped_predictions():
    data = bars([(100, 101, 99, 100)] * 5)
    tgt = build_strategy("ml_signal", {"predictions": ["buy", "hold", "sell", 0, 1]}).targets(data)
    np.testing.assert_array_equal(tgt, [1, np.nan, -1, np.nan, 1])
    ts = data.timestamp
    preds = [
        {"timestamp": int(ts[1]) - 5, "signal": "buy", "confidence": 0.9},
        {"timestamp": int(ts[3]), "signal": "sell", "confidence": 0.4},
    ]
    strat = build_strategy("ml_signal", {"min_confidence": 0.5}, context={"predictions": preds})
    np.testing.assert_array_equal(strat.targets(data), [np.nan, 1, np.nan, np.nan, np.nan])
    signal, strength = strat.signals(data)
    assert list(signal) == [0, 1, 0, 0, 0] and strength[1] == pytest.approx(0.9)


def test_ml_signal_needs_matching_predictions():
    data = bars([(100, 101, 99, 100)] * 3)
    with pytest.raises(StrategyParameterError) as err:
        build_strategy("ml_signal", {"predictions": [1, 0]}).targets(data)
    assert err.value.field == "parameters.predictions"


def test_ml_signal_with_a_timestamp_mapping():
    data = bars([(100, 101, 99, 100)] * 4)
    mapping = {str(int(data.timestamp[0])): "buy", str(int(data.timestamp[2])): -1}
    tgt = build_strategy("ml_signal", {}, context={"predictions": mapping}).targets(data)
    np.testing.assert_array_equal(tgt, [1, np.nan, -1, np.nan])
    with pytest.raises(StrategyParameterError, match="unknown signal"):
        build_strategy("ml_signal", {"predictions": ["maybe"]}).targets(bars([(1, 1, 1, 1)]))
