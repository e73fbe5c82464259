"""Narratives: backtest reports, and a paper run's drift from its backtest, written from verified facts."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_gen_ai.api.deps import NarrativeServiceDep
from quant_gen_ai.narrative.report_formats import render_report
from quant_gen_ai.schemas.narrative import NarrativeCreate, NarrativeOut
from quant_shared.enums import NarrativeStatus, ReportFormat
from quant_shared.errors import ConflictError
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/narratives", tags=["Narratives"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=NarrativeOut)
async def create_narrative(service: NarrativeServiceDep, body: NarrativeCreate) -> NarrativeOut:
    """Write a narrative for one of your completed backtests, or explain how one of your paper runs drifted
    from a backtest over the same period (``paper_run_id``); every figure is checked by the number guard."""
    body.check_one_source()
    return NarrativeOut.of(await service.create(body.backtest_id, body.paper_run_id))


@router.get("", response_model=Page[NarrativeOut])
async def list_narratives(
    service: NarrativeServiceDep,
    params: PageParams = Depends(page_params),
    backtest_id: str | None = Query(None, max_length=64),
    paper_run_id: str | None = Query(None, max_length=64),
) -> dict:
    page = await service.list_reports(params, backtest_id, paper_run_id)
    page["items"] = [NarrativeOut.of(r) for r in page["items"]]
    return page


@router.get("/{narrative_id}", response_model=NarrativeOut)
async def get_narrative(service: NarrativeServiceDep, narrative_id: str) -> NarrativeOut:
    """One narrative; one requested by a BacktestCompleted event is written on this first read."""
    return NarrativeOut.of(await service.get(narrative_id))


@router.get("/{narrative_id}/content", response_class=Response)
async def get_narrative_content(
    service: NarrativeServiceDep,
    narrative_id: str,
    format: ReportFormat = Query(
        ReportFormat.MARKDOWN, description="markdown, html (inline SVG charts) or json"
    ),
) -> Response:
    """The report as a document; a narrative that failed the number guard is not served (409)."""
    report = await service.get(narrative_id)
    if report.status != NarrativeStatus.GENERATED or not report.guard_passed:
        raise ConflictError(
            f"Narrative {narrative_id} is {report.status}; it is not served as fact",
            violations=report.guard_violations,
        )
    body, media_type = render_report(report, format)
    return Response(content=body, media_type=media_type)
