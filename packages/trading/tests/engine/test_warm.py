"""Setup's warm-up runs every engine path once (strategies, order types, portfolio, Monte Carlo)."""

from quant_trading.engine.warm import synthetic_bars, warm


def test_warm_runs_every_path():
    assert warm() > 0
    bars = synthetic_bars(50)
    assert len(bars) == 50 and (bars.high >= bars.low).all() and (bars.close > 0).all()
