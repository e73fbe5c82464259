"""Trading end to end through the all-in-one gateway, with the real market-data domain's seeded bars."""

import pytest

from quant_gateway.app import create_app
from quant_gateway.discovery import discover_domains
from quant_shared.testing import bearer, running_app, wait_for_task
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest

# Import every domain's documents at collection time: a Beanie document class defined after another
# app's init_beanie in this process inherits ExpressionField defaults for ``id`` (inserts then fail).
DOMAINS = discover_domains()


@pytest.fixture
async def gateway(settings):
    async with running_app(create_app(settings, specs=DOMAINS)) as client:
        yield client


async def test_backtest_on_seeded_bars_matches_the_engine(gateway, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    listed = (await gateway.get("/market-data/instruments?limit=5", headers=alice)).json()
    symbol = listed["items"][0]["symbol"]
    bars = (await gateway.get(f"/market-data/bars/{symbol}/columnar?interval=1d", headers=alice)).json()
    assert len(bars["timestamp"]) > 500
    strategy = {"name": "sma", "strategy_type": "sma_crossover", "parameters": {"fast": 10, "slow": 30}}
    sid = (await gateway.post("/strategies", json=strategy, headers=alice)).json()["id"]
    payload = {"strategy_id": sid, "symbols": [symbol], "interval": "1d", "config": {"commission": 0.001}}
    resp = await gateway.post("/backtests", json=payload, headers=alice)
    assert resp.status_code == 202, resp.text
    task = await wait_for_task(gateway, resp.json()["task_id"], alice, timeout=120.0)
    assert task["status"] == "completed", task
    bt = (await gateway.get(f"/backtests/{resp.json()['resource_id']}", headers=alice)).json()
    data = OHLCV.from_columnar(bars)
    expected = run_backtest(
        data, build_strategy("sma_crossover", {"fast": 10, "slow": 30}), EngineConfig(commission=0.001)
    )
    for key in ("total_return", "sharpe_ratio", "max_drawdown", "num_trades"):
        assert bt["metrics"][key] == pytest.approx(expected.metrics[key], rel=1e-9), key
    equity = (await gateway.get(f"/backtests/{bt['id']}/equity?points=100", headers=alice)).json()
    assert len(equity["equity"]) == 100 and equity["equity"][-1] == pytest.approx(expected.equity[-1])
    assert (await gateway.get(f"/backtests/{bt['id']}", headers=bob)).status_code == 404
    assert (await gateway.get(f"/strategies/{sid}", headers=bob)).status_code == 404
    signal = (await gateway.get(f"/signals/{sid}?symbol={symbol}", headers=alice)).json()
    assert signal["price"] == bars["close"][-1] and signal["signal"] in ("buy", "sell", "hold")


async def test_unknown_symbol_is_a_422_naming_the_field(gateway, user_token):
    payload = {"strategy_type": "buy_and_hold", "symbols": ["NOSUCHSYMBOL"], "interval": "1d"}
    resp = await gateway.post("/backtests", json=payload, headers=bearer(user_token))
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.symbols"
    assert (await gateway.get("/backtests", headers=bearer(user_token))).json()["total"] == 0
