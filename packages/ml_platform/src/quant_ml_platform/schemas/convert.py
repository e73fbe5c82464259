"""Document -> response model conversions."""

from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.feature import Feature, FeatureVersion
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_ml_platform.schemas.deployment import DeploymentOut
from quant_ml_platform.schemas.experiment import ExperimentOut
from quant_ml_platform.schemas.feature import FeatureOut, FeatureVersionOut
from quant_ml_platform.schemas.model import ModelOut, ModelVersionOut


def feature_out(doc: Feature) -> FeatureOut:
    return FeatureOut(id=str(doc.id), **doc.model_dump(exclude={"id", "revision_id", "owner_id"}))


def feature_version_out(doc: FeatureVersion) -> FeatureVersionOut:
    data = doc.model_dump(include=set(FeatureVersionOut.model_fields) - {"id"})
    return FeatureVersionOut(id=str(doc.id), **data)


def experiment_out(doc: ModelExperiment) -> ExperimentOut:
    data = doc.model_dump(
        exclude={"id", "revision_id", "owner_id", "feature_version_ids", "artifact_id", "pending_events"}
    )
    return ExperimentOut(
        id=str(doc.id),
        feature_version_ids=[str(i) for i in doc.feature_version_ids],
        artifact_id=str(doc.artifact_id) if doc.artifact_id else None,
        **data,
    )


def model_out(doc: RegisteredModel) -> ModelOut:
    return ModelOut(id=str(doc.id), **doc.model_dump(exclude={"id", "revision_id"}))


def model_version_out(doc: ModelVersion) -> ModelVersionOut:
    data = doc.model_dump(include=set(ModelVersionOut.model_fields) - {"id", "experiment_id", "artifact_id"})
    data["feature_version_ids"] = [str(i) for i in doc.feature_version_ids]
    return ModelVersionOut(
        id=str(doc.id), experiment_id=str(doc.experiment_id), artifact_id=str(doc.artifact_id), **data
    )


def deployment_out(doc: ModelDeployment) -> DeploymentOut:
    return DeploymentOut(id=str(doc.id), **doc.model_dump(include=set(DeploymentOut.model_fields) - {"id"}))
