"""Strategy builder API: offline parse, store, create in trading + quick backtest, LLM structured output."""

import json

from quant_gen_ai.app import create_app
from quant_gen_ai.models.strategy_code import StrategyCode
from quant_gen_ai.settings import GenAISettings
from quant_shared.testing import bearer, running_app

from .llm_server import completion

SENTENCE = "buy when the 20-day SMA crosses above the 50-day SMA, sell when RSI(14) > 70"


async def test_build_creates_strategy_and_starts_backtest(trading, token_factory):
    contract, settings = trading
    token = token_factory.user("u1")
    body = {
        "text": SENTENCE,
        "name": "SMA cross",
        "backtest": {"symbols": ["AAPL"], "interval": "1d", "start": "2023-01-01", "end": "2023-12-31"},
    }
    async with running_app(create_app(settings)) as client:
        resp = await client.post("/strategy-builder/strategies", json=body, headers=bearer(token))
        assert resp.status_code == 201, resp.text
        code = resp.json()
        assert code["provider"] == "offline" and code["prompt_name"] == "strategy_builder.parse"
        assert code["rendering"].startswith("Buy (enter long) when SMA(20) crosses above SMA(50).")
        assert code["trading_strategy_id"] == "s1" and code["backtest"]["resource_id"] == "bt2"
        stored = contract.strategies["s1"]
        assert (
            stored["strategy_type"] == "rule_based"
            and stored["spec"] == code["spec"]
            and stored["owner_id"] == "u1"
        )
        assert contract.backtests["bt2"]["request"] == {
            "strategy_id": "s1",
            "symbols": ["AAPL"],
            "interval": "1d",
            "start": "2023-01-01",
            "end": "2023-12-31",
        }
        listing = (await client.get("/strategy-builder/strategies", headers=bearer(token))).json()
        assert [c["id"] for c in listing["items"]] == [code["id"]]
        other = token_factory.user("u2")
        assert (
            await client.get(f"/strategy-builder/strategies/{code['id']}", headers=bearer(other))
        ).status_code == 404


async def test_unsupported_request_is_422_and_nothing_stored(trading, user_token):
    _, settings = trading
    async with running_app(create_app(settings)) as client:
        text = "buy when EMA(12) crosses above EMA(26) with a trailing stop"
        resp = await client.post(
            "/strategy-builder/strategies", json={"text": text}, headers=bearer(user_token)
        )
        assert resp.status_code == 422 and "trailing" in resp.json()["unsupported"]
        assert resp.json()["errors"][0]["field"] == "body.text"
        assert await StrategyCode.find_all().count() == 0
        preview = await client.post(
            "/strategy-builder/parse", json={"text": SENTENCE}, headers=bearer(user_token)
        )
        assert preview.json()["spec"]["exit_long"]["right"] == 70.0


async def test_llm_structured_output_path(trading, user_token, llm_server):
    _, settings = trading
    spec = {
        "indicators": [{"id": "fast", "kind": "ema", "period": 9}],
        "entry_long": {"type": "compare", "left": "close", "op": "gt", "right": "fast"},
    }
    bad = {"indicators": [], "entry_long": {"type": "compare", "left": "nope", "op": "gt", "right": 1}}
    llm_server.push(
        completion(json.dumps({"spec": spec, "unsupported": []})),
        completion(json.dumps({"spec": bad, "unsupported": []})),
    )
    app = create_app(settings)
    app.state.gen_ai_settings = GenAISettings(_env_file=None, llm_base_url=llm_server.url)
    async with running_app(app) as client:
        ok = await client.post(
            "/strategy-builder/parse", json={"text": "buy above the 9 ema"}, headers=bearer(user_token)
        )
        assert ok.status_code == 200 and ok.json()["rendering"].startswith(
            "Buy (enter long) when close price > EMA(9).\n"
        )
        invalid = await client.post(
            "/strategy-builder/parse", json={"text": "something"}, headers=bearer(user_token)
        )
        assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"].startswith("spec")
    sent = llm_server.requests[0]
    assert sent["response_format"]["json_schema"]["name"] == "strategy_spec"
    assert "spec" in sent["response_format"]["json_schema"]["schema"]["properties"]
    assert "Request: buy above the 9 ema" in sent["messages"][1]["content"]
