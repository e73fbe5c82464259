"""``/ml/models/{name}/deployments``: deploy versions as active, canary or shadow; stop them."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Request

from quant_ml_platform.api.deps import DeploymentServiceDep
from quant_ml_platform.schemas.convert import deployment_out
from quant_ml_platform.schemas.deployment import DeploymentIn, DeploymentOut

router = APIRouter(prefix="/ml/models", tags=["ML Deployments"])


@router.post(
    "/{name}/deployments",
    response_model=DeploymentOut,
    status_code=201,
    summary="Deploy a version (active replaces the previous primary; canary/shadow need a primary)",
)
async def deploy(
    name: str, body: DeploymentIn, request: Request, deployments: DeploymentServiceDep
) -> DeploymentOut:
    deployment = await deployments.deploy(name, body)
    request.app.state.outbox.notify()  # an active deployment announces ModelDeployed
    return deployment_out(deployment)


@router.get("/{name}/deployments", response_model=list[DeploymentOut], summary="A model's deployments")
async def list_deployments(name: str, deployments: DeploymentServiceDep) -> list[DeploymentOut]:
    return [deployment_out(d) for d in await deployments.list(name)]


@router.post(
    "/{name}/deployments/{deployment_id}/stop",
    response_model=DeploymentOut,
    summary="Make a deployment inactive",
)
async def stop_deployment(
    name: str, deployment_id: PydanticObjectId, deployments: DeploymentServiceDep
) -> DeploymentOut:
    return deployment_out(await deployments.stop(name, deployment_id))
