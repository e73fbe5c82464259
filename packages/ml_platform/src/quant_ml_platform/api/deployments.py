"""``/ml/models/{name}/deployments``: deploy versions as active, canary or shadow; stop them."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Request

from quant_ml_platform.schemas.convert import deployment_out
from quant_ml_platform.schemas.deployment import DeploymentIn, DeploymentOut
from quant_ml_platform.services.deployment_service import DeploymentService
from quant_shared.auth import Principal, require_user

router = APIRouter(prefix="/ml/models", tags=["ML Models"])


@router.post(
    "/{name}/deployments",
    response_model=DeploymentOut,
    status_code=201,
    summary="Deploy a version (active replaces the previous primary; canary/shadow need a primary)",
)
async def deploy(
    name: str, body: DeploymentIn, request: Request, principal: Principal = Depends(require_user)
) -> DeploymentOut:
    deployment = await DeploymentService(principal.user_id).deploy(name, body)
    request.app.state.outbox.notify()  # an active deployment announces ModelDeployed
    return deployment_out(deployment)


@router.get("/{name}/deployments", response_model=list[DeploymentOut], summary="A model's deployments")
async def list_deployments(name: str, principal: Principal = Depends(require_user)) -> list[DeploymentOut]:
    return [deployment_out(d) for d in await DeploymentService(principal.user_id).list(name)]


@router.post(
    "/{name}/deployments/{deployment_id}/stop",
    response_model=DeploymentOut,
    summary="Make a deployment inactive",
)
async def stop_deployment(
    name: str, deployment_id: PydanticObjectId, principal: Principal = Depends(require_user)
) -> DeploymentOut:
    return deployment_out(await DeploymentService(principal.user_id).stop(name, deployment_id))
