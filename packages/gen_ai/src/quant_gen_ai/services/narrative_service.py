"""Narratives: facts from the trading domain, text from the governed prompt, the number guard."""

from beanie import PydanticObjectId

from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.narrative.facts import build_facts
from quant_gen_ai.narrative.number_guard import check_numbers
from quant_gen_ai.prompts.builtin import NARRATIVE
from quant_gen_ai.services.backtest_source import fetch_backtest_bundle
from quant_gen_ai.services.llm_service import LLMService
from quant_shared.auth import Principal
from quant_shared.enums import NarrativeStatus
from quant_shared.errors import NotFoundError, ProblemError
from quant_shared.http import ServiceClients
from quant_shared.pagination import PageParams, paginate


class NarrativeService:
    def __init__(self, llm: LLMService, clients: ServiceClients, principal: Principal) -> None:
        self.llm, self.clients, self.principal = llm, clients, principal

    async def create(self, backtest_id: str) -> NarrativeReport:
        """Fetch first (404/409 before anything is written), then write and store the report."""
        bundle = await fetch_backtest_bundle(self.clients, backtest_id, self.principal)
        report = NarrativeReport(owner_id=self.principal.user_id, backtest_id=backtest_id)
        return await self._write(report, bundle)

    async def get(self, report_id: str) -> NarrativeReport:
        """The caller's report; a pending one (requested by an event) is generated now with their token."""
        try:
            oid = PydanticObjectId(report_id)
        except Exception as exc:
            raise NotFoundError(f"No narrative {report_id}") from exc
        report = await NarrativeReport.find_one({"_id": oid, "owner_id": self.principal.user_id})
        if report is None:
            raise NotFoundError(f"No narrative {report_id}")
        if report.status == NarrativeStatus.PENDING:
            try:
                bundle = await fetch_backtest_bundle(self.clients, report.backtest_id, self.principal)
            except ProblemError as exc:
                report.status, report.error = NarrativeStatus.FAILED, str(exc.detail or exc.title)
                await report.save()
                return report
            report = await self._write(report, bundle)
        return report

    async def list_reports(self, params: PageParams, backtest_id: str | None = None) -> dict:
        filters = {"owner_id": self.principal.user_id}
        if backtest_id:
            filters["backtest_id"] = backtest_id
        return await paginate(NarrativeReport.find(filters), params, sort=[("created_at", -1)])

    async def _write(self, report: NarrativeReport, bundle: tuple) -> NarrativeReport:
        backtest, trades, series = bundle
        facts = build_facts(backtest, trades, series)
        response, rendered = await self.llm.ask(
            prompt=NARRATIVE,
            variables={"facts": facts},
            caller_id=self.principal.user_id,
            purpose="narrative",
            context={"facts": facts},
        )
        text = response.content or ""
        violations = check_numbers(text, facts)
        report.facts, report.text, report.series = facts, text, series
        report.guard_violations, report.guard_passed = violations, not violations
        report.status = NarrativeStatus.GENERATED if not violations else NarrativeStatus.GUARD_FAILED
        report.provider, report.model, report.usage = response.provider, response.model, response.usage
        report.prompt_name, report.prompt_version, report.error = rendered.prompt_name, rendered.version, None
        if report.id is None:
            await report.insert()
        else:
            await report.save()
        return report
