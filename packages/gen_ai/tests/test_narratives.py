"""Narratives against the trading contract: numbers match the backtest, formats, event path, guard."""

from quant_gen_ai.app import create_app
from quant_gen_ai.models.llm_call import LLMCall
from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.models.prompt_rendering import PromptRendering
from quant_gen_ai.settings import GenAISettings
from quant_shared.embedded import free_port
from quant_shared.events import Event
from quant_shared.events.catalog import UserDeleted, make_event
from quant_shared.testing import bearer, running_app

from .llm_server import completion


async def test_offline_narrative_quotes_the_backtest_numbers(trading, token_factory):
    contract, settings = trading
    token = token_factory.user("u1")
    async with running_app(create_app(settings)) as client:
        resp = await client.post("/narratives", json={"backtest_id": "bt1"}, headers=bearer(token))
        assert resp.status_code == 201, resp.text
        body = resp.json()
        assert (
            body["guard_passed"] is True and body["status"] == "generated" and body["guard_violations"] == []
        )
        assert (
            body["facts"]["metrics"]["total_return_pct"] == 12.34
            and body["facts"]["metrics"]["max_drawdown_pct"] == -8.25
        )
        text = body["text"]
        for figure in (
            "12.34%",
            "5.67% annualized",
            "8.25%",
            "Sharpe ratio of 1.23",
            "closed 5 trades",
            "60.00%",
        ):
            assert figure in text
        # hand-counted: 120.5, 300, 80 win; -40.25, -15 lose; deepest drawdown 9900/10500-1
        assert "3 won and 2 lost" in text and "best made 300.00" in text
        assert body["facts"]["equity"]["deepest_drawdown_pct"] == round((1 - 9900 / 10500) * 100, 2)
        assert body["prompt_name"] == "narrative.backtest" and body["prompt_version"] == 1
        nid = body["id"]
        md = await client.get(f"/narratives/{nid}/content?format=markdown", headers=bearer(token))
        assert md.text == text and md.headers["content-type"].startswith("text/markdown")
        html = (await client.get(f"/narratives/{nid}/content?format=html", headers=bearer(token))).text
        assert html.count("<svg") == 2 and "<h2>Returns</h2>" in html and "polyline" in html
        as_json = (await client.get(f"/narratives/{nid}/content?format=json", headers=bearer(token))).json()
        assert as_json["series"]["equity"][-1] == 11234.0
        pdf = await client.get(f"/narratives/{nid}/content?format=pdf", headers=bearer(token))
        assert pdf.status_code == 422 and pdf.json()["errors"][0]["field"] == "query.format"
        other = token_factory.user("u2")
        assert (await client.get(f"/narratives/{nid}", headers=bearer(other))).status_code == 404
        assert (
            await client.post("/narratives", json={"backtest_id": "bt1"}, headers=bearer(other))
        ).status_code == 404
    assert ("GET", "/backtests/bt1/equity", f"Bearer {token}") in contract.calls


async def test_guard_marks_an_invented_number(trading, token_factory, llm_server):
    _, settings = trading
    llm_server.push(
        completion("The strategy returned 12.34% in total, with a Sharpe ratio of 2.71 and 5 trades.")
    )
    app = create_app(settings)
    app.state.gen_ai_settings = GenAISettings(
        _env_file=None, llm_base_url=llm_server.url, llm_backoff_seconds=0.01
    )
    token = token_factory.user("u1")
    async with running_app(app) as client:
        body = (await client.post("/narratives", json={"backtest_id": "bt1"}, headers=bearer(token))).json()
        assert body["guard_passed"] is False and body["status"] == "guard_failed"
        assert [v["value"] for v in body["guard_violations"]] == ["2.71"]
        assert body["text"] is None and "2.71" in body["unverified_text"]
        served = await client.get(f"/narratives/{body['id']}/content", headers=bearer(token))
        assert served.status_code == 409 and served.json()["violations"][0]["value"] == "2.71"
        call = await LLMCall.find_one(LLMCall.purpose == "narrative")
        assert (call.usage.prompt_tokens, call.usage.total_tokens, call.prompt_version) == (11, 18, 1)
    sent = llm_server.requests[0]["messages"]
    assert sent[0]["role"] == "system" and "quote only numbers" in sent[0]["content"]
    assert "- total_return_pct: 12.34" in sent[1]["content"]


async def test_event_requests_a_narrative_written_on_first_read(trading, token_factory):
    _, settings = trading
    app = create_app(settings)
    token = token_factory.user("u1")
    async with running_app(app) as client:
        payload = {
            "backtest_id": "bt1",
            "owner_id": "u1",
            "generate_narrative": True,
            "metrics": {"total_return": 0.1234},
        }
        await app.state.event_bus.publish(
            Event(type="BacktestCompleted", producer="trading", payload=payload)
        )
        await app.state.event_bus.publish(
            Event(
                type="BacktestCompleted",
                producer="trading",
                payload={**payload, "generate_narrative": False, "backtest_id": "x"},
            )
        )
        await app.state.event_bus.drain()
        listing = (await client.get("/narratives", headers=bearer(token))).json()
        assert [(n["backtest_id"], n["status"], n["requested_by"]) for n in listing["items"]] == [
            ("bt1", "pending", "event")
        ]
        got = (await client.get(f"/narratives/{listing['items'][0]['id']}", headers=bearer(token))).json()
        assert got["status"] == "generated" and "12.34%" in got["text"]
        audit = [(PromptRendering, {"caller_id": "u1"}), (LLMCall, {"caller_id": "u1"})]
        assert all([await doc.find(query).count() for doc, query in audit])
        await app.state.event_bus.publish(make_event(UserDeleted(user_id="u1"), producer="user"))
        await app.state.event_bus.drain()
        assert await NarrativeReport.find({"owner_id": "u1"}).count() == 0
        assert (await client.get("/narratives", headers=bearer(token))).status_code == 401  # token revoked
        assert [await doc.find(query).count() for doc, query in audit] == [0, 0]


async def test_unreachable_llm_is_503_and_nothing_is_stored(trading, token_factory):
    _, settings = trading
    app = create_app(settings)
    url = f"http://127.0.0.1:{free_port()}/v1"
    app.state.gen_ai_settings = GenAISettings(
        _env_file=None, llm_base_url=url, llm_max_retries=1, llm_backoff_seconds=0
    )
    token = token_factory.user("u1")
    async with running_app(app) as client:
        resp = await client.post("/narratives", json={"backtest_id": "bt1"}, headers=bearer(token))
        assert resp.status_code == 503 and "unreachable" in resp.json()["detail"]
        assert (await client.get("/narratives", headers=bearer(token))).json()["total"] == 0
        failed = await LLMCall.find_one(LLMCall.purpose == "narrative")
        assert failed.status == "failed" and "unreachable" in failed.error
