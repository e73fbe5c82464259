"""The offline phrase parser: common phrasings -> specs the shared schema accepts."""

import pytest

from quant_gen_ai.strategy.phrase_parser import parse_strategy_text
from quant_gen_ai.strategy.rendering import render_spec
from quant_shared.strategy_spec import StrategySpec


def parsed(text: str) -> dict:
    result = parse_strategy_text(text)
    assert result.unsupported == [], result.unsupported
    StrategySpec.model_validate(result.spec)
    return result.spec


def test_sma_cross_and_rsi_exit():
    spec = parsed("buy when the 20-day SMA crosses above the 50-day SMA, sell when RSI(14) > 70")
    assert spec["indicators"] == [
        {"id": "sma_20", "kind": "sma", "period": 20},
        {"id": "sma_50", "kind": "sma", "period": 50},
        {"id": "rsi_14", "kind": "rsi", "period": 14},
    ]
    assert spec["entry_long"] == {"type": "cross", "left": "sma_20", "direction": "above", "right": "sma_50"}
    assert spec["exit_long"] == {"type": "compare", "left": "rsi_14", "op": "gt", "right": 70.0}
    assert render_spec(spec) == (
        "Buy (enter long) when SMA(20) crosses above SMA(50).\nSell (exit long) when RSI(14) > 70."
    )


def test_and_binds_tighter_than_or():
    spec = parsed(
        "Buy when RSI(14) < 30 and price is above the 200-day SMA. "
        "Sell when RSI > 70 or close falls below 200 day sma."
    )
    assert spec["entry_long"]["type"] == "all" and len(spec["entry_long"]["conditions"]) == 2
    assert spec["entry_long"]["conditions"][1] == {
        "type": "compare",
        "left": "close",
        "op": "gt",
        "right": "sma_200",
    }
    assert spec["exit_long"]["type"] == "any"
    assert spec["exit_long"]["conditions"][1] == {
        "type": "cross",
        "left": "close",
        "direction": "below",
        "right": "sma_200",
    }


@pytest.mark.parametrize(
    ("text", "slot", "ids"),
    [
        ("buy when EMA(12) crosses above EMA(26)", "entry_long", ["ema_12", "ema_26"]),
        (
            "go long when MACD crosses above the signal line",
            "entry_long",
            ["macd_12_26_9", "macd_signal_12_26_9"],
        ),
        ("buy when MACD(8,21,5) crosses above zero", "entry_long", ["macd_8_21_5"]),
        ("buy when price closes below the lower Bollinger band (20, 2.5)", "entry_long", ["bb_lower_20_2_5"]),
        ("short when RSI is above 80, cover when RSI falls below 50", "entry_short", ["rsi_14"]),
    ],
)
def test_indicator_phrasings(text, slot, ids):
    spec = parsed(text)
    assert spec[slot] is not None and [i["id"] for i in spec["indicators"]] == ids


def test_unsupported_parts_are_listed_not_guessed():
    result = parse_strategy_text(
        "buy when the 12-day EMA crosses above the 26-day EMA with a stop loss of 5%"
    )
    assert result.spec is None and "stop loss" in result.unsupported
    assert (
        parse_strategy_text("buy when the news sentiment is positive").unsupported[-1]
        == "the news sentiment is positive"
    )
    assert parse_strategy_text("sell when RSI > 70").unsupported == [
        "no entry rule (say when to buy or to short)"
    ]
    assert parse_strategy_text("make me rich").unsupported == ["make me rich"]
