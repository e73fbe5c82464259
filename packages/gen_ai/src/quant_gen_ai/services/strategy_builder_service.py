"""Strategy builder: sentence -> validated spec -> StrategyCode (+ trading strategy, + quick backtest)."""

from typing import Any

from beanie import PydanticObjectId
from pydantic import ValidationError

from quant_gen_ai.models.strategy_code import StrategyCode
from quant_gen_ai.prompts.builtin import STRATEGY_BUILDER
from quant_gen_ai.schemas.strategy_builder import StrategyBuildRequest
from quant_gen_ai.services.llm_service import LLMService
from quant_gen_ai.strategy.rendering import render_spec
from quant_gen_ai.strategy.response_schema import builder_response_schema, spec_schema_text
from quant_shared.auth import Principal
from quant_shared.errors import NotFoundError, ProblemError, ValidationProblem
from quant_shared.errors.handlers import field_errors
from quant_shared.http import ServiceClients
from quant_shared.pagination import PageParams, paginate
from quant_shared.strategy_spec import StrategySpec


class StrategyBuilderService:
    def __init__(self, llm: LLMService, clients: ServiceClients, principal: Principal) -> None:
        self.llm, self.clients, self.principal = llm, clients, principal

    async def parse(self, text: str) -> tuple[dict[str, Any], Any, Any]:
        """(spec, LLM response, rendered prompt); 422 listing what is unsupported or invalid."""
        response, rendered = await self.llm.ask(
            prompt=STRATEGY_BUILDER,
            variables={"request": text, "spec_schema": spec_schema_text()},
            caller_id=self.principal.user_id,
            purpose="strategy_builder",
            context={"text": text},
            response_schema=builder_response_schema(),
            schema_name="strategy_spec",
            strict_schema=False,
        )
        parsed = response.parsed if isinstance(response.parsed, dict) else {}
        unsupported = [str(u) for u in parsed.get("unsupported") or []]
        if unsupported:
            raise ValidationProblem(
                "The request has parts the strategy spec cannot express",
                errors=[{"field": "body.text", "message": f"unsupported: {u}"} for u in unsupported],
                unsupported=unsupported,
            )
        if not parsed.get("spec"):
            raise ValidationProblem.field("body.text", "no strategy rule could be read from the text")
        try:
            spec = StrategySpec.model_validate(parsed["spec"])
        except ValidationError as exc:
            errors = [{**e, "field": f"spec.{e['field']}"} for e in field_errors(exc.errors())]
            raise ValidationProblem("The generated strategy spec is invalid", errors=errors) from exc
        return spec.model_dump(mode="json"), response, rendered

    async def build(self, body: StrategyBuildRequest) -> StrategyCode:
        spec, response, rendered = await self.parse(body.text)
        name = body.name or body.text[:60].strip()
        code = StrategyCode(
            owner_id=self.principal.user_id,
            name=name,
            request_text=body.text,
            spec=spec,
            rendering=render_spec(spec),
            provider=response.provider,
            model=response.model,
            prompt_name=rendered.prompt_name,
            prompt_version=rendered.version,
        )
        if body.create_in_trading or body.backtest is not None:
            created = await self.clients.call(
                "trading",
                "POST",
                "/strategies",
                principal=self.principal,
                json={"name": name, "strategy_type": "rule_based", "parameters": {}, "spec": spec},
            )
            code.trading_strategy_id = str(created.json()["id"])
        await code.insert()
        if body.backtest is not None:
            await self._start_backtest(code, body)
        return code

    async def _start_backtest(self, code: StrategyCode, body: StrategyBuildRequest) -> None:
        """The strategy exists by now; a refused backtest is recorded on the code, not hidden."""
        quick = body.backtest
        payload = {
            "strategy_id": code.trading_strategy_id,
            "symbols": quick.symbols,
            "interval": quick.interval.value,
            "start": quick.start.isoformat(),
            "end": quick.end.isoformat(),
        }
        try:
            accepted = await self.clients.call(
                "trading", "POST", "/backtests", principal=self.principal, json=payload
            )
            code.backtest = accepted.json()
        except ProblemError as exc:
            code.backtest_error = f"{exc.status}: {exc.detail or exc.title}"
        await code.save()

    async def get(self, code_id: str) -> StrategyCode:
        try:
            oid = PydanticObjectId(code_id)
        except Exception as exc:
            raise NotFoundError(f"No strategy code {code_id}") from exc
        code = await StrategyCode.find_one({"_id": oid, "owner_id": self.principal.user_id})
        if code is None:
            raise NotFoundError(f"No strategy code {code_id}")
        return code

    async def list_codes(self, params: PageParams) -> dict:
        query = StrategyCode.find({"owner_id": self.principal.user_id})
        return await paginate(query, params, sort=[("created_at", -1)])
