"""``/ml/models``: the model registry (versions, lifecycle, aliases, lineage)."""

from fastapi import APIRouter, Depends, Query

from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.model_metrics import ModelMetrics
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_ml_platform.schemas.common import ModelName
from quant_ml_platform.schemas.convert import (
    experiment_out,
    feature_version_out,
    model_out,
    model_version_out,
)
from quant_ml_platform.schemas.model import (
    AliasIn,
    LineageOut,
    ModelMetricsOut,
    ModelOut,
    ModelVersionOut,
    RegisterVersionIn,
    StatusIn,
)
from quant_ml_platform.services.experiment_service import ExperimentService
from quant_ml_platform.services.model_admin_service import archive_model, delete_model
from quant_ml_platform.services.registry_service import RegistryService
from quant_shared.auth import Principal, require_user
from quant_shared.enums import ModelAlias, ModelStatus
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/ml/models", tags=["ML Models"])


@router.get("", response_model=Page[ModelOut], summary="List your registered models (filter by status)")
async def list_models(
    params: PageParams = Depends(page_params),
    status: ModelStatus | None = Query(None),
    principal: Principal = Depends(require_user),
) -> dict:
    filters: dict = {"owner_id": principal.user_id}
    if status:
        filters["status"] = status
    return await paginate(RegisteredModel.find(filters), params, sort=[("name", 1)], convert=model_out)


@router.get("/{name}", response_model=ModelOut, summary="One registered model")
async def get_model(name: str, principal: Principal = Depends(require_user)) -> ModelOut:
    return model_out(await RegistryService(principal.user_id).model(name))


@router.post("/{name}/archive", response_model=ModelOut, summary="Archive a model (stops its deployments)")
async def archive(name: str, principal: Principal = Depends(require_user)) -> ModelOut:
    return model_out(await archive_model(await RegistryService(principal.user_id).model(name)))


@router.delete("/{name}", status_code=204, summary="Delete a model with its versions and deployments")
async def delete(name: str, principal: Principal = Depends(require_user)) -> None:
    await delete_model(await RegistryService(principal.user_id).model(name))


@router.post(
    "/{name}/versions",
    response_model=ModelVersionOut,
    status_code=201,
    summary="Register a completed experiment as the model's next version (creates the model if new)",
)
async def register_version(
    name: ModelName, body: RegisterVersionIn, principal: Principal = Depends(require_user)
) -> ModelVersionOut:
    version = await RegistryService(principal.user_id).register(name, body.experiment_id, body.description)
    return model_version_out(version)


@router.get("/{name}/versions", response_model=list[ModelVersionOut], summary="Every version of a model")
async def list_versions(name: str, principal: Principal = Depends(require_user)) -> list[ModelVersionOut]:
    model = await RegistryService(principal.user_id).model(name)
    versions = await ModelVersion.find({"model_id": model.id}).sort("version").to_list()
    return [model_version_out(v) for v in versions]


@router.get("/{name}/versions/{version}", response_model=ModelVersionOut, summary="One model version")
async def get_version(
    name: str, version: int, principal: Principal = Depends(require_user)
) -> ModelVersionOut:
    return model_version_out(await RegistryService(principal.user_id).version(name, version))


@router.patch(
    "/{name}/versions/{version}",
    response_model=ModelVersionOut,
    summary="Move a version through its lifecycle",
)
async def set_status(
    name: str, version: int, body: StatusIn, principal: Principal = Depends(require_user)
) -> ModelVersionOut:
    return model_version_out(await RegistryService(principal.user_id).set_status(name, version, body.status))


@router.get(
    "/{name}/versions/{version}/lineage",
    response_model=LineageOut,
    summary="Version -> experiment -> features",
)
async def lineage(name: str, version: int, principal: Principal = Depends(require_user)) -> LineageOut:
    found = await RegistryService(principal.user_id).version(name, version)
    experiment = await ExperimentService(principal.user_id).get(found.experiment_id)
    features = await FeatureVersion.find({"_id": {"$in": found.feature_version_ids}}).to_list()
    order = {fid: i for i, fid in enumerate(found.feature_version_ids)}
    features.sort(key=lambda f: order[f.id])
    return LineageOut(
        version=model_version_out(found),
        experiment=experiment_out(experiment),
        features=[feature_version_out(f) for f in features],
    )


@router.get(
    "/{name}/versions/{version}/metrics",
    response_model=list[ModelMetricsOut],
    summary="Metrics recorded for a version (training and evaluations)",
)
async def version_metrics(
    name: str, version: int, principal: Principal = Depends(require_user)
) -> list[ModelMetricsOut]:
    found = await RegistryService(principal.user_id).version(name, version)
    rows = await ModelMetrics.find({"model_version_id": found.id}).sort("created_at").to_list()
    return [ModelMetricsOut(source=r.source, metrics=r.metrics, created_at=r.created_at) for r in rows]


@router.put(
    "/{name}/aliases/{alias}", response_model=ModelOut, summary="Point an alias at a version (atomic)"
)
async def set_alias(
    name: str, alias: ModelAlias, body: AliasIn, principal: Principal = Depends(require_user)
) -> ModelOut:
    return model_out(await RegistryService(principal.user_id).set_alias(name, alias, body.version))


@router.delete("/{name}/aliases/{alias}", response_model=ModelOut, summary="Remove an alias")
async def remove_alias(
    name: str, alias: ModelAlias, principal: Principal = Depends(require_user)
) -> ModelOut:
    return model_out(await RegistryService(principal.user_id).remove_alias(name, alias))


@router.post(
    "/{name}/aliases/promote", response_model=ModelOut, summary="Challenger becomes champion (atomic)"
)
async def promote(name: str, principal: Principal = Depends(require_user)) -> ModelOut:
    return model_out(await RegistryService(principal.user_id).promote_challenger(name))
