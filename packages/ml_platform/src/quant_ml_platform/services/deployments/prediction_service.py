"""Predictions from a deployed version, every one logged; ML signals over materialized features."""

import uuid
from datetime import datetime, timedelta

import numpy as np

from quant_ml_platform.engine.dataset import feature_rows
from quant_ml_platform.engine.signals import to_signal
from quant_ml_platform.engine.training import score
from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.schemas.deployment import PredictIn
from quant_ml_platform.services import artifact_store
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.deployments.deployment_service import DeploymentService
from quant_ml_platform.services.features import feature_store
from quant_ml_platform.services.features.feature_refresh import refresh_symbols
from quant_ml_platform.services.features.materialization_service import ms_to_dt
from quant_shared.enums import DataInterval, DeploymentEnvironment
from quant_shared.errors import ValidationProblem
from quant_shared.timeutil import utcnow


async def _features_of(version: ModelVersion) -> list[FeatureVersion]:
    found = await FeatureVersion.find({"_id": {"$in": version.feature_version_ids}}).to_list()
    order = {fid: i for i, fid in enumerate(version.feature_version_ids)}
    return sorted(found, key=lambda f: order[f.id])


async def _version(deployment: ModelDeployment) -> ModelVersion:
    return await ModelVersion.get(deployment.model_version_id)


def _given(version: ModelVersion, given: dict[str, float]) -> dict[str, float]:
    """Directly given values, keyed by `name@version` or by the plain feature name."""
    out = {}
    for ref in version.feature_refs:
        value = given.get(ref, given.get(ref.split("@")[0]))
        if value is None:
            raise ValidationProblem.field(f"body.features.{ref.split('@')[0]}", "missing feature value")
        out[ref] = float(value)
    return out


async def _stored(
    version: ModelVersion, symbol: str, at: datetime | None, bars: BarsClient | None
) -> tuple[dict, datetime | None]:
    versions = await _features_of(version)
    await refresh_symbols(versions, [symbol], bars)  # values made stale by newly ingested bars
    if at is None:
        values, stamps = await feature_store.latest(versions, symbol)
    else:
        row = (await feature_store.point_in_time(versions, symbol, [at]))[0]
        values, stamps = row["values"], row["observed_at"]
    missing = [ref for ref, v in values.items() if v is None]
    if missing:
        raise ValidationProblem.field("body.symbol", f"no materialized value of {missing[0]} for {symbol}")
    return values, max(s for s in stamps.values() if s is not None)


class PredictionService:
    def __init__(self, owner_id: str, bars: BarsClient | None = None) -> None:
        self.owner_id = owner_id
        self.bars = bars  # the caller's market-data access: stale feature values are refreshed first
        self.deployments = DeploymentService(owner_id)

    def owned(self, **filters) -> dict:
        """The owner filter of every prediction-log query: another user's logs are never listed."""
        return {"owner_id": self.owner_id, **filters}

    def logs(self, name: str, served: bool | None = None):
        """The owner's logged predictions of a model (``served=False``: the shadow ones)."""
        filters = self.owned(model_name=name)
        return PredictionLog.find(filters if served is None else {**filters, "served": served})

    async def _predict_one(
        self,
        deployment: ModelDeployment,
        version: ModelVersion,
        values: dict,
        body: PredictIn,
        as_of,
        served: bool,
    ) -> PredictionLog:
        model = await artifact_store.load(version.artifact_id)
        x = np.array([[values[ref] for ref in version.feature_refs]])
        prediction = float(score(model, x, version.target)[0])
        signal, _ = to_signal(prediction, version.target)
        log = PredictionLog(
            owner_id=self.owner_id,
            deployment_id=deployment.id,
            model_name=deployment.model_name,
            version=deployment.version,
            symbol=body.symbol,
            as_of=as_of,
            features=values,
            prediction=prediction,
            signal=signal,
            served=served,
        )
        await log.insert()
        return log

    async def predict(self, name: str, body: PredictIn) -> tuple[PredictionLog, ModelVersion]:
        serving, shadow = await self.deployments.route(
            name, body.environment, body.routing_key or uuid.uuid4().hex
        )
        version = await _version(serving)
        if body.features is not None:
            values, as_of = _given(version, body.features), None
        else:
            values, as_of = await _stored(version, body.symbol, body.timestamp, self.bars)
        log = await self._predict_one(serving, version, values, body, as_of, served=True)
        if shadow is not None:
            shadow_version = await _version(shadow)
            try:
                shadow_values = (
                    _given(shadow_version, body.features)
                    if body.features is not None
                    else (await _stored(shadow_version, body.symbol, body.timestamp, self.bars))[0]
                )
            except ValidationProblem:
                return log, version  # a shadow never fails the request it mirrors
            await self._predict_one(shadow, shadow_version, shadow_values, body, as_of, served=False)
        return log, version

    async def signals(
        self, name: str, symbol: str, interval: DataInterval, start: datetime | None, end: datetime | None
    ) -> tuple[ModelVersion, list[dict]]:
        """One signal per bar with complete features; stamped when it became known (the bar's close)."""
        primary = await self.deployments.active(name, DeploymentEnvironment.PRODUCTION)
        version = await _version(primary)
        if interval != version.interval:
            raise ValidationProblem.field(
                "query.interval", f"the model works on {version.interval.value} bars"
            )
        step = timedelta(seconds=interval.seconds)
        lo = start - step if start else None
        hi = end - step if end else None
        features = await _features_of(version)
        await refresh_symbols(features, [symbol], self.bars)
        matrix = await feature_store.feature_matrix(features, symbol, lo, hi)
        rows = feature_rows(matrix, version.feature_refs)
        if rows.empty:
            return version, []
        model = await artifact_store.load(version.artifact_id)
        predictions = score(model, rows.to_numpy(float), version.target)
        items, logs, now = [], [], utcnow()
        for ts, prediction in zip(rows.index, predictions, strict=True):
            signal, confidence = to_signal(float(prediction), version.target)
            bar = ms_to_dt(int(ts))
            items.append(
                {
                    "timestamp": bar + step,
                    "signal": signal,
                    "confidence": confidence,
                    "prediction": float(prediction),
                }
            )
            logs.append(
                PredictionLog(
                    owner_id=self.owner_id,
                    deployment_id=primary.id,
                    model_name=name,
                    version=version.version,
                    symbol=symbol,
                    as_of=bar,
                    features={k: float(v) for k, v in rows.loc[ts].items()},
                    prediction=float(prediction),
                    signal=signal,
                    served=True,
                    created_at=now,
                    updated_at=now,
                )
            )
        await PredictionLog.insert_many(logs)
        return version, items
