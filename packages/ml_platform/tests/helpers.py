"""Steps several tests share: define and materialise features."""

from .conftest import wait_task

BASIC_FEATURES = [
    {"name": "ret1", "transformation": "returns", "params": {"periods": 1}},
    {"name": "ret5", "transformation": "returns", "params": {"periods": 5}},
    {"name": "vol10", "transformation": "rolling_volatility", "params": {"window": 10}},
    {"name": "rsi14", "transformation": "rsi"},
]


async def define_features(client, headers, features=BASIC_FEATURES) -> list[str]:
    for feature in features:
        resp = await client.post("/features", json=feature, headers=headers)
        assert resp.status_code == 201, resp.text
    return [f["name"] for f in features]


async def materialise(client, headers, names, symbols, start=None, end=None) -> dict:
    body = {"features": names, "symbols": symbols}
    if start:
        body["start"] = start
    if end:
        body["end"] = end
    resp = await client.post("/features/materialisations", json=body, headers=headers)
    assert resp.status_code == 202, resp.text
    return await wait_task(client, resp.json(), headers)
