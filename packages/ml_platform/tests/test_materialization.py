"""Materialization over market-data bars, point-in-time reads without look-ahead, latest values."""

from datetime import UTC, datetime, timedelta

import numpy as np

from .helpers import define_features, materialize
from .market_data_contract import START, SYMBOLS


def _close(symbol):
    return np.array(SYMBOLS[symbol]["close"])


async def test_materialized_values_match_direct_formulas(client, auth):
    names = await define_features(client, auth)
    result = await materialize(client, auth, names, ["AAA", "BBB"], start="2023-03-01T00:00:00Z")
    assert result["result"]["rows"]["ret1@1"] == 2 * (len(_close("AAA")) - 58)
    close = _close("AAA")
    day = 100  # 2023-04-12
    stamp = (START + timedelta(days=day)).isoformat()
    body = {"features": ["ret1", "vol10", "ret5"], "symbol": "AAA", "timestamps": [stamp]}
    # asking exactly at the bar's open time: that bar has not closed yet, so the previous bar's values
    row = (await client.post("/features/point-in-time", json=body, headers=auth)).json()["rows"][0]
    assert row["values"]["ret1@1"] == np.float64(close[day - 1] / close[day - 2] - 1).item()
    logret = np.log(close[1:] / close[:-1])
    expected_vol = np.std(logret[day - 11 : day - 1], ddof=1)
    assert abs(row["values"]["vol10@1"] - expected_vol) < 1e-12
    assert abs(row["values"]["ret5@1"] - (close[day - 1] / close[day - 6] - 1)) < 1e-12
    version = (await client.get("/features/ret1/versions/1", headers=auth)).json()
    assert version["materialized"]["AAA"]["rows"] == len(close) - 58


async def test_point_in_time_never_looks_ahead(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"])
    close = _close("AAA")
    asks = [START + timedelta(days=d, hours=h) for d in (30, 31, 200) for h in (0, 12, 23)]
    asks.append(START + timedelta(days=2000))  # far future: the last bar
    body = {"features": ["ret1"], "symbol": "AAA", "timestamps": [t.isoformat() for t in asks]}
    rows = (await client.post("/features/point-in-time", json=body, headers=auth)).json()["rows"]
    for ask, row in zip(asks, rows, strict=True):
        # independent: only bars whose close (open + 1 day) is at or before the asked time
        closed = [i for i in range(len(close)) if START + timedelta(days=i + 1) <= ask]
        last = closed[-1]
        assert row["values"]["ret1@1"] == (close[last] / close[last - 1] - 1).item()
        observed = datetime.fromisoformat(row["observed_at"]["ret1@1"])
        assert observed + timedelta(days=1) <= ask.astimezone(UTC)
    early = {"features": ["ret1"], "symbol": "AAA", "timestamps": [START.isoformat()]}
    first = (await client.post("/features/point-in-time", json=early, headers=auth)).json()["rows"][0]
    assert first["values"]["ret1@1"] is None


async def test_latest_values_for_serving(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["BBB"])
    close = _close("BBB")
    body = (await client.get("/features/latest?symbol=BBB&features=ret1&features=rsi14", headers=auth)).json()
    assert abs(body["values"]["ret1@1"] - (close[-1] / close[-2] - 1)) < 1e-12
    assert 0 <= body["values"]["rsi14@1"] <= 100
    assert body["timestamps"]["ret1@1"].startswith(
        (START + timedelta(days=len(close) - 1)).date().isoformat()
    )


async def test_rematerializing_is_idempotent_and_versions_keep_their_values(client, auth):
    await define_features(
        client, auth, [{"name": "m", "transformation": "momentum", "params": {"window": 3}}]
    )
    await materialize(client, auth, ["m"], ["CCC"])
    await materialize(client, auth, ["m"], ["CCC"])
    await client.patch("/features/m", json={"params": {"window": 7}}, headers=auth)
    await materialize(client, auth, ["m"], ["CCC"])
    close = _close("CCC")
    body = (await client.get("/features/latest?symbol=CCC&features=m@1&features=m", headers=auth)).json()
    assert abs(body["values"]["m@1"] - (close[-1] / close[-4] - 1)) < 1e-12
    assert abs(body["values"]["m@2"] - (close[-1] / close[-8] - 1)) < 1e-12
    assert (await client.get("/features/m/versions/1", headers=auth)).json()["materialized"]["CCC"][
        "rows"
    ] == 360


async def test_bad_materialization_input_is_422(client, auth):
    await define_features(client, auth)
    unknown_symbol = await client.post(
        "/features/materializations", json={"features": ["ret1"], "symbols": ["AAA", "NOPE"]}, headers=auth
    )
    assert unknown_symbol.status_code == 422
    assert unknown_symbol.json()["errors"][0]["field"] == "body.symbols.1"
    unknown_feature = await client.post(
        "/features/materializations", json={"features": ["ret1", "ghost"], "symbols": ["AAA"]}, headers=auth
    )
    assert unknown_feature.json()["errors"][0]["field"] == "body.features.1"
    empty = await client.post(
        "/features/materializations",
        json={"features": ["ret1"], "symbols": ["AAA"], "start": "2030-01-01T00:00:00Z"},
        headers=auth,
    )
    assert empty.status_code == 422 and "no 1d bars" in empty.json()["detail"]
