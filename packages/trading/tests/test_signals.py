"""Signals of a stored strategy, checked against the engine's own signal computation."""

from datetime import UTC, datetime

import numpy as np
import pytest

from quant_shared.testing import bearer
from quant_trading.engine import OHLCV, build_strategy

from .contract_app import SYMBOLS, window

RSI = {"name": "rsi", "strategy_type": "rsi_mean_reversion", "parameters": {"period": 7}}


def expected(bars):
    strategy = build_strategy("rsi_mean_reversion", {"period": 7})
    return strategy.signals(OHLCV.from_columnar(bars))


async def test_current_signal_is_the_last_bar(client, user_token):
    headers = bearer(user_token)
    sid = (await client.post("/strategies", json=RSI, headers=headers)).json()["id"]
    resp = await client.get(f"/signals/{sid}?symbol=bbb&interval=1d", headers=headers)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    signal, strength = expected(SYMBOLS["BBB"])
    assert body["signal"] == {1: "buy", -1: "sell", 0: "hold"}[int(signal[-1])]
    assert body["strength"] == pytest.approx(strength[-1])
    assert body["price"] == SYMBOLS["BBB"]["close"][-1] and body["symbol"] == "BBB"
    last = datetime.fromtimestamp(SYMBOLS["BBB"]["timestamp"][-1] / 1000, UTC)
    assert datetime.fromisoformat(body["bar_time"]) == last


async def test_history_lists_the_position_changes_in_the_range(client, user_token):
    headers = bearer(user_token)
    sid = (await client.post("/strategies", json=RSI, headers=headers)).json()["id"]
    start, end = "2023-02-01T00:00:00Z", "2023-12-31T00:00:00Z"
    resp = await client.get(f"/signals/{sid}/history?symbol=AAA&start={start}&end={end}", headers=headers)
    assert resp.status_code == 200, resp.text
    bars = window(SYMBOLS["AAA"], start, end)
    signal, _ = expected(bars)
    idx = np.flatnonzero(signal)
    items = resp.json()["items"]
    assert len(items) == len(idx) > 2
    assert [i["price"] for i in items] == [bars["close"][k] for k in idx]
    assert {i["signal"] for i in items} <= {"buy", "sell"}


async def test_signal_errors(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    sid = (await client.post("/strategies", json=RSI, headers=alice)).json()["id"]
    assert (await client.get(f"/signals/{sid}?symbol=AAA", headers=bob)).status_code == 404
    unknown = await client.get(f"/signals/{sid}?symbol=ZZZ", headers=alice)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "query.symbol"
    missing = await client.get(f"/signals/{sid}", headers=alice)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "query.symbol"
    reverse = await client.get(
        f"/signals/{sid}/history?symbol=AAA&start=2023-05-01&end=2023-01-01", headers=alice
    )
    assert reverse.status_code == 422 and reverse.json()["errors"][0]["field"] == "query.end"
    assert (await client.get(f"/signals/{sid}?symbol=AAA")).status_code == 401
