"""Untrusted templates and schemas cannot stall the process: deadlines, bounded operations, RE2, 422s."""

import asyncio
import time

import pytest

from quant_gen_ai.app import create_app
from quant_shared.testing import bearer, running_app

LOOPS = "{% for i in range(6000) %}{% for j in range(6000) %}{% endfor %}{% endfor %}"


@pytest.fixture
async def client(settings):
    async with running_app(create_app(settings)) as c:
        yield c


async def prompt(client, headers, name: str, template: str, schema: dict | None = None):
    schema = schema or {"type": "object", "properties": {"x": {"type": "string"}}}
    body = {"name": name, "template": template, "variables_schema": schema}
    return await client.post("/prompts", json=body, headers=headers)


async def render(client, headers, name: str, variables: dict | None = None):
    body = {"version": 1, "variables": variables or {}, "purpose": "test"}
    return await client.post(f"/prompts/{name}/render", json=body, headers=headers)


async def test_a_runaway_template_stops_at_its_budget_and_health_keeps_answering(client, user_token):
    user = bearer(user_token)
    assert (await prompt(client, user, "loops.test", LOOPS)).status_code == 201
    began = time.perf_counter()
    rendering = asyncio.create_task(render(client, user, "loops.test"))
    await asyncio.sleep(0.2)
    health_began = time.perf_counter()
    assert (await client.get("/health")).status_code == 200
    assert time.perf_counter() - health_began < 0.2
    resp = await rendering
    assert resp.status_code == 422 and "budget" in resp.json()["detail"]
    assert time.perf_counter() - began < 5


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("line one\n{{ 1/0 }}", "line 2: ZeroDivisionError"),
        ("{% for i in 5 %}{% endfor %}", "TypeError"),
        ("{{ 'a' * 10**9 }}", "repetition"),
        ("{{ 2 ** 100000 }}", "exponent"),
    ],
)
async def test_template_errors_answer_422_naming_the_line(client, user_token, template, expected):
    user = bearer(user_token)
    assert (await prompt(client, user, "broken.test", template)).status_code == 201
    resp = await render(client, user, "broken.test")
    assert resp.status_code == 422 and expected in str(resp.json()), resp.text


async def test_schema_patterns_match_in_linear_time(client, user_token):
    user = bearer(user_token)
    schema = {"type": "object", "properties": {"x": {"type": "string", "pattern": "^(a+)+$"}}}
    assert (await prompt(client, user, "pattern.test", "{{ x }}", schema)).status_code == 201
    began = time.perf_counter()
    resp = await render(client, user, "pattern.test", {"x": "a" * 25 + "!"})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.variables.x"
    assert time.perf_counter() - began < 1
    assert (await render(client, user, "pattern.test", {"x": "aaa"})).json()["text"] == "aaa"
    for bad in ({"pattern": "(a)\\1"}, {"patternProperties": {"^a": {}}}):
        schema = {"type": "object", "properties": {"x": {"type": "string", **bad}}}
        resp = await prompt(client, user, "refused.test", "{{ x }}", schema)
        assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.variables_schema"
