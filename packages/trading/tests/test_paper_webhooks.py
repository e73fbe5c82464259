"""Webhooks against a local receiver: every fill and the run's stop delivered, signed with the secret
shown once; a receiver down for a while gets its deliveries later, nothing lost; access rules."""

import asyncio
import hashlib
import hmac

import pytest
from fastapi import FastAPI, Request, Response

from quant_shared.testing import bearer, running_app, serve_app
from quant_trading.app import create_app
from quant_trading.services.paper.paper_events import on_market_data_ingested

from .contract_app import SYMBOLS
from .paper_helpers import all_items, event_of, live_bars, start_run

DOWN_FOR = 3  # the receiver answers 503 to its first requests


@pytest.fixture
async def client(trading_app_settings, monkeypatch):
    monkeypatch.setenv("QUANT_TRADING_WEBHOOK_TICK_SECONDS", "0.05")
    monkeypatch.setenv("QUANT_TRADING_WEBHOOK_BACKOFF_SECONDS", "0.1")
    app = create_app(trading_app_settings)
    async with running_app(app) as c:
        yield c


def receiver() -> FastAPI:
    app = FastAPI()
    app.state.got = []

    @app.post("/hook")
    async def hook(request: Request):
        app.state.got.append((dict(request.headers), await request.body()))
        return Response(status_code=503 if len(app.state.got) <= DOWN_FOR else 204)

    return app


async def test_deliveries_are_signed_retried_and_complete(client, user_token, token_factory):
    me, other = bearer(user_token), bearer(token_factory.user())
    assert (await client.post("/webhooks", json={"url": "http://x/", "events": ["fill"]})).status_code == 401
    bad = await client.post("/webhooks", json={"url": "ftp://x", "events": ["fill"]}, headers=me)
    assert bad.status_code == 422 and "body.url" in bad.text
    bad = await client.post("/webhooks", json={"url": "http://x/", "events": ["nope"]}, headers=me)
    assert bad.status_code == 422 and "body.events" in bad.text
    app = receiver()
    with serve_app(app) as url:
        made = await client.post(
            "/webhooks", json={"url": f"{url}/hook", "events": ["fill", "run_stopped"]}, headers=me
        )
        assert made.status_code == 201, made.text
        hook, secret = made.json(), made.json()["secret"]
        assert "secret" not in (await client.get(f"/webhooks/{hook['id']}", headers=me)).json()
        assert "secret" not in (await client.get("/webhooks", headers=me)).json()["items"][0]
        assert (await client.get(f"/webhooks/{hook['id']}/deliveries", headers=other)).status_code == 404
        run = await start_run(
            client,
            user_token,
            {"strategy_type": "sma_crossover", "parameters": {"fast": 3, "slow": 6}, "symbols": ["AAA"]},
        )
        bars = live_bars(SYMBOLS["AAA"], 30)
        for i in range(30):
            await on_market_data_ingested(event_of("AAA", bars, i, i + 1))
        stopped = await client.post(f"/paper-runs/{run['id']}/stop", headers=me)
        assert stopped.status_code == 200, stopped.text
        fills = await all_items(client, user_token, f"/paper-runs/{run['id']}/fills")
        path = f"/webhooks/{hook['id']}/deliveries"
        for _ in range(200):
            deliveries = await all_items(client, user_token, path)
            if deliveries and all(d["status"] == "delivered" for d in deliveries):
                break
            await asyncio.sleep(0.05)
    assert len(fills) >= 2 and len(deliveries) == len(fills) + 1
    assert all(d["status"] == "delivered" for d in deliveries), deliveries
    assert sum(d["attempts"] - 1 for d in deliveries) >= DOWN_FOR  # the refused ones came again
    delivered = {h["x-quant-delivery"]: (h, body) for h, body in app.state.got[DOWN_FOR:]}
    assert set(delivered) == {d["id"] for d in deliveries}
    for headers, body in delivered.values():
        expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["x-quant-signature"], expected)
    events = [d["body"]["event"] for d in deliveries]
    assert events.count("fill") == len(fills) and events.count("run_stopped") == 1
