"""An A/B test between two deployments on their logged, resolved predictions."""

from typing import Any

from beanie import PydanticObjectId

from quant_shared.document import OwnedDocument
from quant_shared.enums import ABTestMetric


class ABTest(OwnedDocument):
    model_name: str
    deployment_a: PydanticObjectId
    deployment_b: PydanticObjectId
    metric: ABTestMetric
    alpha: float
    n_a: int
    n_b: int
    result: dict[str, Any]
    ci_low: float
    ci_high: float
    significant: bool
    sample_adequate: bool
    winner: str | None = None

    class Settings:
        name = "ab_tests"
