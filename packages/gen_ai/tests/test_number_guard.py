"""The number guard against hand-checked texts."""

from quant_gen_ai.narrative.number_guard import check_numbers

FACTS = {
    "metrics": {"total_return_pct": 12.345, "sharpe_ratio": 1.234, "num_trades": 1200},
    "b": {"start": "2023-01-02"},
}


def test_rounded_and_formatted_numbers_pass():
    text = "Return 12.3% (12%, 12.35%), Sharpe 1.23, 1,200 trades since 2023-01-02."
    assert check_numbers(text, FACTS) == []


def test_invented_or_misrounded_numbers_are_caught():
    bad = check_numbers("Return 12.4%, Sharpe 1.2, volatility 18.5% over 2024, sma_50 names are fine.", FACTS)
    assert [v["value"] for v in bad] == ["12.4", "18.5", "2024"]


def test_fractions_may_be_quoted_as_percentages():
    assert check_numbers("A drawdown of 8.25%.", {"max_drawdown": -0.0825}) == []
