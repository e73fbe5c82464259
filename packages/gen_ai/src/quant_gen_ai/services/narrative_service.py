"""Narratives: facts from the trading domain, text from the governed prompt, the number guard.

A backtest's report takes its facts from the backtest, its trades and equity; a paper run's from
trading's comparison of the run with a backtest over the same period (its drift).
"""

from typing import Any

from beanie import PydanticObjectId

from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_gen_ai.narrative.facts import build_facts
from quant_gen_ai.narrative.number_guard import check_numbers
from quant_gen_ai.narrative.paper_facts import build_paper_facts
from quant_gen_ai.prompts.builtin import NARRATIVE, PAPER_NARRATIVE
from quant_gen_ai.services.backtest_source import fetch_backtest_bundle
from quant_gen_ai.services.llm_service import LLMService
from quant_gen_ai.services.paper_run_source import fetch_paper_comparison
from quant_shared.auth import Principal
from quant_shared.enums import NarrativeStatus
from quant_shared.errors import NotFoundError, ProblemError
from quant_shared.http import ServiceClients
from quant_shared.pagination import PageParams, paginate

Sources = tuple[str, dict[str, Any], dict[str, list]]  # (prompt name, facts, chart series)


class NarrativeService:
    def __init__(self, llm: LLMService, clients: ServiceClients, principal: Principal) -> None:
        self.llm, self.clients, self.principal = llm, clients, principal

    async def create(
        self, backtest_id: str | None = None, paper_run_id: str | None = None
    ) -> NarrativeReport:
        """Fetch first (404/409 before anything is written), then write and store the report."""
        report = NarrativeReport(
            owner_id=self.principal.user_id, backtest_id=backtest_id, paper_run_id=paper_run_id
        )
        return await self._write(report, await self._sources(report))

    async def _sources(self, report: NarrativeReport) -> Sources:
        if report.paper_run_id is not None:
            comparison = await fetch_paper_comparison(self.clients, report.paper_run_id, self.principal)
            return PAPER_NARRATIVE, build_paper_facts(comparison), {}
        backtest, trades, series = await fetch_backtest_bundle(
            self.clients, report.backtest_id or "", self.principal
        )
        return NARRATIVE, build_facts(backtest, trades, series), series

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
                sources = await self._sources(report)
            except ProblemError as exc:
                report.status, report.error = NarrativeStatus.FAILED, str(exc.detail or exc.title)
                await report.save()
                return report
            report = await self._write(report, sources)
        return report

    async def list_reports(
        self, params: PageParams, backtest_id: str | None = None, paper_run_id: str | None = None
    ) -> dict:
        filters = {"owner_id": self.principal.user_id}
        if backtest_id:
            filters["backtest_id"] = backtest_id
        if paper_run_id:
            filters["paper_run_id"] = paper_run_id
        return await paginate(NarrativeReport.find(filters), params, sort=[("created_at", -1)])

    async def _write(self, report: NarrativeReport, sources: Sources) -> NarrativeReport:
        prompt, facts, series = sources
        response, rendered = await self.llm.ask(
            prompt=prompt,
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
