"""The platform's LLM calls follow the production label of their governed prompt."""

from quant_gen_ai.app import create_app
from quant_gen_ai.models.llm_call import LLMCall
from quant_gen_ai.models.prompt_rendering import PromptRendering
from quant_shared.testing import bearer, running_app

NAME = "strategy_builder.parse"
TEXT = {"text": "buy when RSI(14) < 30"}


async def test_new_version_is_used_only_after_approval_and_label_move(settings, token_factory):
    admin1, admin2, user = token_factory.admin("a1"), token_factory.admin("a2"), token_factory.user("u1")
    async with running_app(create_app(settings)) as client:
        current = (await client.get(f"/prompts/{NAME}", headers=bearer(admin1))).json()["versions"][0]
        v2 = {
            "system": current["system"] + "\nBe terse.",
            "template": "Strategy request: {{ request }}\nSchema: {{ spec_schema }}",
            "variables_schema": current["variables_schema"],
        }
        assert (
            await client.post(f"/prompts/{NAME}/versions", json=v2, headers=bearer(admin1))
        ).status_code == 201
        assert (
            await client.post("/strategy-builder/parse", json=TEXT, headers=bearer(user))
        ).status_code == 200
        await client.post(f"/prompts/{NAME}/versions/2/submit", headers=bearer(admin1))
        review = {"decision": "approve", "comment": "ok"}
        await client.post(f"/admin/prompts/{NAME}/versions/2/reviews", json=review, headers=bearer(admin2))
        moved = await client.put(
            f"/admin/prompts/{NAME}/labels/production", json={"version": 2}, headers=bearer(admin2)
        )
        assert moved.json()["labels"] == {"production": 2}
        assert (
            await client.post("/strategy-builder/parse", json=TEXT, headers=bearer(user))
        ).status_code == 200
        calls = await LLMCall.find(LLMCall.purpose == "strategy_builder").sort("created_at").to_list()
        assert [c.prompt_version for c in calls] == [1, 2]
        audit = await PromptRendering.find(PromptRendering.prompt_name == NAME).sort("created_at").to_list()
        assert [(r.version, r.caller_id, r.purpose) for r in audit] == [
            (1, "u1", "strategy_builder"),
            (2, "u1", "strategy_builder"),
        ]
        removed = await client.delete(f"/admin/prompts/{NAME}/labels/production", headers=bearer(admin1))
        assert removed.status_code == 409 and "must keep a production version" in removed.json()["detail"]
        still = await client.post("/strategy-builder/parse", json=TEXT, headers=bearer(user))
        assert still.status_code == 200
