"""``/ml/experiments``: train models with walk-forward validation (a task) and read their records."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query, Request, status

from quant_ml_platform.api.deps import BarsClientDep, ExperimentServiceDep, StrategiesClientDep
from quant_ml_platform.schemas.convert import experiment_out
from quant_ml_platform.schemas.experiment import ExperimentIn, ExperimentOut
from quant_shared.enums import ExperimentStatus
from quant_shared.events.outbox_dep import OutboxDep, send_now
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted

router = APIRouter(prefix="/ml/experiments", tags=["ML Experiments"])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Train a model on materialized features (a task; walk-forward validation)",
    description="`strategy_id`, when given, must be one of your strategies (the strategy lists it).",
)
async def create_experiment(
    body: ExperimentIn,
    request: Request,
    experiments: ExperimentServiceDep,
    bars: BarsClientDep,
    strategies: StrategiesClientDep,
) -> TaskAccepted:
    return await experiments.create(request.app, body, bars, strategies)


@router.get("", response_model=Page[ExperimentOut], summary="List your experiments, newest first")
async def list_experiments(
    experiments: ExperimentServiceDep,
    params: PageParams = Depends(page_params),
    status_: ExperimentStatus | None = Query(None, alias="status"),
    strategy_id: str | None = Query(None, max_length=64, description="Experiments serving this strategy."),
) -> dict:
    query = experiments.list(status_, strategy_id)
    return await paginate(query, params, sort=[("created_at", -1)], convert=experiment_out)


@router.get("/{experiment_id}", response_model=ExperimentOut, summary="One experiment with its metrics")
async def get_experiment(experiment_id: PydanticObjectId, experiments: ExperimentServiceDep) -> ExperimentOut:
    return experiment_out(await experiments.get(experiment_id))


@router.delete("/{experiment_id}", status_code=204, summary="Delete an experiment not used by a model")
async def delete_experiment(
    experiment_id: PydanticObjectId, experiments: ExperimentServiceDep, outbox: OutboxDep
) -> None:
    await experiments.delete(experiment_id)
    await send_now(outbox)  # ExperimentDeleted
