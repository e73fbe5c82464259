"""Feature store: definitions, immutable versions, validation, ownership."""

from quant_shared.testing import bearer


async def test_catalog_lists_transformations(client, auth):
    body = (await client.get("/features/catalog", headers=auth)).json()
    rsi = next(t for t in body if t["transformation"] == "rsi")
    assert rsi["params"]["window"] == {"default": 14, "min": 2, "max": 250}


async def test_changed_definition_is_a_new_version_and_old_stays_readable(client, auth):
    created = await client.post(
        "/features",
        json={"name": "mom", "transformation": "momentum", "params": {"window": 10}},
        headers=auth,
    )
    assert created.status_code == 201 and created.json()["current_version"] == 1
    same = await client.patch("/features/mom", json={"description": "10-bar momentum"}, headers=auth)
    assert same.json()["current_version"] == 1 and same.json()["description"] == "10-bar momentum"
    changed = await client.patch("/features/mom", json={"params": {"window": 20}}, headers=auth)
    assert changed.json()["current_version"] == 2 and changed.json()["params"] == {"window": 20}
    versions = (await client.get("/features/mom/versions", headers=auth)).json()
    assert [v["params"] for v in versions] == [{"window": 10}, {"window": 20}]
    assert versions[0]["params_hash"] != versions[1]["params_hash"]
    old = (await client.get("/features/mom/versions/1", headers=auth)).json()
    assert old["params"] == {"window": 10} and old["transformation"] == "momentum"
    back = await client.patch("/features/mom", json={"params": {"window": 10}}, headers=auth)
    assert back.json()["current_version"] == 3  # a new version even if it equals an old definition


async def test_bad_definitions_answer_422_naming_the_field(client, auth):
    bad_param = await client.post(
        "/features", json={"name": "x", "transformation": "rsi", "params": {"window": 1}}, headers=auth
    )
    assert bad_param.status_code == 422 and bad_param.json()["errors"][0]["field"] == "body.params.window"
    unknown = await client.post(
        "/features", json={"name": "x", "transformation": "rsi", "params": {"span": 3}}, headers=auth
    )
    assert unknown.json()["errors"][0]["field"] == "body.params.span"
    macd = await client.post(
        "/features",
        json={"name": "x", "transformation": "macd", "params": {"fast": 30, "slow": 26}},
        headers=auth,
    )
    assert macd.status_code == 422 and macd.json()["errors"][0]["field"] == "body.params.fast"
    bad_kind = await client.post("/features", json={"name": "x", "transformation": "magic"}, headers=auth)
    assert bad_kind.status_code == 422 and "transformation" in bad_kind.json()["errors"][0]["field"]
    assert (await client.get("/features", headers=auth)).json()["total"] == 0


async def test_features_are_private_and_names_unique(client, auth, token_factory):
    body = {"name": "ret", "transformation": "returns"}
    assert (await client.post("/features", json=body, headers=auth)).status_code == 201
    assert (await client.post("/features", json=body, headers=auth)).status_code == 409
    other = bearer(token_factory.user("someone-else"))
    assert (await client.get("/features/ret", headers=other)).status_code == 404
    assert (await client.get("/features", headers=other)).json()["total"] == 0
    assert (await client.post("/features", json=body, headers=other)).status_code == 201
    assert (await client.get("/features")).status_code == 401
    assert (await client.delete("/features/ret", headers=auth)).status_code == 204
    assert (await client.get("/features/ret", headers=auth)).status_code == 404
