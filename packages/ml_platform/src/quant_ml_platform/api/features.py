"""``/features``: the feature store (definitions, versions, materialisation, point-in-time reads)."""

from fastapi import APIRouter, Depends, Query, Request, status

from quant_ml_platform.api.deps import bars_client
from quant_ml_platform.engine.catalogue import CATALOGUE, DESCRIPTIONS
from quant_ml_platform.models.feature import Feature
from quant_ml_platform.schemas.common import FeatureRef, Symbol
from quant_ml_platform.schemas.convert import feature_out, feature_version_out
from quant_ml_platform.schemas.feature import (
    FeatureIn,
    FeatureOut,
    FeatureRows,
    FeatureUpdate,
    FeatureVersionOut,
    LatestValues,
    MaterialiseIn,
    PointInTimeIn,
)
from quant_ml_platform.services import feature_store
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.feature_refresh import refresh_stale
from quant_ml_platform.services.feature_service import FeatureService
from quant_ml_platform.services.materialisation_service import load_bars, max_warmup
from quant_ml_platform.services.task_submission import submit_materialisation
from quant_shared.auth import Principal, require_user
from quant_shared.errors import ValidationProblem
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted

router = APIRouter(prefix="/features", tags=["Features"])


@router.get("/catalogue", summary="Transformations a feature can use, with their parameters")
async def catalogue(principal: Principal = Depends(require_user)) -> list[dict]:
    return [
        {
            "transformation": t.value,
            "description": DESCRIPTIONS[t],
            "params": {k: {"default": d, "min": lo, "max": hi} for k, (d, lo, hi) in spec.items()},
        }
        for t, spec in CATALOGUE.items()
    ]


@router.post("", response_model=FeatureOut, status_code=201, summary="Define a feature (version 1)")
async def create_feature(body: FeatureIn, principal: Principal = Depends(require_user)) -> FeatureOut:
    feature, _ = await FeatureService(principal.user_id).create(body)
    return feature_out(feature)


@router.get("", response_model=Page[FeatureOut], summary="List your features")
async def list_features(
    params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    query = Feature.find({"owner_id": principal.user_id})
    return await paginate(query, params, sort=[("name", 1)], convert=feature_out)


@router.get("/latest", response_model=LatestValues, summary="Latest stored values for serving")
async def latest_values(
    symbol: Symbol,
    features: list[FeatureRef] = Query(..., min_length=1, max_length=50),
    principal: Principal = Depends(require_user),
    bars: BarsClient = Depends(bars_client),
) -> LatestValues:
    versions = await FeatureService(principal.user_id).resolve(features, "query.features")
    await refresh_stale(versions, symbol, bars)  # values made stale by newly ingested bars
    values, stamps = await feature_store.latest(versions, symbol)
    return LatestValues(symbol=symbol, values=values, timestamps=stamps)


@router.post("/point-in-time", response_model=FeatureRows, summary="Values as known at each given time")
async def point_in_time(
    body: PointInTimeIn, principal: Principal = Depends(require_user), bars: BarsClient = Depends(bars_client)
) -> FeatureRows:
    versions = await FeatureService(principal.user_id).resolve(body.features)
    await refresh_stale(versions, body.symbol, bars)
    rows = await feature_store.point_in_time(versions, body.symbol, body.timestamps)
    return FeatureRows(symbol=body.symbol, features=[feature_store.ref(v) for v in versions], rows=rows)


@router.post(
    "/materialisations",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Compute and store feature values over market-data bars (a task)",
)
async def materialise_features(
    body: MaterialiseIn,
    request: Request,
    principal: Principal = Depends(require_user),
    bars: BarsClient = Depends(bars_client),
) -> TaskAccepted:
    versions = await FeatureService(principal.user_id).resolve(body.features)
    intervals = {v.interval for v in versions}
    if len(intervals) > 1:
        raise ValidationProblem.field(
            "body.features", "all features of one materialisation share an interval"
        )
    interval = intervals.pop()
    frames = await load_bars(bars, body.symbols, interval, body.start, body.end, max_warmup(versions))
    return await submit_materialisation(request.app, principal.user_id, versions, frames, body.start)


@router.get("/{name}", response_model=FeatureOut, summary="One feature definition")
async def get_feature(name: str, principal: Principal = Depends(require_user)) -> FeatureOut:
    return feature_out(await FeatureService(principal.user_id).get(name))


@router.patch(
    "/{name}", response_model=FeatureOut, summary="Change a feature; a new definition is a new version"
)
async def update_feature(
    name: str, body: FeatureUpdate, principal: Principal = Depends(require_user)
) -> FeatureOut:
    feature, _ = await FeatureService(principal.user_id).update(name, body)
    return feature_out(feature)


@router.delete("/{name}", status_code=204, summary="Delete a feature, its versions and values")
async def delete_feature(name: str, principal: Principal = Depends(require_user)) -> None:
    await FeatureService(principal.user_id).delete(name)


@router.get("/{name}/versions", response_model=list[FeatureVersionOut], summary="Every version of a feature")
async def list_versions(name: str, principal: Principal = Depends(require_user)) -> list[FeatureVersionOut]:
    return [feature_version_out(v) for v in await FeatureService(principal.user_id).versions(name)]


@router.get("/{name}/versions/{version}", response_model=FeatureVersionOut, summary="One frozen version")
async def get_version(
    name: str, version: int, principal: Principal = Depends(require_user)
) -> FeatureVersionOut:
    return feature_version_out(await FeatureService(principal.user_id).version(name, version))
