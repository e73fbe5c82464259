"""Archiving and deleting a whole registered model (its owner or an admin)."""

from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.model_metrics import ModelMetrics
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_shared.enums import DeploymentStatus, ModelStatus


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
