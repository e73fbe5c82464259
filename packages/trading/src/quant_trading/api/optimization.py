"""``/optimization``: parameter searches and walk-forward analyses as tasks; their trials."""

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quant_shared.auth import Principal, require_user
from quant_shared.http import service_clients
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted
from quant_trading.models import OptimizationRun, OptimizationTrial
from quant_trading.schemas.optimization import OptimizationCreate, OptimizationOut, TrialOut
from quant_trading.services.optimization.executor import submit_optimization
from quant_trading.services.optimization.service import OptimizationService
from quant_trading.settings import trading_settings

router = APIRouter(prefix="/optimization", tags=["Optimization"])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Search parameters (grid / random / Bayesian), optionally walk-forward, as a task",
)
async def create_optimization(
    body: OptimizationCreate, request: Request, principal: Principal = Depends(require_user)
) -> TaskAccepted:
    limit = trading_settings(request.app).optimization_max_trials
    run, bars = await OptimizationService(principal).prepare(body, service_clients(request), limit)
    return await submit_optimization(request.app, principal, run, bars)


@router.get("", response_model=Page[OptimizationOut], summary="Your optimisation runs, newest first")
async def list_optimizations(
    params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    query = OptimizationRun.find({"owner_id": principal.user_id})
    return await paginate(query, params, sort=[("created_at", -1)], convert=OptimizationOut.of)


@router.get("/{run_id}", response_model=OptimizationOut, summary="One run: best parameters, deflated Sharpe")
async def get_optimization(run_id: str, principal: Principal = Depends(require_user)) -> OptimizationOut:
    return OptimizationOut.of(await OptimizationService(principal).get(run_id))


@router.get("/{run_id}/trials", response_model=Page[TrialOut], summary="The run's trials")
async def list_optimization_trials(
    run_id: str,
    params: PageParams = Depends(page_params),
    best_first: bool = Query(False, description="Order by objective value instead of trial number."),
    principal: Principal = Depends(require_user),
) -> dict:
    run = await OptimizationService(principal).get(run_id)
    sort = [("value", -1 if run.maximize else 1)] if best_first else [("number", 1)]
    query = OptimizationTrial.find({"run_id": str(run.id)})
    return await paginate(query, params, sort=sort, convert=TrialOut.of)


@router.post(
    "/{run_id}/cancel",
    response_model=OptimizationOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Stop a run",
)
async def cancel_optimization(run_id: str, principal: Principal = Depends(require_user)) -> OptimizationOut:
    service = OptimizationService(principal)
    return OptimizationOut.of(await service.cancel(await service.get(run_id)))


@router.delete("/{run_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a run and its trials")
async def delete_optimization(run_id: str, principal: Principal = Depends(require_user)) -> Response:
    service = OptimizationService(principal)
    await service.delete(await service.get(run_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
