"""Regimes: a Gaussian mixture recovers synthetic bull / bear / sideways / high-volatility segments."""

from collections import Counter
from datetime import timedelta

from .market_data_contract import REGIME_SEGMENTS, SEGMENT_BARS, START


async def test_history_recovers_the_segments(client, auth):
    body = (await client.get("/ml/regimes/REG/history?interval=1d", headers=auth)).json()
    assert {s["regime"] for s in body["states"]} == {"bull", "bear", "sideways", "high_volatility"}
    by_day = {item["timestamp"][:10]: item["regime"] for item in body["items"]}
    for k, (label, _, _) in enumerate(REGIME_SEGMENTS):
        # skip the first 15 bars of a segment: the 10-bar window still straddles the previous one
        days = [
            (START + timedelta(days=k * SEGMENT_BARS + i)).date().isoformat() for i in range(15, SEGMENT_BARS)
        ]
        counts = Counter(by_day[d] for d in days if d in by_day)
        assert counts[label] / sum(counts.values()) >= 0.8, (label, counts)
    assert all(0.25 <= item["probability"] <= 1.0 for item in body["items"])


async def test_current_regime_contract(client, auth):
    body = (await client.get("/ml/regimes/REG/current?interval=1d", headers=auth)).json()
    assert set(body) == {"symbol", "regime", "probability", "as_of"}
    assert body["symbol"] == "REG" and body["regime"] == "bear" and body["probability"] > 0.5
    last = START + timedelta(days=len(REGIME_SEGMENTS) * SEGMENT_BARS - 1)
    assert body["as_of"].startswith(last.date().isoformat())


async def test_window_and_bad_input(client, auth):
    window = "start=2023-05-01T00:00:00Z&end=2023-07-31T00:00:00Z"
    body = (await client.get(f"/ml/regimes/REG/history?{window}", headers=auth)).json()
    assert body["items"][0]["timestamp"].startswith("2023-05-01") and body["items"][-1][
        "timestamp"
    ].startswith("2023-07-31")
    unknown = await client.get("/ml/regimes/NOPE/current", headers=auth)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "path.symbol"
    short = await client.get(
        "/ml/regimes/REG/history?start=2023-01-05T00:00:00Z&end=2023-02-01T00:00:00Z", headers=auth
    )
    assert short.status_code == 422 and "too few bars" in short.json()["detail"]
    assert (await client.get("/ml/regimes/REG/current")).status_code == 401
