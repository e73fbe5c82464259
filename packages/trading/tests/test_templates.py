"""Strategy templates: the built-in library (one per type), user templates, strategies from templates."""

from quant_shared.enums import StrategyType
from quant_shared.testing import bearer


async def test_builtin_library_has_one_template_per_type(client, user_token):
    body = (await client.get("/strategy-templates?builtin=true&limit=100", headers=bearer(user_token))).json()
    assert sorted(t["strategy_type"] for t in body["items"]) == sorted(t.value for t in StrategyType)
    sma = next(t for t in body["items"] if t["strategy_type"] == "sma_crossover")
    assert sma["defaults"] == {"fast": 10, "slow": 20}
    assert sma["parameter_ranges"]["fast"]["low"] == 2 and sma["parameter_ranges"]["slow"]["high"] == 200
    assert sma["constraints"] == ["fast < slow"]


async def test_strategy_from_builtin_template_with_overrides(client, user_token):
    headers = bearer(user_token)
    items = (await client.get("/strategy-templates?builtin=true&limit=100", headers=headers)).json()["items"]
    rsi = next(t for t in items if t["strategy_type"] == "rsi_mean_reversion")
    payload = {"template_id": rsi["id"], "name": "my rsi", "parameters": {"period": 10}}
    resp = await client.post("/strategies/from-template", json=payload, headers=headers)
    assert resp.status_code == 201, resp.text
    assert resp.json()["parameters"] == {**rsi["defaults"], "period": 10}
    assert resp.json()["template_id"] == rsi["id"]
    bad = await client.post(
        "/strategies/from-template",
        json={**payload, "name": "x", "parameters": {"period": 1}},
        headers=headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.parameters.period"
    missing = await client.post(
        "/strategies/from-template", json={**payload, "template_id": "0" * 24}, headers=headers
    )
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "body.template_id"


async def test_user_templates_are_private(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    payload = {"name": "fast ema", "strategy_type": "ema_crossover", "defaults": {"fast": 3, "slow": 9}}
    resp = await client.post("/strategy-templates", json=payload, headers=alice)
    assert resp.status_code == 201 and resp.json()["builtin"] is False
    tid = resp.json()["id"]
    assert (await client.get(f"/strategy-templates/{tid}", headers=bob)).status_code == 404
    own = (await client.get("/strategy-templates?builtin=false", headers=alice)).json()
    assert [t["id"] for t in own["items"]] == [tid]
    assert (await client.get("/strategy-templates?builtin=false", headers=bob)).json()["total"] == 0
    bad = await client.post(
        "/strategy-templates", json={**payload, "defaults": {"fast": 9, "slow": 3}}, headers=alice
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.defaults.fast"
    assert (await client.delete(f"/strategy-templates/{tid}", headers=bob)).status_code == 404
    assert (await client.delete(f"/strategy-templates/{tid}", headers=alice)).status_code == 204
