"""``/features``: the feature store (definitions, versions, materialization, point-in-time reads)."""

from fastapi import APIRouter, Depends, Query, Request, status

from quant_ml_platform.api.deps import BarsClientDep, FeatureServiceDep
from quant_ml_platform.engine.catalog import CATALOG, DESCRIPTIONS
from quant_ml_platform.schemas.common import FeatureRef, Symbol
from quant_ml_platform.schemas.convert import feature_out, feature_version_out
from quant_ml_platform.schemas.feature import (
    FeatureIn,
    FeatureOut,
    FeatureRows,
    FeatureUpdate,
    FeatureVersionOut,
    LatestValues,
    MaterializeIn,
    PointInTimeIn,
)
from quant_ml_platform.services.features import feature_store
from quant_shared.auth import CurrentUser
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted

router = APIRouter(prefix="/features", tags=["Features"])


@router.get("/catalog", summary="Transformations a feature can use, with their parameters")
async def catalog(principal: CurrentUser) -> list[dict]:
    return [
        {
            "transformation": t.value,
            "description": DESCRIPTIONS[t],
            "params": {k: {"default": d, "min": lo, "max": hi} for k, (d, lo, hi) in spec.items()},
        }
        for t, spec in CATALOG.items()
    ]


@router.post("", response_model=FeatureOut, status_code=201, summary="Define a feature (version 1)")
async def create_feature(body: FeatureIn, features: FeatureServiceDep) -> FeatureOut:
    feature, _ = await features.create(body)
    return feature_out(feature)


@router.get("", response_model=Page[FeatureOut], summary="List your features")
async def list_features(features: FeatureServiceDep, params: PageParams = Depends(page_params)) -> dict:
    return await paginate(features.list(), params, sort=[("name", 1)], convert=feature_out)


@router.get("/latest", response_model=LatestValues, summary="Latest stored values for serving")
async def latest_values(
    symbol: Symbol,
    service: FeatureServiceDep,
    bars: BarsClientDep,
    features: list[FeatureRef] = Query(..., min_length=1, max_length=50),
) -> LatestValues:
    values, stamps = await service.latest(features, symbol, bars)
    return LatestValues(symbol=symbol, values=values, timestamps=stamps)


@router.post("/point-in-time", response_model=FeatureRows, summary="Values as known at each given time")
async def point_in_time(body: PointInTimeIn, features: FeatureServiceDep, bars: BarsClientDep) -> FeatureRows:
    versions, rows = await features.point_in_time(body, bars)
    return FeatureRows(symbol=body.symbol, features=[feature_store.ref(v) for v in versions], rows=rows)


@router.post(
    "/materializations",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Compute and store feature values over market-data bars (a task)",
)
async def materialize_features(
    body: MaterializeIn, request: Request, features: FeatureServiceDep, bars: BarsClientDep
) -> TaskAccepted:
    return await features.materialize(request.app, body, bars)


@router.get("/{name}", response_model=FeatureOut, summary="One feature definition")
async def get_feature(name: str, features: FeatureServiceDep) -> FeatureOut:
    return feature_out(await features.get(name))


@router.patch(
    "/{name}", response_model=FeatureOut, summary="Change a feature; a new definition is a new version"
)
async def update_feature(name: str, body: FeatureUpdate, features: FeatureServiceDep) -> FeatureOut:
    feature, _ = await features.update(name, body)
    return feature_out(feature)


@router.delete("/{name}", status_code=204, summary="Delete a feature, its versions and values")
async def delete_feature(name: str, features: FeatureServiceDep) -> None:
    await features.delete(name)


@router.get("/{name}/versions", response_model=list[FeatureVersionOut], summary="Every version of a feature")
async def list_versions(name: str, features: FeatureServiceDep) -> list[FeatureVersionOut]:
    return [feature_version_out(v) for v in await features.versions(name)]


@router.get("/{name}/versions/{version}", response_model=FeatureVersionOut, summary="One frozen version")
async def get_version(name: str, version: int, features: FeatureServiceDep) -> FeatureVersionOut:
    return feature_version_out(await features.version(name, version))
