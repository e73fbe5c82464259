"""A paper run compared with a backtest over the same period: no drift when market data holds the bars the
run saw live; a revised bar shows up with the P&L and fill drift of an independent engine run on it;
owner only."""

from datetime import datetime

import pytest

from quant_shared.testing import bearer
from quant_trading.models import BacktestConfig
from quant_trading.services.engine_bridge import run_symbol
from quant_trading.services.paper.paper_events import on_market_data_ingested

from .contract_app import SYMBOLS
from .paper_helpers import COLUMNS, event_of, live_bars, start_run

N, SYMBOL = 30, "CMP"


def ms(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1000)


SMA = {"strategy_type": "sma_crossover", "parameters": {"fast": 3, "slow": 6}, "symbols": [SYMBOL]}


async def test_comparison_reports_the_drift_of_revised_bars(client, user_token, token_factory, monkeypatch):
    monkeypatch.setitem(SYMBOLS, SYMBOL, {c: [] for c in COLUMNS})  # nothing before the live bars
    bars = live_bars(SYMBOLS["AAA"], N)
    run = await start_run(client, user_token, SMA)
    await on_market_data_ingested(event_of(SYMBOL, bars, 0, N - 3))
    for i in range(N - 3, N):
        await on_market_data_ingested(event_of(SYMBOL, bars, i, i + 1))
    path = f"/paper-runs/{run['id']}/comparison"
    monkeypatch.setitem(SYMBOLS, SYMBOL, bars)  # market data holds what the run saw
    same = (await client.get(path, headers=bearer(user_token))).json()
    total = same["total"]
    assert total["pnl"]["difference"] == 0 and total["pnl"]["paper"] == total["pnl"]["backtest"] != 0
    fills = total["fills"]
    assert fills["paper"] == fills["backtest"] == fills["matched"] >= 2
    assert [fills[k] for k in ("matched_differing", "only_paper", "only_backtest")] == [0, 0, 0]
    assert fills["max_abs_price_difference"] == 0 and fills["max_time_difference_seconds"] == 0
    assert total["bars"] == {
        "live": N,
        "market": N,
        "differing": 0,
        "missing_in_market": 0,
        "missing_in_live": 0,
    }
    assert (
        same["period"]["end"] == same["by_symbol"][0]["period"]["end"]
        and same["settings"]["finalize_trades"] is False
    )
    assert (
        same["settings"]["config"]["initial_cash"] == 10_000
        and same["by_symbol"][0]["bars"]["differences"] == []
    )

    recorded = (await client.get(f"/paper-runs/{run['id']}/fills", headers=bearer(user_token))).json()
    exits = [f for f in recorded["items"] if f["action"] == "exit"]
    k = bars["timestamp"].index(ms(exits[0]["time"]))
    revised = {c: list(bars[c]) for c in COLUMNS}
    revised["open"][k] += 1.0  # the first exit's bar: its market fill moves by 1.0
    revised["high"][k] = max(revised["high"][k], revised["open"][k])
    monkeypatch.setitem(SYMBOLS, SYMBOL, revised)
    got = (await client.get(path, headers=bearer(user_token))).json()
    expected = run_symbol(SYMBOL, revised, "sma_crossover", SMA["parameters"], None, BacktestConfig())
    pnl = got["total"]["pnl"]
    assert pnl["backtest"] == pytest.approx(float(expected.equity[-1]) - 10_000, abs=1e-9)
    assert pnl["paper"] == total["pnl"]["paper"] and pnl["difference"] == pytest.approx(
        pnl["paper"] - pnl["backtest"], abs=1e-9
    )
    assert pnl["difference"] != 0 and pnl["difference_pct"] == pytest.approx(
        pnl["difference"] / 100, abs=1e-9
    )
    drift = got["by_symbol"][0]["bars"]
    assert (drift["differing"], drift["missing_in_market"], drift["missing_in_live"]) == (1, 0, 0)
    [bar] = drift["differences"]
    assert bar["kind"] == "revised" and bar["time"] == exits[0]["time"]
    assert bar["market"]["open"] == pytest.approx(bar["live"]["open"] + 1.0, abs=1e-9)
    fills = got["total"]["fills"]
    assert fills["backtest"] == sum(1 + (t.exit_time is not None) for t in expected.trades)
    assert fills["paper"] == total["fills"]["paper"] and fills["matched_differing"] >= 1
    assert fills["max_abs_price_difference"] == pytest.approx(1.0, abs=1e-9)

    other = token_factory.user()
    assert (await client.get(path, headers=bearer(other))).status_code == 404
    assert (await client.get(path)).status_code == 401
