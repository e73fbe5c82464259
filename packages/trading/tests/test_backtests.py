"""Backtests through the API: stored KPIs equal the engine run directly on the same bars."""

import math

import pytest

from quant_shared.testing import bearer
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest

from .contract_app import SYMBOLS
from .helpers import run_backtest as api_backtest

CONFIG = {"initial_cash": 10_000, "commission": 0.001}
SMA = {
    "strategy_type": "sma_crossover",
    "parameters": {"fast": 5, "slow": 20},
    "interval": "1d",
    "config": CONFIG,
}


def direct(symbol: str, parameters: dict, cash: float = 10_000, **config):
    data = OHLCV.from_columnar(SYMBOLS[symbol])
    strategy = build_strategy("sma_crossover", parameters)
    return run_backtest(data, strategy, EngineConfig(initial_cash=cash, commission=0.001, **config))


async def test_stored_metrics_match_the_engine(client, user_token):
    bt = await api_backtest(client, user_token, {**SMA, "symbols": ["aaa"]})
    assert bt["status"] == "completed", bt
    expected = direct("AAA", {"fast": 5, "slow": 20})
    assert bt["symbols"] == ["AAA"] and bt["task_id"] and bt["completed_at"]
    for key in ("total_return", "sharpe_ratio", "max_drawdown", "num_trades", "final_equity"):
        assert bt["metrics"][key] == pytest.approx(expected.metrics[key], rel=1e-12), key
    trades = (await client.get(f"/backtests/{bt['id']}/trades?limit=500", headers=bearer(user_token))).json()
    closed = [t for t in trades["items"] if t["exit_time"] is not None]
    assert len(closed) == len(expected.trades) == bt["metrics"]["num_trades"]
    assert closed[0]["entry_price"] == pytest.approx(expected.trades[0].entry_price)
    assert sum(t["pnl"] for t in closed) == pytest.approx(sum(t.pnl for t in expected.trades))
    page = (
        await client.get(f"/backtests/{bt['id']}/trades?limit=2&offset=1", headers=bearer(user_token))
    ).json()
    assert page["total"] == trades["total"] and page["items"] == trades["items"][1:3]


async def test_equity_series_and_downsampling(client, user_token):
    bt = await api_backtest(client, user_token, {**SMA, "symbols": ["AAA"]})
    expected = direct("AAA", {"fast": 5, "slow": 20})
    full = (await client.get(f"/backtests/{bt['id']}/equity", headers=bearer(user_token))).json()
    assert full["timestamp"] == SYMBOLS["AAA"]["timestamp"]
    assert full["equity"] == pytest.approx(expected.equity.tolist())
    assert min(full["drawdown"]) == pytest.approx(expected.drawdown.min())
    small = (await client.get(f"/backtests/{bt['id']}/equity?points=50", headers=bearer(user_token))).json()
    assert len(small["timestamp"]) == 50 and len(small["equity"]) == 50
    assert small["timestamp"][0] == full["timestamp"][0] and small["equity"][-1] == full["equity"][-1]
    bad = await client.get(f"/backtests/{bt['id']}/equity?points=1", headers=bearer(user_token))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.points"


async def test_two_symbols_share_the_cash(client, user_token):
    bt = await api_backtest(client, user_token, {**SMA, "symbols": ["AAA", "BBB"]})
    assert bt["status"] == "completed", bt
    a, b = direct("AAA", {"fast": 5, "slow": 20}, 5_000), direct("BBB", {"fast": 5, "slow": 20}, 5_000)
    final = a.final_equity + b.final_equity
    assert bt["metrics"]["final_equity"] == pytest.approx(final)
    assert bt["metrics"]["total_return"] == pytest.approx(final / 10_000 - 1)
    assert bt["metrics"]["num_trades"] == a.metrics["num_trades"] + b.metrics["num_trades"]


async def test_periods_per_year_and_sizing_mode_from_the_config(client, user_token):
    settings = {"periods_per_year": 52, "commission_fixed": 5, "backtesting_py_sizing": True}
    bt = await api_backtest(client, user_token, {**SMA, "symbols": ["AAA"], "config": {**CONFIG, **settings}})
    assert bt["status"] == "completed", bt
    assert {k: bt["config"][k] for k in settings} == settings
    expected = direct("AAA", {"fast": 5, "slow": 20}, **settings)
    assert expected.metrics["periods_per_year"] == 52
    for key in ("periods_per_year", "annualized_return", "sharpe_ratio", "final_equity", "total_return"):
        assert bt["metrics"][key] == pytest.approx(expected.metrics[key], rel=1e-12), key
    two = await api_backtest(client, user_token, {**SMA, "symbols": ["AAA", "BBB"], "config": settings})
    assert two["metrics"]["periods_per_year"] == 52
    assert two["metrics"]["start_equity"] == 10_000
    calendar = await api_backtest(client, user_token, {**SMA, "symbols": ["AAA", "BBB"]})
    assert calendar["metrics"]["periods_per_year"] == pytest.approx(
        OHLCV.from_columnar(SYMBOLS["AAA"]).periods_per_year()
    )


async def test_unknown_symbol_and_bad_input_answer_422(client, user_token):
    headers = bearer(user_token)
    cases = [
        ({**SMA, "symbols": ["AAA", "NOPE"]}, "body.symbols"),
        ({**SMA, "symbols": []}, "body.symbols"),
        ({**SMA, "symbols": ["AAA"], "parameters": {"fast": 50, "slow": 20}}, "body.parameters.fast"),
        ({**SMA, "symbols": ["AAA"], "config": {"commission": -1}}, "body.config.commission"),
        ({**SMA, "symbols": ["AAA"], "config": {"periods_per_year": 0}}, "body.config.periods_per_year"),
        ({**SMA, "symbols": ["AAA"], "config": {"periods_per_year": -252}}, "body.config.periods_per_year"),
        ({**SMA, "symbols": ["AAA"], "start": "2024-01-01", "end": "2023-01-01"}, "body.end"),
        ({"symbols": ["AAA"]}, "body.strategy_id"),
        ({"symbols": ["AAA"], "strategy_id": "0" * 24}, "body.strategy_id"),
    ]
    for payload, field in cases:
        resp = await client.post("/backtests", json=payload, headers=headers)
        assert resp.status_code == 422, (payload, resp.text)
        assert field in [e["field"] for e in resp.json()["errors"]], (field, resp.json())
    assert (await client.get("/backtests", headers=headers)).json()["total"] == 0


async def test_failed_run_keeps_a_readable_error(client, user_token):
    bt = await api_backtest(client, user_token, {**SMA, "symbols": ["BAD"]})
    assert bt["status"] == "failed" and "increasing" in bt["error"]
    resp = await client.get(f"/backtests/{bt['id']}/trades", headers=bearer(user_token))
    assert resp.status_code == 409
    failed = (await client.get("/backtests?status=failed", headers=bearer(user_token))).json()
    assert [b["id"] for b in failed["items"]] == [bt["id"]]


async def test_date_range_is_forwarded(client, user_token):
    payload = {**SMA, "symbols": ["AAA"], "start": "2023-03-01T00:00:00Z", "end": "2023-09-30T00:00:00Z"}
    bt = await api_backtest(client, user_token, payload)
    series = (await client.get(f"/backtests/{bt['id']}/equity", headers=bearer(user_token))).json()
    assert series["timestamp"][0] == 1677628800000 and len(series["timestamp"]) == 214
    assert math.isclose(series["equity"][0], 10_000)
