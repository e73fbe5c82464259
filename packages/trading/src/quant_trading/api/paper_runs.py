"""``/paper-runs``: start a strategy on live bars with simulated cash, follow it, compare it, stop it."""

from fastapi import APIRouter, Depends, Query, Request, status

from quant_shared.enums import PaperRunStatus
from quant_shared.http import service_clients
from quant_shared.pagination import Page, PageParams, page_params
from quant_trading.api.paper_deps import PaperComparisonServiceDep, PaperRunServiceDep
from quant_trading.schemas.paper_comparison import PaperComparisonDetail
from quant_trading.schemas.paper_run import (
    PaperEquityOut,
    PaperFillOut,
    PaperOrderOut,
    PaperRunCreate,
    PaperRunDetail,
    PaperRunOut,
)
from quant_trading.services.paper.paper_views import run_detail

router = APIRouter(prefix="/paper-runs", tags=["Signals"])


@router.post(
    "",
    response_model=PaperRunDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Start a paper run (bars since start are replayed at once, then each appended bar is run)",
)
async def create_paper_run(
    body: PaperRunCreate, request: Request, runs: PaperRunServiceDep
) -> PaperRunDetail:
    run = await runs.create(service_clients(request), body)
    return run_detail(run, await runs.books(run))


@router.get("", response_model=Page[PaperRunOut], summary="Your paper runs, newest first")
async def list_paper_runs(
    runs: PaperRunServiceDep,
    params: PageParams = Depends(page_params),
    status_: PaperRunStatus | None = Query(None, alias="status"),
) -> dict:
    return await runs.page(status_, params)


@router.get(
    "/{run_id}", response_model=PaperRunDetail, summary="A paper run: cash, equity, positions, status"
)
async def get_paper_run(run_id: str, runs: PaperRunServiceDep) -> PaperRunDetail:
    run = await runs.get(run_id)
    return run_detail(run, await runs.books(run))


@router.get("/{run_id}/fills", response_model=Page[PaperFillOut], summary="The run's fills, oldest first")
async def list_paper_fills(
    run_id: str, runs: PaperRunServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    return await runs.fills(run_id, params)


@router.get(
    "/{run_id}/orders",
    response_model=Page[PaperOrderOut],
    summary="Working orders: pending entries, queued exits, stop-losses and take-profits",
)
async def list_paper_orders(
    run_id: str, runs: PaperRunServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    return await runs.orders(run_id, params)


@router.get(
    "/{run_id}/equity", response_model=Page[PaperEquityOut], summary="Equity per symbol and bar (paged)"
)
async def list_paper_equity(
    run_id: str, runs: PaperRunServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    return await runs.equity(run_id, params)


@router.get(
    "/{run_id}/comparison",
    response_model=PaperComparisonDetail,
    summary="Drift from a backtest over the same period: P&L, fills, and the bars market data holds now",
)
async def compare_paper_run(
    run_id: str, request: Request, comparisons: PaperComparisonServiceDep
) -> PaperComparisonDetail:
    return await comparisons.compare(service_clients(request), run_id)


@router.post("/{run_id}/stop", response_model=PaperRunDetail, summary="Stop a paper run")
async def stop_paper_run(run_id: str, runs: PaperRunServiceDep) -> PaperRunDetail:
    run = await runs.stop(run_id)
    return run_detail(run, await runs.books(run))
