"""``/ml/models/{name}/deployments/{id}/signals``: the signals a deployment started (ModelDeployed)."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends

from quant_ml_platform.models.deployment_signal import DeploymentSignal
from quant_ml_platform.schemas.deployment_signal import DeploymentSignalOut
from quant_ml_platform.services.deployment_service import DeploymentService
from quant_shared.auth import Principal, require_user

router = APIRouter(prefix="/ml/models", tags=["ML Models"])


@router.get(
    "/{name}/deployments/{deployment_id}/signals",
    response_model=list[DeploymentSignalOut],
    summary="Signals the deployment started on its symbols (written when it was deployed)",
)
async def deployment_signals(
    name: str, deployment_id: PydanticObjectId, principal: Principal = Depends(require_user)
) -> list[DeploymentSignalOut]:
    deployment = await DeploymentService(principal.user_id).get(name, deployment_id)
    found = await DeploymentSignal.find({"deployment_id": deployment.id}).sort([("symbol", 1)]).to_list()
    return [DeploymentSignalOut.of(doc) for doc in found]
