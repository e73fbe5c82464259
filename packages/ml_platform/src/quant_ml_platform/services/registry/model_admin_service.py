"""Archiving and deleting a whole registered model (its owner or an admin)."""

from beanie import PydanticObjectId

from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.model_metrics import ModelMetrics
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_shared.enums import DeploymentStatus, ModelStatus
from quant_shared.errors import NotFoundError
from quant_shared.pagination import PageParams, paginate


async def archive_model(model: RegisteredModel) -> RegisteredModel:
    """Every deployment stopped, every version archived, aliases cleared."""
    await ModelDeployment.find({"model_id": model.id}).update({"$set": {"status": DeploymentStatus.INACTIVE}})
    await ModelVersion.find({"model_id": model.id}).update({"$set": {"status": ModelStatus.ARCHIVED}})
    await RegisteredModel.find_one(RegisteredModel.id == model.id).update(
        {"$set": {"status": ModelStatus.ARCHIVED, "aliases": {}}}
    )
    return await RegisteredModel.get(model.id)


async def delete_model(model: RegisteredModel) -> None:
    """The model, its versions, deployments, logged predictions and metrics (experiments stay)."""
    versions = await ModelVersion.find({"model_id": model.id}).to_list()
    deployments = await ModelDeployment.find({"model_id": model.id}).to_list()
    await PredictionLog.find({"deployment_id": {"$in": [d.id for d in deployments]}}).delete()
    await ModelMetrics.find({"model_version_id": {"$in": [v.id for v in versions]}}).delete()
    await ModelDeployment.find({"model_id": model.id}).delete()
    await ModelVersion.find({"model_id": model.id}).delete()
    await model.delete()


class ModelAdminService:
    """Every user's models, for an admin: no owner filter here, the route takes ``AdminUser``."""

    async def model(self, model_id: PydanticObjectId) -> RegisteredModel:
        found = await RegisteredModel.get(model_id)
        if found is None:
            raise NotFoundError(f"Model {model_id} not found")
        return found

    async def page(
        self, params: PageParams, status: ModelStatus | None, owner_id: str | None
    ) -> tuple[dict, dict[PydanticObjectId, list[ModelDeployment]]]:
        """A page of models, newest first, and the deployments of each (newest first)."""
        filters = {k: v for k, v in {"status": status, "owner_id": owner_id}.items() if v}
        page = await paginate(RegisteredModel.find(filters), params, sort=[("created_at", -1)])
        ids = [m.id for m in page["items"]]
        found = await ModelDeployment.find({"model_id": {"$in": ids}}).sort([("created_at", -1)]).to_list()
        by_model: dict[PydanticObjectId, list[ModelDeployment]] = {i: [] for i in ids}
        for deployment in found:
            by_model[deployment.model_id].append(deployment)
        return page, by_model

    async def archive(self, model_id: PydanticObjectId) -> RegisteredModel:
        return await archive_model(await self.model(model_id))

    async def delete(self, model_id: PydanticObjectId) -> None:
        await delete_model(await self.model(model_id))
