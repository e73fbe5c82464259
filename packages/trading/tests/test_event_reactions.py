"""Trading's reactions: ``BacktestCompleted`` -> strategy performance (idempotent, via the outbox);
``UserDeleted`` -> every trading document of that user removed."""

import pytest

from quant_shared.events import BacktestCompleted, UserDeleted, make_event
from quant_shared.testing import bearer
from quant_trading.models import DOCUMENTS, Backtest, StrategyExecution

from .helpers import run_backtest

EMA = {"name": "ema", "strategy_type": "ema_crossover", "parameters": {"fast": 4, "slow": 12}}


async def test_performance_comes_from_the_event_and_a_redelivery_changes_nothing(client, user_token):
    headers, bus = bearer(user_token), client.app.state.event_bus
    seen = []

    async def spy(event):
        seen.append(event)

    bus.subscribe("BacktestCompleted", "test.spy", spy)
    sid = (await client.post("/strategies", json=EMA, headers=headers)).json()["id"]
    bt = await run_backtest(client, user_token, {"strategy_id": sid, "symbols": ["AAA"]})
    await bus.drain()
    [event] = seen
    stored = await Backtest.get(bt["id"])
    assert stored.pending_events == []  # published and pulled out of the backtest by the relay
    perf = (await client.get(f"/strategies/{sid}/performance", headers=headers)).json()
    assert perf["backtests"] == 1 and perf["last_backtest_id"] == bt["id"]
    assert perf["last_metrics"]["sharpe_ratio"] == pytest.approx(bt["metrics"]["sharpe_ratio"])
    for _ in range(2):  # at-least-once delivery: the same event again
        await bus.publish(event)
    await bus.drain()
    again = (await client.get(f"/strategies/{sid}/performance", headers=headers)).json()
    assert again == perf
    assert await StrategyExecution.find({"strategy_id": sid}).count() == 1


async def test_the_handler_alone_updates_the_performance(client, token_factory):
    """No backtest run: an event published by hand is what moves the summary."""
    headers, bus = bearer(token_factory.user("carol")), client.app.state.event_bus
    strategy = (await client.post("/strategies", json=EMA, headers=headers)).json()
    runs = {
        "b1": {"total_return": 0.1, "sharpe_ratio": 0.5},
        "b2": {"total_return": 0.3, "sharpe_ratio": 1.5},
    }
    for bid, metrics in runs.items():
        payload = BacktestCompleted(
            backtest_id=bid, owner_id="carol", strategy_id=strategy["id"], metrics=metrics
        )
        await bus.publish(make_event(payload, producer="trading"))
        await bus.drain()
    perf = (await client.get(f"/strategies/{strategy['id']}/performance", headers=headers)).json()
    assert perf["backtests"] == 2 and perf["last_backtest_id"] == "b2" and perf["best_backtest_id"] == "b2"
    assert perf["mean_total_return"] == pytest.approx(0.2) and perf["last_metrics"] == runs["b2"]


async def test_user_deleted_removes_their_trading_data(client, token_factory):
    alice, bob = token_factory.user("alice"), token_factory.user("bob")
    for token in (alice, bob):
        sid = (await client.post("/strategies", json=EMA, headers=bearer(token))).json()["id"]
        await run_backtest(client, token, {"strategy_id": sid, "symbols": ["AAA"]})
    bus = client.app.state.event_bus
    await bus.drain()
    owned = [m for m in DOCUMENTS if "owner_id" in m.model_fields]
    assert all([await m.find({"owner_id": "alice"}).count() for m in (Backtest, StrategyExecution)])
    event = make_event(UserDeleted(user_id="alice"), producer="user")
    await bus.publish(event)
    await bus.publish(event)  # a redelivery is harmless
    await bus.drain()
    assert [await m.find({"owner_id": "alice"}).count() for m in owned] == [0] * len(owned)
    assert (await client.get("/strategies", headers=bearer(alice))).status_code == 401  # tokens revoked
    assert (await client.get("/strategies", headers=bearer(bob))).json()["total"] == 1
    assert (await client.get("/backtests", headers=bearer(bob))).json()["total"] == 1
