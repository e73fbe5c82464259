"""The ml platform domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_ml_platform import __version__
from quant_ml_platform.api import (
    deployment_signals,
    deployments,
    evaluations,
    experiments,
    features,
    models,
    predictions,
    regimes,
)
from quant_ml_platform.api.admin import models as admin_models
from quant_ml_platform.api.tags import TAGS
from quant_ml_platform.engine.regimes import warm_up
from quant_ml_platform.models import DOCUMENTS
from quant_ml_platform.services.event_subscriptions import subscribe_events
from quant_ml_platform.services.experiments.recovery import recover_experiments
from quant_shared.domain import DomainSpec
from quant_shared.warm import warm_on_start

router = APIRouter()
for module in (
    features,
    experiments,
    models,
    deployments,
    deployment_signals,
    predictions,
    evaluations,
    regimes,
    admin_models,
):
    router.include_router(module.router)


DOMAIN = DomainSpec(
    name="ml_platform",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(subscribe_events, recover_experiments, warm_on_start(warm_up)),
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
