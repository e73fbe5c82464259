"""``/ml/experiments``: train models with walk-forward validation (a task) and read their records."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query, Request, status

from quant_ml_platform.api.deps import bars_client
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.schemas.convert import experiment_out
from quant_ml_platform.schemas.experiment import ExperimentIn, ExperimentOut
from quant_ml_platform.services import artifact_store
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.experiment_service import ExperimentService
from quant_ml_platform.services.task_submission import submit_training
from quant_shared.auth import Principal, require_user
from quant_shared.enums import ExperimentStatus
from quant_shared.errors import ConflictError
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted

router = APIRouter(prefix="/ml/experiments", tags=["ML Experiments"])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Train a model on materialised features (a task; walk-forward validation)",
)
async def create_experiment(
    body: ExperimentIn,
    request: Request,
    principal: Principal = Depends(require_user),
    bars: BarsClient = Depends(bars_client),
) -> TaskAccepted:
    experiment, data, _ = await ExperimentService(principal.user_id).prepare(body, bars)
    return await submit_training(request.app, experiment, data)


@router.get("", response_model=Page[ExperimentOut], summary="List your experiments, newest first")
async def list_experiments(
    params: PageParams = Depends(page_params),
    status_: ExperimentStatus | None = Query(None, alias="status"),
    strategy_id: str | None = Query(None, max_length=64, description="Experiments serving this strategy."),
    principal: Principal = Depends(require_user),
) -> dict:
    filters: dict = {"owner_id": principal.user_id}
    if status_:
        filters["status"] = status_
    if strategy_id:
        filters["strategy_id"] = strategy_id
    return await paginate(
        ModelExperiment.find(filters), params, sort=[("created_at", -1)], convert=experiment_out
    )


@router.get("/{experiment_id}", response_model=ExperimentOut, summary="One experiment with its metrics")
async def get_experiment(
    experiment_id: PydanticObjectId, principal: Principal = Depends(require_user)
) -> ExperimentOut:
    return experiment_out(await ExperimentService(principal.user_id).get(experiment_id))


@router.delete("/{experiment_id}", status_code=204, summary="Delete an experiment not used by a model")
async def delete_experiment(
    experiment_id: PydanticObjectId, principal: Principal = Depends(require_user)
) -> None:
    experiment = await ExperimentService(principal.user_id).get(experiment_id)
    if await ModelVersion.find_one({"experiment_id": experiment.id}):
        raise ConflictError("A registered model version was created from this experiment")
    if experiment.status in (ExperimentStatus.PENDING, ExperimentStatus.RUNNING):
        raise ConflictError("The experiment is still training")
    if experiment.artifact_id:
        await artifact_store.delete(experiment.artifact_id)
    await experiment.delete()
