"""Queries against hand-computed numbers: paging, order, resampling, columnar, quotes."""

import io

import numpy as np
import pytest

HOURS = [  # 2024-01-01 00:00..05:00 UTC
    (10, 12, 9, 11, 1),
    (11, 15, 10, 14, 2),
    (14, 14.5, 8, 9, 3),
    (9, 10, 8.5, 10, 4),
    (10, 11, 9.5, 10.5, 5),
    (10.5, 13, 10, 12, 6),
]
T0 = 1704067200000  # 2024-01-01T00:00:00Z


@pytest.fixture
async def coin(client, admin):
    body = {"symbol": "coin-usd", "name": "Coin", "asset_class": "crypto", "base": "COIN", "quote": "USD"}
    assert (await client.post("/admin/market-data/instruments", json=body, headers=admin)).status_code == 201
    bars = [
        {"timestamp": T0 + i * 3_600_000, "open": o, "high": h, "low": lo, "close": c, "volume": v}
        for i, (o, h, lo, c, v) in enumerate(HOURS)
    ]
    resp = await client.post(
        "/admin/market-data/bars/COIN-USD", json={"interval": "1h", "bars": bars}, headers=admin
    )
    assert resp.status_code == 200, resp.text


async def test_columnar_resampled_to_4h(client, user, coin):
    params = {"interval": "1h", "resample_to": "4h"}
    body = (await client.get("/market-data/bars/COIN-USD/columnar", params=params, headers=user)).json()
    assert body == {
        "symbol": "COIN-USD",
        "interval": "4h",
        "count": 2,
        "timestamp": [T0, T0 + 4 * 3_600_000],
        "open": [10.0, 10.0],
        "high": [15.0, 13.0],
        "low": [8.0, 9.5],
        "close": [10.0, 12.0],
        "volume": [10.0, 11.0],
    }


async def test_columnar_range_and_paged_order(client, user, coin):
    params = {"interval": "1h", "start": "2024-01-01T01:00:00Z", "end": "2024-01-01T03:00:00Z"}
    body = (await client.get("/market-data/bars/COIN-USD/columnar", params=params, headers=user)).json()
    assert body["timestamp"] == [T0 + h * 3_600_000 for h in (1, 2, 3)] and body["close"] == [14, 9, 10]
    page = await client.get(
        "/market-data/bars/COIN-USD",
        params={"interval": "1h", "order": "desc", "limit": 2, "offset": 1},
        headers=user,
    )
    data = page.json()
    assert data["total"] == 6 and [b["close"] for b in data["items"]] == [10.5, 10]
    assert data["items"][0]["timestamp"].startswith("2024-01-01T04:00:00")


async def test_paged_resample_to_daily_and_bad_target(client, user, coin):
    resp = await client.get(
        "/market-data/bars/COIN-USD", params={"interval": "1h", "resample_to": "1d"}, headers=user
    )
    item = resp.json()["items"][0]
    assert item == {
        "timestamp": "2024-01-01T00:00:00Z",
        "open": 10.0,
        "high": 15.0,
        "low": 8.0,
        "close": 12.0,
        "volume": 21.0,
    }
    bad = await client.get(
        "/market-data/bars/COIN-USD", params={"interval": "1d", "resample_to": "1h"}, headers=user
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.resample_to"


async def test_quotes_day_change_and_unknown_symbols(client, admin, user, stock):
    bars = [
        {"timestamp": f"2024-01-0{d}", "open": c, "high": c + 1, "low": c - 1, "close": c, "volume": 1}
        for d, c in ((2, 11.0), (3, 12.0), (4, 13.0))
    ]
    await client.post("/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars}, headers=admin)
    quotes = (await client.get("/market-data/quotes", params={"symbols": "test"}, headers=user)).json()
    assert quotes[0]["symbol"] == "TEST" and quotes[0]["last"] == 13.0 and quotes[0]["previous_close"] == 12.0
    assert quotes[0]["change"] == 1.0 and quotes[0]["change_pct"] == pytest.approx(100 / 12)
    bad = await client.get("/market-data/quotes", params={"symbols": "TEST,ZZZ,YYY"}, headers=user)
    assert bad.status_code == 422
    assert [e["symbol"] for e in bad.json()["errors"]] == ["ZZZ", "YYY"]


async def test_instrument_search_and_lookup(client, user, stock, coin):
    found = (await client.get("/market-data/instruments", params={"q": "corp"}, headers=user)).json()
    assert [i["symbol"] for i in found["items"]] == ["TEST"]
    crypto = (
        await client.get("/market-data/instruments", params={"asset_class": "crypto"}, headers=user)
    ).json()
    assert crypto["total"] == 1 and crypto["items"][0]["base"] == "COIN"
    one = (await client.get("/market-data/instruments/test", headers=user)).json()
    assert one["sector"] == "Tech" and one["active"] is True
    assert (await client.get("/market-data/instruments/NOPE", headers=user)).status_code == 404


async def test_columnar_as_npz_holds_the_json_arrays(client, user, coin):
    path, params = "/market-data/bars/COIN-USD/columnar", {"interval": "1h"}
    body = (await client.get(path, params=params, headers=user)).json()
    resp = await client.get(path, params=params, headers={**user, "Accept": "application/x-npz"})
    assert resp.headers["content-type"] == "application/x-npz"
    with np.load(io.BytesIO(resp.content), allow_pickle=False) as archive:
        assert archive["timestamp"].dtype == np.int64 and str(archive["symbol"]) == "COIN-USD"
        for name in ("timestamp", "open", "high", "low", "close", "volume"):
            assert archive[name].tolist() == body[name]
