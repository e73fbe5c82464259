"""FastAPI dependencies of the ML platform routers: each service built per request with the principal."""

from typing import Annotated

from fastapi import Depends

from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.deployments.deployment_service import DeploymentService
from quant_ml_platform.services.deployments.prediction_service import PredictionService
from quant_ml_platform.services.evaluations.evaluation_service import EvaluationService
from quant_ml_platform.services.experiments.experiment_service import ExperimentService
from quant_ml_platform.services.features.feature_service import FeatureService
from quant_ml_platform.services.registry.model_admin_service import ModelAdminService
from quant_ml_platform.services.registry.registry_service import RegistryService
from quant_ml_platform.services.strategies_client import StrategiesClient
from quant_shared.auth import AdminUser, CurrentUser
from quant_shared.http import ServiceClients, service_clients


async def bars_client(
    principal: CurrentUser, clients: Annotated[ServiceClients, Depends(service_clients)]
) -> BarsClient:
    return BarsClient(clients, principal)


BarsClientDep = Annotated[BarsClient, Depends(bars_client)]


async def strategies_client(
    principal: CurrentUser, clients: Annotated[ServiceClients, Depends(service_clients)]
) -> StrategiesClient:
    return StrategiesClient(clients, principal)


StrategiesClientDep = Annotated[StrategiesClient, Depends(strategies_client)]


async def feature_service(principal: CurrentUser) -> FeatureService:
    return FeatureService(principal.user_id)


async def experiment_service(principal: CurrentUser) -> ExperimentService:
    return ExperimentService(principal.user_id)


async def registry_service(principal: CurrentUser) -> RegistryService:
    return RegistryService(principal.user_id)


async def deployment_service(principal: CurrentUser) -> DeploymentService:
    return DeploymentService(principal.user_id)


async def prediction_service(principal: CurrentUser, bars: BarsClientDep) -> PredictionService:
    return PredictionService(principal.user_id, bars)


async def evaluation_service(principal: CurrentUser, bars: BarsClientDep) -> EvaluationService:
    return EvaluationService(principal.user_id, bars)


async def model_admin_service(admin: AdminUser) -> ModelAdminService:
    return ModelAdminService()


FeatureServiceDep = Annotated[FeatureService, Depends(feature_service)]
ExperimentServiceDep = Annotated[ExperimentService, Depends(experiment_service)]
RegistryServiceDep = Annotated[RegistryService, Depends(registry_service)]
DeploymentServiceDep = Annotated[DeploymentService, Depends(deployment_service)]
PredictionServiceDep = Annotated[PredictionService, Depends(prediction_service)]
EvaluationServiceDep = Annotated[EvaluationService, Depends(evaluation_service)]
ModelAdminServiceDep = Annotated[ModelAdminService, Depends(model_admin_service)]
