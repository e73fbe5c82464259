"""A model version deployed to an environment; canary and shadow deployments share its traffic."""

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DeploymentEnvironment, DeploymentStatus
from quant_shared.events.outbox import OutboxMixin


class ModelDeployment(OutboxMixin, OwnedDocument):
    """An active deployment is inserted with its ``ModelDeployed`` event (outbox: one write)."""

    model_id: PydanticObjectId
    model_name: str
    version: int
    model_version_id: PydanticObjectId
    environment: DeploymentEnvironment = DeploymentEnvironment.PRODUCTION
    status: DeploymentStatus
    traffic_percent: float = Field(default=100.0, description="Share of requests a canary answers.")

    class Settings:
        name = "model_deployments"
        indexes = [IndexModel([("model_id", ASCENDING), ("environment", ASCENDING), ("status", ASCENDING)])]
