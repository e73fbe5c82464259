"""A/B tests between two deployments of a model on their logged, resolved predictions."""

import numpy as np

from quant_ml_platform.engine.ab_stats import bootstrap_ci, two_proportion, welch
from quant_ml_platform.models.ab_test import ABTest
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.schemas.evaluation import ABTestIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.deployments.deployment_service import DeploymentService
from quant_ml_platform.services.evaluations.outcome_service import resolve_outcomes
from quant_shared.enums import ABTestMetric, SignalType
from quant_shared.errors import NotFoundError, ValidationProblem

MIN_PER_ARM = 5


def arm_values(logs: list[PredictionLog], metric: ABTestMetric) -> np.ndarray:
    done = [log for log in logs if log.actual_return is not None]
    if metric == ABTestMetric.HIT_RATE:
        return np.array([1.0 if log.correct else 0.0 for log in done])
    # long-flat: a buy signal earns the next return, anything else stays out
    return np.array([log.actual_return if log.signal == SignalType.BUY else 0.0 for log in done])


async def run_ab_test(owner_id: str, body: ABTestIn, bars: BarsClient) -> ABTest:
    deployments = DeploymentService(owner_id)
    arms = []
    for field, deployment_id in (
        ("body.deployment_a", body.deployment_a),
        ("body.deployment_b", body.deployment_b),
    ):
        try:
            arms.append(await deployments.get(body.model, deployment_id))
        except NotFoundError as exc:
            raise ValidationProblem.field(field, "unknown deployment of this model") from exc
    if body.deployment_a == body.deployment_b:
        raise ValidationProblem.field("body.deployment_b", "must differ from deployment_a")
    versions = await ModelVersion.find({"model_id": arms[0].model_id}).to_list()
    version_of = {v.version: v for v in versions}
    values = []
    for field, arm in zip(("body.deployment_a", "body.deployment_b"), arms, strict=True):
        logs = await PredictionLog.find({"deployment_id": arm.id, "served": True}).to_list()
        await resolve_outcomes(logs, bars, version_of)
        arm_vals = arm_values(logs, body.metric)
        if len(arm_vals) < MIN_PER_ARM:
            raise ValidationProblem.field(
                field, f"too few resolved predictions: {len(arm_vals)} < {MIN_PER_ARM}"
            )
        values.append(arm_vals)
    a, b = values
    result = (
        two_proportion(a, b, body.alpha) if body.metric == ABTestMetric.HIT_RATE else welch(a, b, body.alpha)
    )
    low, high = bootstrap_ci(a, b, body.alpha, body.n_bootstrap)
    significant = result["p_value"] < body.alpha
    required = result["required_per_arm"]
    test = ABTest(
        owner_id=owner_id,
        model_name=body.model,
        deployment_a=body.deployment_a,
        deployment_b=body.deployment_b,
        metric=body.metric,
        alpha=body.alpha,
        n_a=len(a),
        n_b=len(b),
        result=result,
        ci_low=low,
        ci_high=high,
        significant=significant,
        sample_adequate=required is not None and min(len(a), len(b)) >= required,
        winner=("a" if a.mean() > b.mean() else "b") if significant else None,
    )
    await test.insert()
    return test
