"""The replay oracle: bars fed one event at a time through the live path (event -> paper book) give the
fills, trades, equity and final equity of a backtest of the same strategy and config over the same
bars, to 1e-9; repeated and late events change nothing."""

import numpy as np
import pytest
from backtesting.test import GOOG

from quant_shared.testing import bearer
from quant_trading.models import BacktestConfig
from quant_trading.services.engine_bridge import run_symbol
from quant_trading.services.paper.paper_books import BarsMissing
from quant_trading.services.paper.paper_events import on_market_data_ingested

from .contract_app import SYMBOLS
from .paper_helpers import all_items, event_of, live_bars, start_run

N, BATCH = 90, 50  # the first 50 bars arrive in one event (a catch-up), then one bar per event
GOOG_BARS = {
    "timestamp": [0] * N,
    **{c: GOOG[c.capitalize()].tolist()[:N] for c in ("open", "high", "low", "close", "volume")},
}
CASES = {
    "goog_market": (GOOG_BARS, {"commission": 0.002, "allow_short": True, "trailing_stop_pct": 0.2}),
    "aaa_limit_sl_tp": (
        SYMBOLS["AAA"],
        {
            "entry_order": "limit",
            "limit_offset_pct": 0.01,
            "stop_loss_pct": 0.01,
            "take_profit_pct": 0.02,
            "commission": 0.001,
        },
    ),
    "aaa_stop_entries": (
        SYMBOLS["AAA"],
        {
            "entry_order": "stop",
            "stop_offset_pct": 0.005,
            "stop_loss_pct": 0.02,
            "commission_fixed": 1.0,
            "order_valid_bars": 3,
        },
    ),
}


@pytest.mark.parametrize("case", CASES)
async def test_paper_run_equals_the_backtest_of_its_bars(client, user_token, case):
    source, config = CASES[case]
    bars = live_bars(source, N)
    strategy = {"strategy_type": "sma_crossover", "parameters": {"fast": 5, "slow": 12}}
    run = await start_run(client, user_token, {**strategy, "symbols": ["AAA"], "config": config})
    assert run["books"][0]["bars"] == 0 and run["equity"] == 10_000
    await on_market_data_ingested(event_of("AAA", bars, 0, BATCH))
    with pytest.raises(BarsMissing):  # bar BATCH + 1 before bar BATCH: not processed yet
        await on_market_data_ingested(event_of("AAA", bars, BATCH + 1, BATCH + 2))
    for i in range(BATCH, N):
        await on_market_data_ingested(event_of("AAA", bars, i, i + 1))
        if i % 10 == 0:
            await on_market_data_ingested(event_of("AAA", bars, i - 3, i + 1))  # a repeat: nothing new
    expected = run_symbol(
        "AAA", bars, "sma_crossover", strategy["parameters"], None, BacktestConfig(**config)
    )
    got = (await client.get(f"/paper-runs/{run['id']}", headers=bearer(user_token))).json()
    assert got["books"][0]["bars"] == N and got["status"] == "running"
    assert got["equity"] == pytest.approx(float(expected.equity[-1]), abs=1e-9)
    equity = await all_items(client, user_token, f"/paper-runs/{run['id']}/equity")
    assert [p["time"] for p in equity] == [p["time"] for p in sorted(equity, key=lambda p: p["time"])]
    assert np.allclose([p["equity"] for p in equity], expected.equity, rtol=0, atol=1e-9) and len(equity) == N
    fills = await all_items(client, user_token, f"/paper-runs/{run['id']}/fills")
    entries = [f for f in fills if f["action"] == "entry"]
    exits = {f["trade"]: f for f in fills if f["action"] == "exit"}
    assert len(expected.trades) >= 2 and len(entries) == len(expected.trades)
    for k, trade in enumerate(expected.trades):
        entry = entries[k]
        assert entry["trade"] == k and entry["units"] == trade.size
        assert entry["price"] == pytest.approx(trade.entry_price, abs=1e-9)
        assert entry["time"].replace("Z", "+00:00") == trade.entry_time.isoformat()
        if trade.exit_time is None:
            assert k not in exits and got["positions"][0]["size"] == trade.size
            continue
        assert exits[k]["price"] == pytest.approx(trade.exit_price, abs=1e-9)
        assert (
            exits[k]["pnl"] == pytest.approx(trade.pnl, abs=1e-9) and exits[k]["reason"] == trade.exit_reason
        )
    orders = await all_items(client, user_token, f"/paper-runs/{run['id']}/orders")
    keys = ("purpose", "side", "order_type", "limit_price", "stop_price", "units", "bars_left")
    assert orders == got["open_orders"] and len(orders) == len(expected.open_orders), orders
    for order, working in zip(orders, expected.open_orders, strict=True):
        assert [order[k] for k in keys] == pytest.approx([working[k] for k in keys], abs=1e-9)
    reasons = {f["reason"] for f in exits.values()}
    if case == "aaa_limit_sl_tp":
        assert {"stop_loss", "take_profit"} & reasons
