"""The engine's order settings through POST /backtests: stored results equal the engine run directly;
impossible values answer 422 naming the field."""

import pytest

from quant_shared.testing import bearer
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest

from .contract_app import SYMBOLS
from .helpers import run_backtest as api_backtest
from .test_backtests import SMA, direct

SETTINGS = {
    "allow_short": True,
    "trailing_stop_pct": 0.03,
    "trailing_stop_atr": 2.5,
    "atr_period": 10,
    "spread": 0.001,
    "take_profit_price": 1_000,
    "margin": 0.5,
    "maintenance_margin": 0.2,
    "finalize_trades": True,
    "pyramiding": 2,
    "hedging": True,
}


async def test_order_settings_reach_the_engine(client, user_token):
    bt = await api_backtest(
        client, user_token, {**SMA, "symbols": ["AAA"], "config": {**SMA["config"], **SETTINGS}}
    )
    assert bt["status"] == "completed", bt
    assert {k: bt["config"][k] for k in SETTINGS} == SETTINGS
    expected = direct("AAA", {"fast": 5, "slow": 20}, **SETTINGS)
    assert expected.open_trade is None and expected.metrics["num_trades"] > 3
    for key in ("final_equity", "total_return", "num_trades", "margin_calls"):
        assert bt["metrics"][key] == pytest.approx(expected.metrics[key], rel=1e-12), key


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"trailing_stop_pct": 0}, "body.config.trailing_stop_pct"),
        ({"trailing_stop_pct": -0.05}, "body.config.trailing_stop_pct"),
        ({"trailing_stop_atr": 0}, "body.config.trailing_stop_atr"),
        ({"margin": 0}, "body.config.margin"),
        ({"margin": 1.5}, "body.config.margin"),
        ({"spread": -0.001}, "body.config.spread"),
        ({"stop_loss_price": 0}, "body.config.stop_loss_price"),
        ({"margin": 0.1, "maintenance_margin": 0.2}, "body.config"),
        ({"pyramiding": 0}, "body.config.pyramiding"),
        ({"pyramiding": 2, "entry_order": "limit"}, "body.config"),
    ],
)
async def test_impossible_order_settings_answer_422(client, user_token, config, field):
    resp = await client.post(
        "/backtests", json={**SMA, "symbols": ["AAA"], "config": config}, headers=bearer(user_token)
    )
    assert resp.status_code == 422, resp.text
    assert field in [e["field"] for e in resp.json()["errors"]], resp.json()


async def test_every_open_trade_of_a_pyramided_backtest_is_stored(client, user_token):
    config = {**SMA["config"], "pyramiding": 2, "allow_short": True, "hedging": True}
    body = {**SMA, "symbols": ["AAA"], "parameters": {"fast": 3, "slow": 10}, "config": config}
    bt = await api_backtest(client, user_token, body)
    expected = direct("AAA", {"fast": 3, "slow": 10}, pyramiding=2, allow_short=True, hedging=True)
    assert len(expected.open_trades) == 3  # long and short trades held at once at the end
    trades = (await client.get(f"/backtests/{bt['id']}/trades", headers=bearer(user_token))).json()["items"]
    open_ = [t for t in trades if t.get("exit_time") is None]
    assert sorted((t["side"], t["entry_price"]) for t in open_) == sorted(
        (t.side.value, t.entry_price) for t in expected.open_trades
    )


SPEC = {
    "indicators": [
        {"id": "fast", "kind": "sma", "period": 5},
        {"id": "slow", "kind": "sma", "period": 20},
        {"id": "floor", "kind": "lowest", "source": "low", "period": 10},
    ],
    "entry_long": {"type": "cross", "left": "fast", "right": "slow", "direction": "above"},
    "exit_long": {"type": "cross", "left": "fast", "right": "slow", "direction": "below"},
    "orders": {"long": {"stop_loss_at": "floor"}, "trailing_stop_pct": 0.04, "size": 0.5},
}


async def test_a_specs_order_rules_reach_the_engine_and_conflicts_answer_422(client, user_token):
    body = {"spec": SPEC, "symbols": ["AAA"], "config": {"commission": 0.001}}
    bt = await api_backtest(client, user_token, body)
    assert bt["status"] == "completed", bt
    strategy = build_strategy("rule_based", {}, SPEC)
    expected = run_backtest(OHLCV.from_columnar(SYMBOLS["AAA"]), strategy, EngineConfig(commission=0.001))
    assert expected.metrics["num_trades"] > 2
    for key in ("final_equity", "num_trades"):
        assert bt["metrics"][key] == pytest.approx(expected.metrics[key], rel=1e-12), key
    body["spec"] = {**SPEC, "orders": {"pyramiding": 2}}
    body["config"] = {"entry_order": "limit"}
    resp = await client.post("/backtests", json=body, headers=bearer(user_token))
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.spec.orders", resp.text
