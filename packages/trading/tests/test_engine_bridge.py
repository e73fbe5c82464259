"""The stored trades built from the engine's trade columns equal the validated ``Trade`` of each record."""

import numpy as np

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.models import Trade
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
