"""The user domain through the all-in-one gateway with the real domains and the seeded demo data:
register, log in, a watchlist of demo symbols (an unknown one is refused), the dashboard, and the
dashboard with market data unreachable."""

import pytest

from quant_gateway.app import create_app
from quant_shared.embedded import free_port
from quant_shared.testing import bearer, running_app

SYMBOLS = ["AAPL", "MSFT", "BTC-USD"]
PASSWORD = "end-to-end password"


async def _login(client) -> dict:
    reg = await client.post(
        "/auth/register", json={"email": "e2e@example.com", "password": PASSWORD, "display_name": "E2E"}
    )
    assert reg.status_code in (201, 409), reg.text
    resp = await client.post("/auth/token", data={"username": "e2e@example.com", "password": PASSWORD})
    assert resp.status_code == 200, resp.text
    return bearer(resp.json()["access_token"])


def sections(body: dict) -> dict:
    return {s["name"]: s for s in body["sections"]}


async def test_register_watchlist_and_dashboard(settings, monkeypatch):
    monkeypatch.setenv("QUANT_USER_DASHBOARD_SECTION_TIMEOUT_SECONDS", "60")  # a loaded CI machine is slow
    own = settings.model_copy(update={"jwt_public_key": None})  # the user domain's own key verifies
    async with running_app(create_app(own)) as client:
        user = await _login(client)
        me = (await client.get("/auth/me", headers=user)).json()
        assert me["email"] == "e2e@example.com" and me["roles"] == ["user"]
        bad = await client.post(
            "/watchlists",
            json={"name": "demo", "items": [{"symbol": "AAPL"}, {"symbol": "ZZZZ"}]},
            headers=user,
        )
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.items.1.symbol"
        items = [{"symbol": s} for s in SYMBOLS]
        created = await client.post("/watchlists", json={"name": "demo", "items": items}, headers=user)
        assert created.status_code == 201, created.text

        body = (await client.get("/dashboard", headers=user)).json()
        s = sections(body)
        assert s["watchlist_quotes"]["status"] == "ok", s["watchlist_quotes"]
        quotes = s["watchlist_quotes"]["data"][0]["quotes"]
        assert [q["symbol"] for q in quotes] == SYMBOLS
        for q in quotes:
            assert q["last"] > 0 and q["change"] == pytest.approx(q["last"] - q["previous_close"])
        direct = (await client.get("/market-data/quotes", params={"symbols": "AAPL"}, headers=user)).json()[0]
        assert quotes[0]["last"] == direct["last"]
        for name in (
            "recent_backtests",
            "best_strategies",
            "latest_signals",
            "deployed_models",
            "data_quality",
            "paper_runs",
        ):
            assert s[name]["status"] == "ok", s[name]
        assert s["recent_backtests"]["data"] == [] and s["best_strategies"]["data"] == []
        assert s["paper_runs"]["data"] == []  # the real trading domain: no running paper run yet


async def test_dashboard_with_market_data_unreachable(settings, monkeypatch):
    monkeypatch.setenv("QUANT_MARKET_DATA_SEED_DEMO", "false")
    down = {"market_data": f"http://127.0.0.1:{free_port()}"}  # nothing listens there
    own = settings.model_copy(update={"jwt_public_key": None, "service_urls": down})
    async with running_app(create_app(own)) as client:
        user = await _login(client)
        resp = await client.get("/dashboard", headers=user)
        assert resp.status_code == 200
        s = sections(resp.json())
        # data-quality notices are the user domain's own (kept from DataQualityIssueDetected events),
        # so they stay readable while market data is down
        assert s["data_quality"] == {"name": "data_quality", "status": "ok", "data": [], "error": None}
        assert s["watchlist_quotes"] == {
            "name": "watchlist_quotes",
            "status": "ok",
            "data": [],
            "error": None,
        }
        for name in ("recent_backtests", "best_strategies", "deployed_models"):
            assert s[name]["status"] == "ok", s[name]
        refused = await client.post(
            "/watchlists", json={"name": "w", "items": [{"symbol": "AAPL"}]}, headers=user
        )
        assert refused.status_code == 503
