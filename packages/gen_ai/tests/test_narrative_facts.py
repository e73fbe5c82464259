"""Narrative facts from the trading domain's answers: dates from epoch milliseconds, a backtest over all
stored bars dated by its equity curve, and the offline text quoting them."""

from quant_gen_ai.narrative.facts import build_facts
from quant_gen_ai.narrative.offline_writer import write_narrative

DAY_MS = 86_400_000
JAN_2 = 1_704_153_600_000  # 2024-01-02T00:00:00Z


def test_epoch_timestamps_become_dates_and_the_window_falls_back_to_the_curve():
    series = {
        "timestamp": [JAN_2 + i * DAY_MS for i in range(4)],
        "equity": [10_000.0, 10_500.0, 9_900.0, 10_200.0],
        "drawdown": [0.0, 0.0, 9_900 / 10_500 - 1, 10_200 / 10_500 - 1],
    }
    backtest = {"id": "b", "name": "all bars", "strategy_type": "sma_crossover", "symbols": ["AAPL"]}
    facts = build_facts({**backtest, "interval": "1d", "start": None, "end": None}, {"items": []}, series)
    assert facts["backtest"]["start"] == "2024-01-02" and facts["backtest"]["end"] == "2024-01-05"
    assert facts["equity"]["deepest_drawdown_date"] == "2024-01-04"
    text = write_narrative(facts)
    assert "from 2024-01-02 to 2024-01-05." in text and "was on 2024-01-04." in text
    empty = build_facts({**backtest, "interval": "1d"}, {"items": []}, {})
    assert "bars." in write_narrative(empty) and " from  to " not in write_narrative(empty)
