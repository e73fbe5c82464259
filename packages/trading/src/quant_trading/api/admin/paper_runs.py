"""``/admin/paper-runs``: every user's paper runs, and the kill switch stopping all of them at once."""

from fastapi import APIRouter, Depends, Query

from quant_shared.enums import PaperRunStatus
from quant_shared.pagination import Page, PageParams, page_params
from quant_shared.schema import BaseSchema
from quant_trading.api.paper_deps import AdminPaperRunServiceDep
from quant_trading.schemas.paper_run import PaperRunOut

router = APIRouter(prefix="/admin/paper-runs", tags=["Admin Backtests"])


class KillSwitchResult(BaseSchema):
    stopped: int


@router.get("", response_model=Page[PaperRunOut], summary="Every user's paper runs")
async def list_all_paper_runs(
    runs: AdminPaperRunServiceDep,
    params: PageParams = Depends(page_params),
    status_: PaperRunStatus | None = Query(None, alias="status"),
) -> dict:
    return await runs.page(status_, params)


@router.post(
    "/stop-all", response_model=KillSwitchResult, summary="Kill switch: stop every running paper run"
)
async def stop_all_paper_runs(runs: AdminPaperRunServiceDep) -> KillSwitchResult:
    return KillSwitchResult(stopped=await runs.stop_all())
