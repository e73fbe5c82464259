"""``ModelDeployed`` -> ML signals start for the deployment's symbols.

For each symbol the deployed version scores the stored (materialized) feature rows; the signals are
stored per (deployment, symbol) as ``DeploymentSignal`` - an upsert, so a redelivery changes nothing.
Everything needed lives in this domain (features, artifact), so no token is needed.
"""

import logging
from datetime import timedelta

from beanie import PydanticObjectId

from quant_ml_platform.engine.dataset import feature_rows
from quant_ml_platform.engine.signals import to_signal
from quant_ml_platform.engine.training import score
from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.deployment_signal import DeploymentSignal
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.services import artifact_store
from quant_ml_platform.services.features import feature_store
from quant_ml_platform.services.features.materialization_service import ms_to_dt
from quant_shared.events import Event, ModelDeployed, payload_of

log = logging.getLogger("quant.ml_platform.events")
KEEP = 250  # newest signals kept per symbol


async def signals_for(version: ModelVersion, symbol: str) -> list[dict]:
    found = await FeatureVersion.find({"_id": {"$in": version.feature_version_ids}}).to_list()
    order = {fid: i for i, fid in enumerate(version.feature_version_ids)}
    features = sorted(found, key=lambda f: order[f.id])
    rows = feature_rows(
        await feature_store.feature_matrix(features, symbol, None, None), version.feature_refs
    )
    if rows.empty:
        return []
    rows = rows.iloc[-KEEP:]
    model = await artifact_store.load(version.artifact_id)
    step = timedelta(seconds=version.interval.seconds)
    items = []
    for ts, prediction in zip(rows.index, score(model, rows.to_numpy(float), version.target), strict=True):
        signal, confidence = to_signal(float(prediction), version.target)
        known = ms_to_dt(int(ts)) + step  # a bar's signal is known at its close
        items.append(
            {"timestamp": known, "signal": signal, "confidence": confidence, "prediction": float(prediction)}
        )
    return items


async def on_model_deployed(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, ModelDeployed)
    deployment = await ModelDeployment.get(PydanticObjectId(payload.deployment_id))
    if deployment is None:
        return  # deleted meanwhile (e.g. its owner was removed)
    version = await ModelVersion.get(deployment.model_version_id)
    for symbol in payload.symbols:
        items = await signals_for(version, symbol)
        fields = {
            "owner_id": deployment.owner_id,
            "model_name": deployment.model_name,
            "version": deployment.version,
            "interval": version.interval,
            "items": items,
            "latest": items[-1]["signal"] if items else None,
            "latest_at": items[-1]["timestamp"] if items else None,
            "error": None if items else f"no materialized feature rows for {symbol}",
            "event_id": event.id,
        }
        key = {"deployment_id": deployment.id, "symbol": symbol}
        existing = await DeploymentSignal.find_one(key)
        if existing is None:
            await DeploymentSignal(**key, **fields).insert()
        else:
            await DeploymentSignal.find_one(key).update({"$set": fields})
        log.info("deployment %s: %d signal(s) for %s", deployment.id, len(items), symbol)
