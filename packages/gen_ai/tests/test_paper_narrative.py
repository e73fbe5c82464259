"""A paper run's drift narrative: facts from trading's comparison (the caller's token), the governed
paper-comparison prompt, the number guard; exactly one of backtest_id and paper_run_id."""

from quant_gen_ai.app import create_app
from quant_gen_ai.settings import GenAISettings
from quant_shared.testing import bearer, running_app

from .llm_server import completion


async def test_offline_paper_narrative_explains_the_drift(trading, token_factory):
    contract, settings = trading
    token = token_factory.user("u1")
    async with running_app(create_app(settings)) as client:
        resp = await client.post("/narratives", json={"paper_run_id": "pr1"}, headers=bearer(token))
        assert resp.status_code == 201, resp.text
        body = resp.json()
        assert body["guard_passed"] is True and body["status"] == "generated", body["guard_violations"]
        assert (body["paper_run_id"], body["backtest_id"]) == ("pr1", None)
        assert (body["prompt_name"], body["prompt_version"]) == ("narrative.paper_comparison", 1)
        facts = body["facts"]
        assert facts["pnl"] == {
            "initial_cash": 10_000.0,
            "paper_pnl": 412.5,
            "backtest_pnl": 437.75,
            "pnl_difference": -25.25,
            "pnl_difference_pct": -0.25,
        }
        assert facts["fills"]["matched_differing"] == 1 and facts["fills"]["max_abs_price_difference"] == 1.25
        assert facts["bars"]["revised_bars"] == 1
        assert facts["bars"]["first_differences"] == "AAPL 2024-03-05 revised"
        text = body["text"]
        for figure in (
            "drift of -25.25",
            "-0.25% of the initial cash",
            "1 of the pairs differing",
            "at most 1.2500",
        ):
            assert figure in text, text
        assert "## What to check" in text and "AAPL 2024-03-05 revised" in text
        listed = await client.get("/narratives?paper_run_id=pr1", headers=bearer(token))
        assert [n["id"] for n in listed.json()["items"]] == [body["id"]]
        content = await client.get(f"/narratives/{body['id']}/content?format=json", headers=bearer(token))
        assert content.json()["paper_run_id"] == "pr1"
        other = token_factory.user("u2")
        for user, rid in ((other, "pr1"), (token, "nope")):
            missing = await client.post("/narratives", json={"paper_run_id": rid}, headers=bearer(user))
            assert missing.status_code == 404
        for wrong in ({"backtest_id": "bt1", "paper_run_id": "pr1"}, {}):
            bad = await client.post("/narratives", json=wrong, headers=bearer(token))
            assert bad.status_code == 422, bad.text
            assert {e["field"] for e in bad.json()["errors"]} == {"body.backtest_id", "body.paper_run_id"}
        assert (await client.get("/narratives", headers=bearer(token))).json()["total"] == 1
    assert ("GET", "/paper-runs/pr1/comparison", f"Bearer {token}") in contract.calls


async def test_the_model_gets_the_paper_prompt_and_an_invented_figure_fails_the_guard(
    trading, token_factory, llm_server
):
    _, settings = trading
    llm_server.push(
        completion("The paper run trailed its backtest by 25.25 after a revised bar; 7.5 fills moved.")
    )
    app = create_app(settings)
    app.state.gen_ai_settings = GenAISettings(
        _env_file=None, llm_base_url=llm_server.url, llm_backoff_seconds=0.01
    )
    token = token_factory.user("u1")
    async with running_app(app) as client:
        body = (await client.post("/narratives", json={"paper_run_id": "pr1"}, headers=bearer(token))).json()
        assert body["status"] == "guard_failed" and [v["value"] for v in body["guard_violations"]] == ["7.5"]
    sent = llm_server.requests[0]["messages"]
    assert "drifted from a backtest" in sent[0]["content"] and "quote only numbers" in sent[0]["content"]
    assert "- pnl_difference: -25.25" in sent[1]["content"] and "[bars]" in sent[1]["content"]
