"""Steps several tests share: define and materialize features."""

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


async def materialize(client, headers, names, symbols, start=None, end=None) -> dict:
    body = {"features": names, "symbols": symbols}
    if start:
        body["start"] = start
    if end:
        body["end"] = end
    resp = await client.post("/features/materializations", json=body, headers=headers)
    assert resp.status_code == 202, resp.text
    return await wait_task(client, resp.json(), headers)


async def train(client, headers, names, symbols=("AAA",), **extra) -> dict:
    """Run an experiment to completion and return its record."""
    body = {"name": "exp", "features": list(names), "symbols": list(symbols), "n_splits": 4, **extra}
    resp = await client.post("/ml/experiments", json=body, headers=headers)
    assert resp.status_code == 202, resp.text
    accepted = resp.json()
    await wait_task(client, accepted, headers)
    return (await client.get(f"/ml/experiments/{accepted['resource_id']}", headers=headers)).json()


async def trained_model(client, headers, name="clf", symbols=("AAA",), **extra) -> dict:
    """Features defined and materialized, an experiment trained and registered as version 1."""
    names = await define_features(client, headers)
    await materialize(client, headers, names, list(symbols))
    experiment = await train(client, headers, names, symbols, **extra)
    resp = await client.post(
        f"/ml/models/{name}/versions", json={"experiment_id": experiment["id"]}, headers=headers
    )
    assert resp.status_code == 201, resp.text
    return {"experiment": experiment, "version": resp.json(), "features": names}
