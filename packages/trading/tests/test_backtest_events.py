"""Completion publishes BacktestCompleted and folds the run into the strategy's performance."""

import pytest

from quant_shared.testing import bearer

from .helpers import run_backtest


async def test_event_and_strategy_performance(client, user_token):
    seen = []

    async def handler(event):
        seen.append(event)

    client.app.state.event_bus.subscribe("BacktestCompleted", "test", handler)
    headers = bearer(user_token)
    body = {"name": "ema", "strategy_type": "ema_crossover", "parameters": {"fast": 4, "slow": 12}}
    sid = (await client.post("/strategies", json=body, headers=headers)).json()["id"]
    empty = (await client.get(f"/strategies/{sid}/performance", headers=headers)).json()
    assert empty["backtests"] == 0
    first = await run_backtest(
        client, user_token, {"strategy_id": sid, "symbols": ["AAA"], "generate_narrative": True}
    )
    second = await run_backtest(client, user_token, {"strategy_id": sid, "symbols": ["CCC"]})
    await client.app.state.event_bus.drain()
    assert [e.payload["backtest_id"] for e in seen] == [first["id"], second["id"]]
    event = seen[0]
    assert event.producer == "trading" and event.payload["strategy_id"] == sid
    assert event.payload["generate_narrative"] is True and event.payload["owner_id"] == first["owner_id"]
    assert event.payload["metrics"]["total_return"] == pytest.approx(first["metrics"]["total_return"])
    perf = (await client.get(f"/strategies/{sid}/performance", headers=headers)).json()
    returns = [first["metrics"]["total_return"], second["metrics"]["total_return"]]
    assert perf["backtests"] == 2 and perf["last_backtest_id"] == second["id"]
    assert perf["mean_total_return"] == pytest.approx(sum(returns) / 2)
    best = max((first, second), key=lambda b: b["metrics"]["sharpe_ratio"])
    assert perf["best_backtest_id"] == best["id"]
    assert perf["best_sharpe"] == pytest.approx(best["metrics"]["sharpe_ratio"])
    await client.get(f"/signals/{sid}?symbol=AAA", headers=headers)
    runs = (await client.get(f"/strategies/{sid}/executions", headers=headers)).json()
    assert [r["kind"] for r in runs["items"]] == ["signal", "backtest", "backtest"]
    assert runs["items"][1]["reference_id"] == second["id"] and runs["items"][2]["symbols"] == ["AAA"]
    assert runs["items"][2]["outcome"]["total_return"] == pytest.approx(first["metrics"]["total_return"])


async def test_ml_signal_backtest_uses_model_predictions(client, user_token):
    payload = {"strategy_type": "ml_signal", "ml_model": "momentum-clf", "symbols": ["AAA"]}
    bt = await run_backtest(client, user_token, payload)
    assert bt["status"] == "completed" and bt["ml_model"] == "momentum-clf"
    # predictions cycle buy (20 bars) / hold (20) / sell (20): long-only -> one trade per 60 bars
    assert bt["metrics"]["num_trades"] == 400 // 60
    bad = await client.post("/backtests", json={**payload, "ml_model": "nope"}, headers=bearer(user_token))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.ml_model"
