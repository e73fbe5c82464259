"""Strategies: CRUD owned by a user, parameters checked against the type's schema, 422s naming fields."""

from bson import ObjectId

from quant_shared.testing import bearer
from quant_trading.models import Strategy

SMA = {"name": "sma 5/15", "strategy_type": "sma_crossover", "parameters": {"fast": 5, "slow": 15}}


async def test_create_fills_defaults_and_reads_back(client, token_factory):
    alice = bearer(token_factory.user("alice"))
    resp = await client.post("/strategies", json={**SMA, "parameters": {"fast": 5}}, headers=alice)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["parameters"] == {"fast": 5, "slow": 20}
    got = await client.get(f"/strategies/{body['id']}", headers=alice)
    assert got.json()["name"] == "sma 5/15" and got.json()["strategy_type"] == "sma_crossover"
    listed = (await client.get("/strategies", headers=alice)).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["id"]


async def test_bad_parameters_answer_422_naming_the_field(client, user_token):
    cases = [
        ({**SMA, "parameters": {"fast": 0, "slow": 15}}, "body.parameters.fast"),
        ({**SMA, "parameters": {"fast": 30, "slow": 15}}, "body.parameters.fast"),
        ({**SMA, "parameters": {"fast": 5, "slow": 15, "bogus": 1}}, "body.parameters.bogus"),
        ({**SMA, "strategy_type": "nope"}, "body.strategy_type"),
        ({**SMA, "strategy_type": "rule_based", "parameters": {}}, "body.spec"),
        ({**SMA, "strategy_type": "ml_signal", "parameters": {}}, "body.ml_model"),
        ({**SMA, "spec": {"indicators": []}}, "body.spec"),
    ]
    for payload, field in cases:
        resp = await client.post("/strategies", json=payload, headers=bearer(user_token))
        assert resp.status_code == 422, (payload, resp.text)
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert field in [e["field"] for e in resp.json()["errors"]], (field, resp.json())
    assert (await client.get("/strategies", headers=bearer(user_token))).json()["total"] == 0


async def test_rule_spec_is_validated_and_stored(client, user_token):
    spec = {
        "indicators": [
            {"id": "fast", "kind": "sma", "period": 5},
            {"id": "slow", "kind": "sma", "period": 20},
        ],
        "entry_long": {"type": "cross", "left": "fast", "direction": "above", "right": "slow"},
        "exit_long": {"type": "cross", "left": "fast", "direction": "below", "right": "nope"},
    }
    payload = {"name": "rules", "strategy_type": "rule_based", "spec": spec}
    bad = await client.post("/strategies", json=payload, headers=bearer(user_token))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].startswith("body.spec")
    spec["exit_long"]["right"] = "slow"
    ok = await client.post("/strategies", json=payload, headers=bearer(user_token))
    assert ok.status_code == 201 and ok.json()["spec"]["indicators"][0]["period"] == 5


async def test_update_revalidates_and_delete(client, user_token):
    headers = bearer(user_token)
    sid = (await client.post("/strategies", json=SMA, headers=headers)).json()["id"]
    bad = await client.patch(
        f"/strategies/{sid}", json={"parameters": {"fast": 40, "slow": 15}}, headers=headers
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.parameters.fast"
    ok = await client.patch(
        f"/strategies/{sid}", json={"parameters": {"fast": 8, "slow": 30}}, headers=headers
    )
    assert ok.status_code == 200 and ok.json()["parameters"] == {"fast": 8, "slow": 30}
    assert (await client.get(f"/strategies/{sid}", headers=headers)).json()["parameters"]["slow"] == 30
    assert (await client.delete(f"/strategies/{sid}", headers=headers)).status_code == 204
    assert (await client.get(f"/strategies/{sid}", headers=headers)).status_code == 404


async def test_other_users_cannot_see_or_change_a_strategy(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    sid = (await client.post("/strategies", json=SMA, headers=alice)).json()["id"]
    assert (await client.get(f"/strategies/{sid}", headers=bob)).status_code == 404
    assert (await client.patch(f"/strategies/{sid}", json={"name": "x"}, headers=bob)).status_code == 404
    assert (await client.delete(f"/strategies/{sid}", headers=bob)).status_code == 404
    assert (await client.get("/strategies", headers=bob)).json()["total"] == 0
    assert (await client.get(f"/strategies/{sid}", headers=alice)).json()["name"] == SMA["name"]
    assert (await client.get("/strategies")).status_code == 401
    assert (await client.get("/strategies/not-an-id", headers=alice)).status_code == 404


async def test_null_updates_are_refused_and_stored_nulls_stay_readable(client, user_token):
    headers = bearer(user_token)
    sid = (await client.post("/strategies", json={**SMA, "tags": ["a"]}, headers=headers)).json()["id"]
    for field in ("tags", "name", "parameters"):
        resp = await client.patch(f"/strategies/{sid}", json={field: None}, headers=headers)
        assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == f"body.{field}", resp.text
    got = (await client.get(f"/strategies/{sid}", headers=headers)).json()
    assert got["tags"] == ["a"] and got["name"] == SMA["name"]
    # a strategy an earlier release stored with nulls is still listed, read and deleted
    await Strategy.get_pymongo_collection().update_one(
        {"_id": ObjectId(sid)}, {"$set": {"tags": None, "name": None}}
    )
    assert (await client.get("/strategies", headers=headers)).json()["items"][0]["tags"] == []
    assert (await client.get(f"/strategies/{sid}", headers=headers)).status_code == 200
    assert (await client.delete(f"/strategies/{sid}", headers=headers)).status_code == 204
