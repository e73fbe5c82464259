"""Benchmarks: a model version against majority-class, persistence and buy-and-hold on held-out data."""

from quant_ml_platform.engine.baselines import baseline_positions, scorecard
from quant_ml_platform.engine.metrics import classification_metrics
from quant_ml_platform.models.benchmark import Benchmark
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.model_metrics import ModelMetrics
from quant_ml_platform.schemas.evaluation import BenchmarkIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.evaluations.evaluation_data import pick_version, score_window
from quant_shared.enums import BaselineKind, PredictionTarget
from quant_shared.errors import ValidationProblem
from quant_shared.timeutil import as_utc


async def run_benchmark(owner_id: str, body: BenchmarkIn, bars: BarsClient) -> Benchmark:
    version = await pick_version(owner_id, body.model, body.version)
    experiment = await ModelExperiment.get(version.experiment_id)
    trained_until = max(experiment.reference.get("timestamps") or [0])
    if int(as_utc(body.start).timestamp() * 1000) <= trained_until:
        raise ValidationProblem.field("body.start", "the held-out period must start after the training data")
    scored = await score_window(owner_id, bars, version, body.symbols, body.start, body.end)
    data, interval = scored.data, version.interval.value
    model_card = scorecard(scored.up_pred, data.next_return, data.timestamps, interval)
    if version.target == PredictionTarget.DIRECTION:
        model_card.update(classification_metrics((data.next_return > 0).astype(int), scored.scores))
    majority_up = experiment.train_up_rate >= 0.5
    baselines = {
        kind.value: scorecard(
            baseline_positions(kind.value, data.last_return, majority_up),
            data.next_return,
            data.timestamps,
            interval,
        )
        for kind in BaselineKind
    }
    benchmark = Benchmark(
        owner_id=owner_id,
        model_name=body.model,
        version=version.version,
        model_version_id=version.id,
        symbols=body.symbols,
        start=body.start,
        end=body.end,
        n_samples=len(data.y),
        model=model_card,
        baselines=baselines,
        beats={k: model_card["accuracy"] > v["accuracy"] for k, v in baselines.items()},
    )
    await benchmark.insert()
    await ModelMetrics(
        owner_id=owner_id,
        model_version_id=version.id,
        model_name=body.model,
        version=version.version,
        source=f"benchmark:{benchmark.id}",
        metrics=model_card,
    ).insert()
    return benchmark
