"""A user's journey through the proxy gateway, every domain in its own process; then market data down."""

import math
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from quant_shared.testing import bearer

from .cluster_fixtures import PROXY_POLICIES

EMAIL, PASSWORD = "ann@example.com", "S3cure-pass-4-ann!"


def daily_bars(count: int = 300) -> list[dict]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(count):
        close = 100 + 0.05 * i + 8 * math.sin(i / 9)
        rows.append(
            {
                "timestamp": (start + timedelta(days=i)).isoformat(),
                "open": round(close - 0.4, 4),
                "high": round(close + 1.0, 4),
                "low": round(close - 1.0, 4),
                "close": round(close, 4),
                "volume": 1000 + i,
            }
        )
    return rows


@pytest.fixture(scope="module")
def cluster(services_cluster):
    return services_cluster


def _wait_task(gw: httpx.Client, status_url: str, headers: dict, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        task = gw.get(status_url, headers=headers).json()
        if task["status"] in ("completed", "failed", "cancelled"):
            return task
        time.sleep(0.5)
    raise AssertionError(f"task not finished in {timeout}s: {task}")


def test_register_login_seed_backtest_narrative_dashboard_then_market_data_down(cluster, token_factory):
    gw = httpx.Client(base_url=cluster.gateway_url, timeout=60)
    registered = gw.post("/auth/register", json={"email": EMAIL, "password": PASSWORD, "display_name": "Ann"})
    assert registered.status_code == 201, registered.text
    login = gw.post("/auth/token", data={"username": EMAIL, "password": PASSWORD})
    assert login.status_code == 200, login.text
    user = bearer(login.json()["access_token"])
    assert gw.get("/auth/me", headers=user).json()["email"] == EMAIL

    admin = bearer(token_factory.admin())
    created = gw.post(
        "/admin/market-data/instruments",
        headers=admin,
        json={"symbol": "ACME", "name": "Acme", "asset_class": "stock"},
    )
    assert created.status_code == 201, created.text
    bars = daily_bars()
    seeded = gw.post("/admin/market-data/bars/ACME", headers=admin, json={"interval": "1d", "bars": bars})
    assert seeded.status_code == 200, seeded.text
    window = {"start": bars[0]["timestamp"], "end": bars[-1]["timestamp"]}
    stored = gw.get(
        "/market-data/bars/ACME/columnar", headers=user, params={"interval": "1d", **window}
    ).json()
    assert stored["count"] == len(bars)

    accepted = gw.post(
        "/backtests",
        headers=user,
        json={
            "name": "acme sma",
            "symbols": ["ACME"],
            "strategy_type": "sma_crossover",
            "interval": "1d",
            **window,
        },
    )
    assert accepted.status_code == 202, accepted.text
    task = _wait_task(gw, accepted.json()["status_url"], user)
    assert task["status"] == "completed", task
    backtest_id = accepted.json()["resource_id"]
    backtest = gw.get(f"/backtests/{backtest_id}", headers=user).json()
    assert backtest["status"] == "completed"

    narrative = gw.post("/narratives", headers=user, json={"backtest_id": backtest_id})
    assert narrative.status_code == 201, narrative.text
    assert narrative.json()["backtest_id"] == backtest_id

    watchlist = gw.post("/watchlists", headers=user, json={"name": "main", "items": [{"symbol": "ACME"}]})
    assert watchlist.status_code == 201, watchlist.text

    board = gw.get("/dashboard", headers=user).json()
    sections = {s["name"]: s for s in board["sections"]}
    assert sections["recent_backtests"]["status"] == "ok"
    assert backtest_id in str(sections["recent_backtests"]["data"])
    quotes = sections["watchlist_quotes"]
    assert quotes["status"] == "ok" and "ACME" in str(quotes["data"]), quotes
    assert sections["data_quality"]["status"] == "ok"

    cluster.services.services["market_data"].stop(kill=True)
    try:
        started = time.monotonic()
        down = gw.get("/market-data/instruments", headers=user)
        assert time.monotonic() - started < PROXY_POLICIES["connect_timeout"] + 0.5
        assert down.status_code == 503 and down.json()["upstream"] == "market_data"
        board = gw.get("/dashboard", headers=user).json()
        sections = {s["name"]: s for s in board["sections"]}
        quotes = sections["watchlist_quotes"]
        assert quotes["status"] == "unavailable" and quotes["error"], quotes
        assert sections["data_quality"]["status"] == "ok"  # the user domain's own notices
        assert sections["recent_backtests"]["status"] == "ok"
        assert gw.get(f"/backtests/{backtest_id}", headers=user).status_code == 200
    finally:
        cluster.services.start("market_data")
        cluster.services.services["market_data"].wait_healthy(240)
    time.sleep(PROXY_POLICIES["breaker_reset_seconds"])
    healed = gw.get("/market-data/instruments", headers=user)
    assert healed.status_code == 200 and [i["symbol"] for i in healed.json()["items"]] == ["ACME"]
