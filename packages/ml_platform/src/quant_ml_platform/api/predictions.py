"""``/ml/models/{name}/predict`` and ``/signals``: answers from the deployed version."""

from datetime import datetime

from fastapi import APIRouter, Depends, Query, Request

from quant_ml_platform.api.deps import PredictionServiceDep
from quant_ml_platform.engine.signals import to_signal
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.schemas.common import Symbol
from quant_ml_platform.schemas.deployment import PredictIn, PredictionLogOut, PredictOut, SignalsOut
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem
from quant_shared.events import Event
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/ml/models", tags=["ML Deployments"])


@router.post(
    "/{name}/predict", response_model=PredictOut, summary="Predict with the deployed version (logged)"
)
async def predict(name: str, body: PredictIn, predictions: PredictionServiceDep) -> PredictOut:
    log, version = await predictions.predict(name, body)
    signal, confidence = to_signal(log.prediction, version.target)
    return PredictOut(
        model=name,
        version=log.version,
        deployment_id=str(log.deployment_id),
        prediction_id=str(log.id),
        prediction=log.prediction,
        signal=signal,
        confidence=confidence,
        symbol=log.symbol,
        as_of=log.as_of,
        features=log.features,
    )


@router.get(
    "/{name}/signals",
    response_model=SignalsOut,
    summary="Buy/sell/hold signals of the deployed version per bar (timestamp = when the signal is known)",
)
async def signals(
    name: str,
    request: Request,
    symbol: Symbol,
    predictions: PredictionServiceDep,
    interval: DataInterval = DataInterval.D1,
    start: datetime | None = None,
    end: datetime | None = None,
) -> SignalsOut:
    if start and end and start >= end:
        raise ValidationProblem.field("query.start", "start must be before end")
    version, items = await predictions.signals(name, symbol, interval, start, end)
    await request.app.state.event_bus.publish(
        Event(
            type="MLSignalsGenerated",
            producer="ml_platform",
            payload={"model": name, "version": version.version, "symbol": symbol, "count": len(items)},
        )
    )
    return SignalsOut(model=name, version=version.version, symbol=symbol, items=items)


@router.get(
    "/{name}/predictions",
    response_model=Page[PredictionLogOut],
    summary="Logged predictions of a model, newest first",
)
async def list_predictions(
    name: str,
    predictions: PredictionServiceDep,
    params: PageParams = Depends(page_params),
    served: bool | None = Query(None, description="False lists shadow predictions."),
) -> dict:

    def convert(log: PredictionLog) -> PredictionLogOut:
        data = log.model_dump(include=set(PredictionLogOut.model_fields) - {"id", "deployment_id"})
        return PredictionLogOut(id=str(log.id), deployment_id=str(log.deployment_id), **data)

    return await paginate(predictions.logs(name, served), params, sort=[("created_at", -1)], convert=convert)
