"""Backtests are private; admins see and delete everyone's; cancel and delete clean up."""

from quant_shared.enums import BacktestStatus
from quant_shared.testing import bearer
from quant_trading.models import Backtest

from .helpers import run_backtest

SMA = {"strategy_type": "sma_crossover", "parameters": {"fast": 5, "slow": 20}, "symbols": ["AAA"]}


async def test_other_users_get_404(client, token_factory):
    alice, bob = token_factory.user("alice"), token_factory.user("bob")
    bt = await run_backtest(client, alice, SMA)
    for method, path in [
        ("GET", f"/backtests/{bt['id']}"),
        ("GET", f"/backtests/{bt['id']}/trades"),
        ("GET", f"/backtests/{bt['id']}/equity"),
        ("POST", f"/backtests/{bt['id']}/cancel"),
        ("DELETE", f"/backtests/{bt['id']}"),
    ]:
        resp = await client.request(method, path, headers=bearer(bob))
        assert resp.status_code == 404, (method, path, resp.status_code)
    assert (await client.get("/backtests", headers=bearer(bob))).json()["total"] == 0
    assert (await client.get(f"/backtests/{bt['id']}", headers=bearer(alice))).json()["status"] == "completed"
    assert (await client.get("/backtests")).status_code == 401


async def test_list_filters(client, token_factory):
    alice = token_factory.user("alice")
    sid = (
        await client.post(
            "/strategies",
            json={"name": "s", "strategy_type": "momentum", "parameters": {"lookback": 10}},
            headers=bearer(alice),
        )
    ).json()["id"]
    by_strategy = await run_backtest(client, alice, {"strategy_id": sid, "symbols": ["BBB"]})
    await run_backtest(client, alice, SMA)
    assert by_strategy["strategy_type"] == "momentum" and by_strategy["strategy_id"] == sid
    listed = (await client.get(f"/backtests?strategy_id={sid}", headers=bearer(alice))).json()
    assert [b["id"] for b in listed["items"]] == [by_strategy["id"]]
    detail = (await client.get(f"/backtests/{by_strategy['id']}", headers=bearer(alice))).json()
    row = listed["items"][0]  # read with a projection: the same values as the detail
    assert row["metrics"] and row == {key: detail[key] for key in row}
    aaa = (await client.get("/backtests?symbol=aaa", headers=bearer(alice))).json()
    assert aaa["total"] == 1 and aaa["items"][0]["symbols"] == ["AAA"]
    done = (await client.get("/backtests?status=completed&limit=1", headers=bearer(alice))).json()
    assert done["total"] == 2 and len(done["items"]) == 1


async def test_admin_routes(client, token_factory):
    alice, admin = token_factory.user("alice"), token_factory.admin("root")
    bt = await run_backtest(client, alice, SMA)
    assert (await client.get("/admin/backtests/all")).status_code == 401
    assert (await client.get("/admin/backtests/all", headers=bearer(alice))).status_code == 403
    assert (await client.delete(f"/admin/backtests/{bt['id']}", headers=bearer(alice))).status_code == 403
    everyone = (await client.get("/admin/backtests/all?owner_id=alice", headers=bearer(admin))).json()
    assert [b["id"] for b in everyone["items"]] == [bt["id"]] and everyone["items"][0]["owner_id"] == "alice"
    none = (await client.get("/admin/backtests/all?owner_id=bob", headers=bearer(admin))).json()
    assert none["total"] == 0
    assert (await client.delete(f"/admin/backtests/{bt['id']}", headers=bearer(admin))).status_code == 204
    assert (await client.get(f"/backtests/{bt['id']}", headers=bearer(alice))).status_code == 404
    assert (await client.delete(f"/admin/backtests/{bt['id']}", headers=bearer(admin))).status_code == 404


async def test_cancel_and_delete(client, user_token, token_factory):
    bt = await run_backtest(client, user_token, SMA)
    again = await client.post(f"/backtests/{bt['id']}/cancel", headers=bearer(user_token))
    assert again.status_code == 409
    owner = token_factory.user("carol")
    running = Backtest(
        owner_id="carol", name="r", strategy_type="buy_and_hold", symbols=["AAA"], interval="1d"
    )
    running.status = BacktestStatus.RUNNING
    await running.insert()
    resp = await client.post(f"/backtests/{running.id}/cancel", headers=bearer(owner))
    assert resp.status_code == 202 and resp.json()["status"] == "cancelled"
    assert resp.json()["error"] == "cancelled by request"
    assert (await client.delete(f"/backtests/{bt['id']}", headers=bearer(user_token))).status_code == 204
    assert (await client.get(f"/backtests/{bt['id']}/equity", headers=bearer(user_token))).status_code == 404


async def test_symbol_limit_comes_from_the_trading_settings(client, user_token):
    from quant_trading.settings import TradingSettings

    client.app.state.trading_settings = TradingSettings(max_symbols=1)
    resp = await client.post(
        "/backtests", json={**SMA, "symbols": ["AAA", "BBB"]}, headers=bearer(user_token)
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.symbols"
    assert "at most 1" in resp.json()["errors"][0]["message"]


async def test_runs_left_open_by_a_stopped_process_are_failed(client):
    from quant_shared.tasks import Task
    from quant_trading.api import DOMAIN
    from quant_trading.services.recovery import fail_interrupted_runs

    task = Task(kind="backtest", domain="trading", owner_id="dave", status="failed", error="worker died")
    await task.insert()
    orphan = Backtest(owner_id="dave", name="o", strategy_type="buy_and_hold", symbols=["AAA"], interval="1d")
    orphan.status, orphan.task_id = BacktestStatus.RUNNING, str(task.id)
    await orphan.insert()
    fresh = Backtest(owner_id="dave", name="f", strategy_type="buy_and_hold", symbols=["AAA"], interval="1d")
    await fresh.insert()
    assert await fail_interrupted_runs() == 1
    stored = await Backtest.get(orphan.id)
    assert stored.status == BacktestStatus.FAILED and stored.error == "worker died"
    assert (await Backtest.get(fresh.id)).status == BacktestStatus.PENDING
    assert any(hook.__name__ == "_fail_interrupted_runs" for hook in DOMAIN.on_startup)
