"""Deployments: one active primary per environment, plus an optional canary and shadow."""

from beanie import PydanticObjectId

from quant_ml_platform.engine.signals import routing_bucket
from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.deployment_signal import DeploymentSignal
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_ml_platform.schemas.deployment import DeploymentIn
from quant_ml_platform.services.deployments.deployment_events import deployed_event
from quant_ml_platform.services.registry.registry_service import RegistryService
from quant_shared.enums import DeploymentEnvironment, DeploymentMode, DeploymentStatus, ModelStatus
from quant_shared.errors import NotFoundError, ValidationProblem
from quant_shared.events import insert_with_events

MODES = {mode: DeploymentStatus(mode.value) for mode in DeploymentMode}  # a new deployment's status


class DeploymentService:
    def __init__(self, owner_id: str) -> None:
        self.owner_id = owner_id
        self.registry = RegistryService(owner_id)

    def owned(self, **filters) -> dict:
        """The owner filter of every deployment query: another user's deployment is not found."""
        return {"owner_id": self.owner_id, **filters}

    async def signals(self, name: str, deployment_id: PydanticObjectId) -> list[DeploymentSignal]:
        """The signals the deployment started on its symbols (written when it was deployed)."""
        deployment = await self.get(name, deployment_id)
        return await DeploymentSignal.find({"deployment_id": deployment.id}).sort([("symbol", 1)]).to_list()

    async def _live(self, model: RegisteredModel, env: DeploymentEnvironment, status: DeploymentStatus):
        return await ModelDeployment.find_one({"model_id": model.id, "environment": env, "status": status})

    async def deploy(self, name: str, body: DeploymentIn) -> ModelDeployment:
        model = await self.registry.model(name)
        version = await ModelVersion.find_one({"model_id": model.id, "version": body.version})
        if version is None:
            raise ValidationProblem.field("body.version", f"model {name!r} has no version {body.version}")
        if version.status == ModelStatus.ARCHIVED:
            raise ValidationProblem.field("body.version", "an archived version cannot be deployed")
        status = MODES[body.mode]
        if status != DeploymentStatus.ACTIVE and not await self._live(
            model, body.environment, DeploymentStatus.ACTIVE
        ):
            raise ValidationProblem.field(
                "body.mode", f"a {body.mode.value} deployment needs an active one first"
            )
        previous = await self._live(model, body.environment, status)
        deployment = ModelDeployment(
            id=PydanticObjectId(),
            owner_id=self.owner_id,
            model_id=model.id,
            model_name=name,
            version=version.version,
            model_version_id=version.id,
            environment=body.environment,
            status=status,
            traffic_percent=body.traffic_percent if status == DeploymentStatus.CANARY else 100.0,
        )
        if status == DeploymentStatus.ACTIVE:
            await insert_with_events(deployment, await deployed_event(deployment, version))
        else:
            await deployment.insert()
        if previous is not None:
            await ModelDeployment.find_one(ModelDeployment.id == previous.id).update(
                {"$set": {"status": DeploymentStatus.INACTIVE}}
            )
        return deployment

    async def list(self, name: str) -> list[ModelDeployment]:
        model = await self.registry.model(name)
        return await ModelDeployment.find({"model_id": model.id}).sort([("created_at", -1)]).to_list()

    async def get(self, name: str, deployment_id: PydanticObjectId) -> ModelDeployment:
        found = await ModelDeployment.find_one(self.owned(_id=deployment_id, model_name=name))
        if found is None:
            raise NotFoundError(f"Deployment {deployment_id} not found")
        return found

    async def stop(self, name: str, deployment_id: PydanticObjectId) -> ModelDeployment:
        found = await self.get(name, deployment_id)
        found.status = DeploymentStatus.INACTIVE
        await found.save()
        return found

    async def active(self, name: str, env: DeploymentEnvironment) -> ModelDeployment:
        model = await self.registry.model(name)
        primary = await self._live(model, env, DeploymentStatus.ACTIVE)
        if primary is None:
            raise ValidationProblem.field("path.name", f"model {name!r} has no active {env.value} deployment")
        return primary

    async def route(
        self, name: str, env: DeploymentEnvironment, routing_key: str
    ) -> tuple[ModelDeployment, ModelDeployment | None]:
        """(deployment answering this request, shadow to run alongside or None)."""
        primary = await self.active(name, env)
        model = await self.registry.model(name)
        canary = await self._live(model, env, DeploymentStatus.CANARY)
        serving = canary if canary and routing_bucket(routing_key) < canary.traffic_percent else primary
        return serving, await self._live(model, env, DeploymentStatus.SHADOW)
