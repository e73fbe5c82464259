"""Prompt governance: versions, four-eyes review, labels by admins only, template errors, audit, diff."""

import pytest

from quant_gen_ai.app import create_app
from quant_shared.testing import bearer, running_app

SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}},
    "required": ["name"],
    "additionalProperties": False,
}
BODY = {"name": "greeting.test", "template": "Hello {{ name }}!", "variables_schema": SCHEMA}


@pytest.fixture
async def client(settings):
    async with running_app(create_app(settings)) as c:
        yield c


async def test_prompt_reaches_production_only_after_approval(client, token_factory):
    author, admin, other_admin = (
        token_factory.user("u-author"),
        token_factory.admin("a1"),
        token_factory.admin("a2"),
    )
    created = await client.post("/prompts", json=BODY, headers=bearer(author))
    assert created.status_code == 201 and created.json()["versions"][0]["status"] == "draft"
    move = await client.put(
        "/admin/prompts/greeting.test/labels/production", json={"version": 1}, headers=bearer(admin)
    )
    assert move.status_code == 409 and "only an approved version" in move.json()["detail"]
    assert (
        await client.put(
            "/admin/prompts/greeting.test/labels/production", json={"version": 1}, headers=bearer(author)
        )
    ).status_code == 403
    assert (
        await client.post("/prompts/greeting.test/versions/1/submit", headers=bearer(author))
    ).status_code == 200
    review = {"decision": "approve", "comment": "fine"}
    assert (
        await client.post(
            "/admin/prompts/greeting.test/versions/1/reviews", json=review, headers=bearer(author)
        )
    ).status_code == 403
    approved = await client.post(
        "/admin/prompts/greeting.test/versions/1/reviews", json=review, headers=bearer(admin)
    )
    version = approved.json()["versions"][0]
    assert version["status"] == "approved" and version["reviews"][0]["reviewer_id"] == "a1"
    assert version["reviews"][0]["comment"] == "fine"
    moved = await client.put(
        "/admin/prompts/greeting.test/labels/production", json={"version": 1}, headers=bearer(other_admin)
    )
    assert moved.json()["labels"] == {"production": 1}
    rendered = await client.post(
        "/prompts/greeting.test/render",
        json={"variables": {"name": "Ada"}, "purpose": "test"},
        headers=bearer(author),
    )
    assert rendered.json()["text"] == "Hello Ada!" and rendered.json()["version"] == 1
    audit = (await client.get("/prompts/greeting.test/renderings", headers=bearer(author))).json()
    assert [(r["version"], r["caller_id"], r["purpose"], r["label"]) for r in audit["items"]] == [
        (1, "u-author", "test", "production")
    ]
    deprecate = await client.post("/prompts/greeting.test/versions/1/deprecate", headers=bearer(author))
    assert deprecate.status_code == 409 and deprecate.json()["labels"] == ["production"]


async def test_versions_are_immutable_and_diffed(client, token_factory):
    author = token_factory.user("u2")
    await client.post("/prompts", json=BODY, headers=bearer(author))
    v2 = {"template": "Hi {{ name }}, welcome.", "variables_schema": SCHEMA, "changelog": "friendlier"}
    resp = await client.post("/prompts/greeting.test/versions", json=v2, headers=bearer(author))
    assert [v["template"] for v in resp.json()["versions"]] == [
        "Hello {{ name }}!",
        "Hi {{ name }}, welcome.",
    ]
    diff = (
        await client.get("/prompts/greeting.test/diff?from_version=1&to_version=2", headers=bearer(author))
    ).json()
    assert "-Hello {{ name }}!" in diff["diff"] and "+Hi {{ name }}, welcome." in diff["diff"]
    stranger = token_factory.user("u3")
    assert (await client.get("/prompts/greeting.test", headers=bearer(stranger))).status_code == 404
    explicit = await client.post(
        "/prompts/greeting.test/render",
        json={"variables": {"name": "Bo"}, "version": 2, "purpose": "p"},
        headers=bearer(author),
    )
    assert explicit.json()["text"] == "Hi Bo, welcome."


async def test_template_errors_and_bad_variables_name_the_field(client, user_token):
    h = bearer(user_token)
    syntax = await client.post("/prompts", json={**BODY, "template": "Hello {{ name "}, headers=h)
    assert syntax.status_code == 422 and syntax.json()["errors"][0]["field"] == "body.template"
    unknown = await client.post("/prompts", json={**BODY, "system": "You are {{ persona }}"}, headers=h)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body.system"
    assert unknown.json()["errors"][0]["variables"] == ["persona"]
    await client.post("/prompts", json=BODY, headers=h)
    bad = await client.post(
        "/prompts/greeting.test/render",
        json={"variables": {"name": 5}, "version": 1, "purpose": "x"},
        headers=h,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.variables.name"
    extra = await client.post(
        "/prompts/greeting.test/render",
        json={"variables": {"name": "a", "x": 1}, "version": 1, "purpose": "x"},
        headers=h,
    )
    assert extra.status_code == 422 and extra.json()["errors"][0]["field"] == "body.variables"
    sandbox = await client.post(
        "/prompts", json={**BODY, "name": "evil.test", "template": "{{ name.__class__.__mro__ }}"}, headers=h
    )
    render = await client.post(
        "/prompts/evil.test/render",
        json={"variables": {"name": "a"}, "version": 1, "purpose": "x"},
        headers=h,
    )
    assert sandbox.status_code == 201 and render.status_code == 422


async def test_builtin_prompts_are_seeded_production_and_admin_only(client, user_token):
    listing = (await client.get("/prompts", headers=bearer(user_token))).json()
    builtins = {p["name"]: p for p in listing["items"] if p["owner_id"] == "system"}
    assert set(builtins) == {
        "narrative.backtest",
        "narrative.paper_comparison",
        "strategy_builder.parse",
        "chatops.system",
    }
    assert all(
        p["labels"] == {"production": 1} and p["versions"][0]["status"] == "approved"
        for p in builtins.values()
    )
    change = {
        "template": "{{ message }} please",
        "variables_schema": {"type": "object", "properties": {"message": {}}},
    }
    assert (
        await client.post("/prompts/chatops.system/versions", json=change, headers=bearer(user_token))
    ).status_code == 403
