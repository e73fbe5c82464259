"""Stored trades: built from the engine's trade columns, kept in the trade log, read back by page."""

from datetime import UTC, datetime

import numpy as np

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.models import Trade
from quant_trading.services.backtests import trade_log
from quant_trading.services.engine_bridge import closed_trades, trade_of


def test_closed_trades_equal_validated_records():
    rng = np.random.default_rng(5)
    n = 3000
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    stamps = 1_700_000_000_000 + np.arange(n, dtype=np.int64) * 60_000
    bars = {
        "timestamp": stamps.tolist(),
        "open": close.tolist(),
        "close": close.tolist(),
        "volume": [1.0] * n,
    }
    bars.update(high=(close * 1.01).tolist(), low=(close * 0.99).tolist())
    config = EngineConfig(allow_short=True, stop_loss_pct=0.02, take_profit_pct=0.03, commission=0.001)
    out = run_backtest(
        OHLCV.from_columnar(bars), build_strategy("sma_crossover", {"fast": 5, "slow": 20}), config
    )
    built = closed_trades("X", out.trade_table)
    assert len(built) > 50 and {t.exit_reason for t in built} >= {"signal", "stop_loss"}
    expected = [trade_of("X", record) for record in out.trades]
    assert built == expected
    assert [Trade.model_validate(t.model_dump()) for t in built] == expected
    assert all(type(t.entry_price) is float and type(t.duration_bars) is int for t in built)


def test_trade_log_pages_give_back_every_trade():
    open_trade = Trade(
        symbol="BBB", side="short", entry_time=datetime(2024, 1, 2, tzinfo=UTC), entry_price=5.5, size=3
    )
    closed = Trade(
        symbol="AAA",
        entry_time=datetime(2024, 1, 1, tzinfo=UTC),
        exit_time=datetime(2024, 1, 1, 0, 5, tzinfo=UTC),
        entry_price=10.25,
        exit_price=11.0,
        size=2,
        pnl=1.5,
        return_pct=0.073,
        commission=0.01,
        duration_bars=5,
        exit_reason="take_profit",
    )
    trades = [closed] * 70 + [open_trade]
    log = trade_log.encode(trades)
    items, total = trade_log.page(log, 69, 5)
    assert total == 71 and [Trade.model_validate(i) for i in items] == trades[69:]
    assert trade_log.page(log, 100, 5) == ([], 71) and trade_log.page(b"", 0, 5) == ([], 0)
