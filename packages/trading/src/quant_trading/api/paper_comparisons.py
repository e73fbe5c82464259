"""``/paper-runs/{id}/comparison``: a paper run against a backtest of its strategy over the same period."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from quant_shared.auth import CurrentUser
from quant_shared.http import service_clients
from quant_trading.schemas.paper_comparison import PaperComparisonDetail
from quant_trading.services.paper.paper_comparison import PaperComparisonService

router = APIRouter(prefix="/paper-runs", tags=["Signals"])


async def paper_comparison_service(principal: CurrentUser) -> PaperComparisonService:
    return PaperComparisonService(principal)


PaperComparisonServiceDep = Annotated[PaperComparisonService, Depends(paper_comparison_service)]


@router.get(
    "/{run_id}/comparison",
    response_model=PaperComparisonDetail,
    summary="Drift from a backtest over the same period: P&L, fills, and the bars market data holds now",
)
async def compare_paper_run(
    run_id: str, request: Request, comparisons: PaperComparisonServiceDep
) -> PaperComparisonDetail:
    return await comparisons.compare(service_clients(request), run_id)
