"""``/ml/models/{name}/deployments/{id}/signals``: the signals a deployment started (ModelDeployed)."""

from beanie import PydanticObjectId
from fastapi import APIRouter

from quant_ml_platform.api.deps import DeploymentServiceDep
from quant_ml_platform.schemas.deployment_signal import DeploymentSignalOut

router = APIRouter(prefix="/ml/models", tags=["ML Deployments"])


@router.get(
    "/{name}/deployments/{deployment_id}/signals",
    response_model=list[DeploymentSignalOut],
    summary="Signals the deployment started on its symbols (written when it was deployed)",
)
async def deployment_signals(
    name: str, deployment_id: PydanticObjectId, deployments: DeploymentServiceDep
) -> list[DeploymentSignalOut]:
    return [DeploymentSignalOut.of(doc) for doc in await deployments.signals(name, deployment_id)]
