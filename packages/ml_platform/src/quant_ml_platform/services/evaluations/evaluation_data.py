"""A model version's predictions over a window: the common input of benchmarks and fairness audits."""

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from quant_ml_platform.engine.dataset import Dataset
from quant_ml_platform.engine.training import score
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.services import artifact_store
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.deployments.deployment_service import DeploymentService
from quant_ml_platform.services.experiments.training_data import assemble
from quant_ml_platform.services.registry.registry_service import RegistryService
from quant_shared.enums import DeploymentEnvironment, PredictionTarget

MIN_ROWS = 20


@dataclass
class Scored:
    version: ModelVersion
    data: Dataset
    scores: np.ndarray

    @property
    def up_pred(self) -> np.ndarray:
        cut = 0.5 if self.version.target == PredictionTarget.DIRECTION else 0.0
        return (self.scores > cut).astype(float)


async def pick_version(owner_id: str, name: str, number: int | None) -> ModelVersion:
    if number is not None:
        return await RegistryService(owner_id).version(name, number)
    deployment = await DeploymentService(owner_id).active(name, DeploymentEnvironment.PRODUCTION)
    return await ModelVersion.get(deployment.model_version_id)


async def score_window(
    owner_id: str,
    bars: BarsClient,
    version: ModelVersion,
    symbols: list[str],
    start: datetime | None,
    end: datetime | None,
) -> Scored:
    found = await FeatureVersion.find({"_id": {"$in": version.feature_version_ids}}).to_list()
    order = {fid: i for i, fid in enumerate(version.feature_version_ids)}
    features = sorted(found, key=lambda f: order[f.id])
    data = await assemble(bars, features, symbols, start, end, version.target, MIN_ROWS)
    model = await artifact_store.load(version.artifact_id)
    return Scored(version, data, score(model, data.X, version.target))
