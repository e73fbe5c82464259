"""Admin views of models across users."""

from quant_ml_platform.schemas.deployment import DeploymentOut
from quant_ml_platform.schemas.model import ModelOut
from quant_shared.schema import BaseSchema


class AdminModelOut(BaseSchema):
    model: ModelOut
    deployments: list[DeploymentOut]
