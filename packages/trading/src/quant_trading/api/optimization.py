"""``/optimization``: parameter searches and walk-forward analyses as tasks; their trials."""

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quant_shared.http import service_clients
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted
from quant_trading.api.deps import OptimizationServiceDep
from quant_trading.schemas.optimization import OptimizationCreate, OptimizationOut, TrialOut

router = APIRouter(prefix="/optimization", tags=["Optimization"])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Search parameters (grid / random / Bayesian), optionally walk-forward, as a task",
)
async def create_optimization(
    body: OptimizationCreate, request: Request, optimizations: OptimizationServiceDep
) -> TaskAccepted:
    return await optimizations.submit(request.app, service_clients(request), body)


@router.get("", response_model=Page[OptimizationOut], summary="Your optimization runs, newest first")
async def list_optimizations(
    optimizations: OptimizationServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    return await paginate(optimizations.query(), params, convert=OptimizationOut.of)


@router.get("/{run_id}", response_model=OptimizationOut, summary="One run: best parameters, deflated Sharpe")
async def get_optimization(run_id: str, optimizations: OptimizationServiceDep) -> OptimizationOut:
    return OptimizationOut.of(await optimizations.get(run_id))


@router.get("/{run_id}/trials", response_model=Page[TrialOut], summary="The run's trials")
async def list_optimization_trials(
    run_id: str,
    optimizations: OptimizationServiceDep,
    params: PageParams = Depends(page_params),
    best_first: bool = Query(False, description="Order by objective value instead of trial number."),
) -> dict:
    return await paginate(await optimizations.trials(run_id, best_first), params, convert=TrialOut.of)


@router.post(
    "/{run_id}/cancel",
    response_model=OptimizationOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Stop a run",
)
async def cancel_optimization(run_id: str, optimizations: OptimizationServiceDep) -> OptimizationOut:
    return OptimizationOut.of(await optimizations.cancel(run_id))


@router.delete("/{run_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a run and its trials")
async def delete_optimization(run_id: str, optimizations: OptimizationServiceDep) -> Response:
    await optimizations.delete(run_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
