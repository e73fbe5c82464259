"""Pyramiding and scaling out in a paper run: fed one bar at a time, its fills (every entry with its
whole size, every exit part) and equity equal a backtest of the same spec over the same bars."""

import numpy as np
import pytest

from quant_shared.testing import bearer
from quant_trading.models import BacktestConfig
from quant_trading.services.engine_bridge import run_symbol
from quant_trading.services.paper.paper_events import on_market_data_ingested

from .contract_app import SYMBOLS
from .paper_helpers import all_items, event_of, live_bars, start_run

N = 60
CROSS_DOWN = {"type": "cross", "left": "close", "right": "fast", "direction": "below"}
SPEC = {
    "indicators": [{"id": "fast", "kind": "sma", "period": 3}, {"id": "slow", "kind": "sma", "period": 8}],
    "entry_long": {"type": "compare", "left": "fast", "op": "gt", "right": "slow"},
    "exit_long": {"type": "compare", "left": "fast", "op": "lt", "right": "slow"},
    "orders": {"pyramiding": 3, "size": 0.3, "scale_out": {"when": CROSS_DOWN, "fraction": 0.5}},
}


async def test_a_pyramided_paper_run_equals_its_backtest(client, user_token):
    bars = live_bars(SYMBOLS["AAA"], N)
    config = {"commission": 0.001, "fractional_units": True}
    run = await start_run(client, user_token, {"spec": SPEC, "symbols": ["AAA"], "config": config})
    for i in range(N):
        await on_market_data_ingested(event_of("AAA", bars, i, i + 1))
    expected = run_symbol("AAA", bars, "rule_based", {}, SPEC, BacktestConfig(**config))
    got = (await client.get(f"/paper-runs/{run['id']}", headers=bearer(user_token))).json()
    assert got["equity"] == pytest.approx(float(expected.equity[-1]), abs=1e-9)
    equity = await all_items(client, user_token, f"/paper-runs/{run['id']}/equity")
    assert np.allclose([p["equity"] for p in equity], expected.equity, rtol=0, atol=1e-9)
    fills = await all_items(client, user_token, f"/paper-runs/{run['id']}/fills")
    exits = sorted((f["time"], f["price"], f["units"], f["pnl"]) for f in fills if f["action"] == "exit")
    closed = sorted(
        (t.exit_time.isoformat().replace("+00:00", "Z"), t.exit_price, t.size, t.pnl)
        for t in expected.trades
        if t.exit_time is not None
    )
    assert len({t.entry_time for t in expected.trades}) < len(expected.trades)  # some trades in parts
    assert [e[0] for e in exits] == [c[0] for c in closed]
    assert np.allclose([e[1:] for e in exits], [c[1:] for c in closed], rtol=0, atol=1e-9)
    entries = [f for f in fills if f["action"] == "entry"]
    units: dict[str, float] = {}
    for t in expected.trades:
        units[t.entry_time.isoformat()] = units.get(t.entry_time.isoformat(), 0.0) + t.size
    assert sorted(f["units"] for f in entries) == pytest.approx(sorted(units.values()))
    assert max(p["units"] for p in equity) > max(f["units"] for f in entries)  # trades held at once
