"""Paper-run routes: access (401, another user's run 404, admin routes 403), input checked in full
(422 naming the field, nothing stored), stop, risk stops with their reason, the kill switch."""

from quant_shared.testing import bearer
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper import paper_run_service
from quant_trading.services.paper.paper_events import on_market_data_ingested

from .contract_app import SYMBOLS
from .paper_helpers import event_of, live_bars, start_run

SMA = {"strategy_type": "sma_crossover", "parameters": {"fast": 3, "slow": 6}, "symbols": ["AAA"]}


async def test_access_and_validation(client, user_token, token_factory, admin_token):
    other = token_factory.user()
    assert (await client.post("/paper-runs", json=SMA)).status_code == 401
    assert (await client.get("/paper-runs")).status_code == 401
    bad = {
        "body.symbols": {**SMA, "symbols": ["NOPE"]},
        "a fraction of equity must be <= 1": {**SMA, "config": {"size": 2}},
        "body.strategy_type": {**SMA, "strategy_type": "ml_signal", "parameters": {}, "ml_model": "m"},
        "body.backtest_id": {"backtest_id": "0" * 24, "symbols": ["AAA"]},
        "body.risk.max_daily_loss": {**SMA, "risk": {"max_daily_loss": -1}},
        "body.parameters.fast": {**SMA, "parameters": {"fast": 0, "slow": 6}},
        "body.config.hedging": {**SMA, "config": {"hedging": True}},
    }
    for field, body in bad.items():
        resp = await client.post("/paper-runs", json=body, headers=bearer(user_token))
        assert resp.status_code == 422 and field in resp.text, (field, resp.text)
    assert await PaperRun.find({}).count() == 0
    run = await start_run(client, user_token, SMA)
    for path in ("", "/fills", "/equity"):
        assert (await client.get(f"/paper-runs/{run['id']}{path}", headers=bearer(other))).status_code == 404
    assert (await client.post(f"/paper-runs/{run['id']}/stop", headers=bearer(other))).status_code == 404
    assert (await client.get("/paper-runs/nope", headers=bearer(user_token))).status_code == 404
    assert (await client.get("/paper-runs", headers=bearer(other))).json()["total"] == 0
    assert (await client.get("/admin/paper-runs", headers=bearer(user_token))).status_code == 403
    assert (await client.post("/admin/paper-runs/stop-all", headers=bearer(user_token))).status_code == 403
    stopped = await client.post(f"/paper-runs/{run['id']}/stop", headers=bearer(user_token))
    assert stopped.json()["status"] == "stopped" and stopped.json()["stop_cause"] == "user"
    await on_market_data_ingested(event_of("AAA", live_bars(SYMBOLS["AAA"], 5), 0, 5))
    after = (await client.get(f"/paper-runs/{run['id']}", headers=bearer(user_token))).json()
    assert after["books"][0]["bars"] == 0  # a stopped run processes no bar
    listed = (await client.get("/admin/paper-runs", headers=bearer(admin_token))).json()
    assert run["id"] in [r["id"] for r in listed["items"]]


async def test_risk_limits_stop_the_run_and_the_kill_switch_stops_all(client, user_token, admin_token):
    bars = live_bars(SYMBOLS["AAA"], 30)
    capped = await start_run(client, user_token, {**SMA, "risk": {"max_position_value": 500}})
    loose = await start_run(client, user_token, {**SMA, "risk": {"max_daily_loss": 1e9}})
    for i in range(30):
        await on_market_data_ingested(event_of("AAA", bars, i, i + 1))
    got = (await client.get(f"/paper-runs/{capped['id']}", headers=bearer(user_token))).json()
    assert got["status"] == "stopped" and got["stop_cause"] == "max_position"
    assert "exceeds the limit 500.00" in got["stop_reason"] and got["books"][0]["bars"] < 30
    running = (await client.get(f"/paper-runs/{loose['id']}", headers=bearer(user_token))).json()
    assert running["status"] == "running" and running["books"][0]["bars"] == 30
    killed = await client.post("/admin/paper-runs/stop-all", headers=bearer(admin_token))
    assert killed.status_code == 200 and killed.json()["stopped"] == 1
    running = (await client.get(f"/paper-runs/{loose['id']}", headers=bearer(user_token))).json()
    assert running["status"] == "stopped" and running["stop_cause"] == "admin_kill_switch"


async def test_a_daily_loss_beyond_the_limit_stops_the_run(client, user_token):
    bars = live_bars(SYMBOLS["AAA"], 30)
    run = await start_run(client, user_token, {**SMA, "risk": {"max_daily_loss": 0.01}})
    for i in range(30):
        await on_market_data_ingested(event_of("AAA", bars, i, i + 1))
    got = (await client.get(f"/paper-runs/{run['id']}", headers=bearer(user_token))).json()
    assert got["status"] == "stopped" and got["stop_cause"] == "max_daily_loss", got
    assert got["stop_reason"].startswith("loss of ") and got["books"][0]["bars"] < 30


async def test_a_bar_appended_while_the_run_is_stored_is_run(client, user_token, monkeypatch):
    monkeypatch.setitem(SYMBOLS, "ZZZ", live_bars(SYMBOLS["AAA"], 3))
    original = paper_run_service.register

    async def a_bar_arrives_first(run, books):  # appended after the history was read
        monkeypatch.setitem(SYMBOLS, "ZZZ", live_bars(SYMBOLS["AAA"], 4))
        await original(run, books)

    monkeypatch.setattr(paper_run_service, "register", a_bar_arrives_first)
    run = await start_run(client, user_token, {**SMA, "symbols": ["ZZZ"]})
    assert run["books"][0]["bars"] == 4
