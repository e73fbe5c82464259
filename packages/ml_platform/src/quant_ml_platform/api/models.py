"""``/ml/models``: the model registry (versions, lifecycle, aliases, lineage)."""

from fastapi import APIRouter, Depends, Query

from quant_ml_platform.api.deps import RegistryServiceDep
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
from quant_shared.enums import ModelAlias, ModelStatus
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/ml/models", tags=["ML Models"])


@router.get("", response_model=Page[ModelOut], summary="List your registered models (filter by status)")
async def list_models(
    registry: RegistryServiceDep,
    params: PageParams = Depends(page_params),
    status: ModelStatus | None = Query(None),
) -> dict:
    return await paginate(registry.list(status), params, sort=[("name", 1)], convert=model_out)


@router.get("/{name}", response_model=ModelOut, summary="One registered model")
async def get_model(name: str, registry: RegistryServiceDep) -> ModelOut:
    return model_out(await registry.model(name))


@router.post("/{name}/archive", response_model=ModelOut, summary="Archive a model (stops its deployments)")
async def archive(name: str, registry: RegistryServiceDep) -> ModelOut:
    return model_out(await registry.archive(name))


@router.delete("/{name}", status_code=204, summary="Delete a model with its versions and deployments")
async def delete(name: str, registry: RegistryServiceDep) -> None:
    await registry.delete(name)


@router.post(
    "/{name}/versions",
    response_model=ModelVersionOut,
    status_code=201,
    summary="Register a completed experiment as the model's next version (creates the model if new)",
)
async def register_version(
    name: ModelName, body: RegisterVersionIn, registry: RegistryServiceDep
) -> ModelVersionOut:
    version = await registry.register(name, body.experiment_id, body.description)
    return model_version_out(version)


@router.get("/{name}/versions", response_model=list[ModelVersionOut], summary="Every version of a model")
async def list_versions(name: str, registry: RegistryServiceDep) -> list[ModelVersionOut]:
    return [model_version_out(v) for v in await registry.versions(name)]


@router.get("/{name}/versions/{version}", response_model=ModelVersionOut, summary="One model version")
async def get_version(name: str, version: int, registry: RegistryServiceDep) -> ModelVersionOut:
    return model_version_out(await registry.version(name, version))


@router.patch(
    "/{name}/versions/{version}",
    response_model=ModelVersionOut,
    summary="Move a version through its lifecycle",
)
async def set_status(
    name: str, version: int, body: StatusIn, registry: RegistryServiceDep
) -> ModelVersionOut:
    return model_version_out(await registry.set_status(name, version, body.status))


@router.get(
    "/{name}/versions/{version}/lineage",
    response_model=LineageOut,
    summary="Version -> experiment -> features",
)
async def lineage(name: str, version: int, registry: RegistryServiceDep) -> LineageOut:
    found, experiment, features = await registry.lineage(name, version)
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
async def version_metrics(name: str, version: int, registry: RegistryServiceDep) -> list[ModelMetricsOut]:
    rows = await registry.metrics(name, version)
    return [ModelMetricsOut(source=r.source, metrics=r.metrics, created_at=r.created_at) for r in rows]


@router.put(
    "/{name}/aliases/{alias}", response_model=ModelOut, summary="Point an alias at a version (atomic)"
)
async def set_alias(name: str, alias: ModelAlias, body: AliasIn, registry: RegistryServiceDep) -> ModelOut:
    return model_out(await registry.set_alias(name, alias, body.version))


@router.delete("/{name}/aliases/{alias}", response_model=ModelOut, summary="Remove an alias")
async def remove_alias(name: str, alias: ModelAlias, registry: RegistryServiceDep) -> ModelOut:
    return model_out(await registry.remove_alias(name, alias))


@router.post(
    "/{name}/promotions", response_model=ModelOut, summary="Promote: the challenger becomes champion (atomic)"
)
async def promote(name: str, registry: RegistryServiceDep) -> ModelOut:
    return model_out(await registry.promote_challenger(name))
