"""``ModelDeployed``: what an active deployment announces (its model, version, interval and symbols)."""

from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.registered_model import ModelVersion
from quant_shared.events import Event, ModelDeployed, make_event


async def deployed_event(deployment: ModelDeployment, version: ModelVersion) -> Event:
    """The deployment's symbols are those its version was trained on."""
    experiment = await ModelExperiment.get(version.experiment_id)
    symbols = list(experiment.symbols) if experiment is not None else []
    payload = ModelDeployed(
        model_id=str(deployment.model_id),
        deployment_id=str(deployment.id),
        owner_id=deployment.owner_id,
        symbols=symbols,
        model_version=str(version.version),
        timeframe=version.interval.value,
    )
    return make_event(payload, producer="ml_platform", id=f"deployed-{deployment.id}")
