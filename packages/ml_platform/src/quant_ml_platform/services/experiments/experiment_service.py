"""Experiments: validate and assemble the data, then train as a task with CPU work off the event loop."""

import asyncio

from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_ml_platform.engine.algorithms import AlgorithmError, resolve
from quant_ml_platform.engine.dataset import Dataset
from quant_ml_platform.engine.training import TrainingError, walk_forward
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.schemas.experiment import ExperimentIn
from quant_ml_platform.services import artifact_store
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.experiments.strategy_links import linked_event, record_experiment_deleted
from quant_ml_platform.services.experiments.training_data import assemble, common_interval
from quant_ml_platform.services.experiments.training_tasks import submit_training
from quant_ml_platform.services.features.feature_service import FeatureService
from quant_ml_platform.services.features.feature_store import ref
from quant_ml_platform.services.strategies_client import StrategiesClient
from quant_shared.enums import ExperimentStatus
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_shared.events.outbox_dep import send_now
from quant_shared.tasks import TaskAccepted, TaskContext


def min_rows(n_splits: int) -> int:
    return max(30, 10 * (n_splits + 1))


class ExperimentService:
    def __init__(self, owner_id: str) -> None:
        self.owner_id = owner_id

    def owned(self, **filters) -> dict:
        """The owner filter of every query of this service: another user's experiment is not found."""
        return {"owner_id": self.owner_id, **filters}

    def list(self, status: ExperimentStatus | None = None, strategy_id: str | None = None):
        filters = {"status": status, "strategy_id": strategy_id}
        return ModelExperiment.find(self.owned(**{k: v for k, v in filters.items() if v}))

    async def get(self, experiment_id: PydanticObjectId) -> ModelExperiment:
        found = await ModelExperiment.find_one(self.owned(_id=experiment_id))
        if found is None:
            raise NotFoundError(f"Experiment {experiment_id} not found")
        return found

    async def delete(self, experiment_id: PydanticObjectId) -> None:
        """An experiment no model version was created from and not training, with its artifact."""
        experiment = await self.get(experiment_id)
        if await ModelVersion.find_one({"experiment_id": experiment.id}):
            raise ConflictError("A registered model version was created from this experiment")
        if experiment.status in (ExperimentStatus.PENDING, ExperimentStatus.RUNNING):
            raise ConflictError("The experiment is still training")
        await record_experiment_deleted(experiment)
        if experiment.artifact_id:
            await artifact_store.delete(experiment.artifact_id)
        await experiment.delete()

    async def create(
        self, app: FastAPI, body: ExperimentIn, bars: BarsClient, strategies: StrategiesClient
    ) -> TaskAccepted:
        """The experiment validated and stored, then its training submitted as a task."""
        experiment, data, _ = await self.prepare(body, bars, strategies)
        accepted = await submit_training(app, experiment, data)
        if experiment.pending_events:
            await send_now(getattr(app.state, "outbox", None))  # ExperimentLinked
        return accepted

    async def prepare(
        self, body: ExperimentIn, bars: BarsClient, strategies: StrategiesClient
    ) -> tuple[ModelExperiment, Dataset, object]:
        """Everything that can be wrong with the request is a 422 here, before any task starts."""
        if body.strategy_id is not None:
            await strategies.require(body.strategy_id)
        try:
            entry, params = resolve(body.algorithm, body.target, body.params)
        except AlgorithmError as exc:
            raise ValidationProblem.field(f"body.{exc.field}", str(exc)) from exc
        versions = await FeatureService(self.owner_id).resolve(body.features)
        data = await assemble(
            bars, versions, body.symbols, body.start, body.end, body.target, min_rows(body.n_splits)
        )
        if body.target.value == "direction" and len(set(data.y.tolist())) < 2:
            raise ValidationProblem.field("body.start", "the window holds only one direction; widen it")
        experiment = ModelExperiment(
            id=PydanticObjectId(),
            owner_id=self.owner_id,
            **body.model_dump(exclude={"features", "params"}),
            params=params,
            interval=common_interval(versions),
            feature_refs=[ref(v) for v in versions],
            feature_version_ids=[v.id for v in versions],
            n_samples=len(data.y),
            train_up_rate=float((data.next_return > 0).mean()),
        )
        if experiment.strategy_id is not None:
            experiment.pending_events = [linked_event(experiment)]  # one write: the experiment and its link
        await experiment.insert()
        return experiment, data, entry

    async def train(self, ctx: TaskContext, experiment: ModelExperiment, data: Dataset, entry) -> dict:
        await _set(experiment, status=ExperimentStatus.RUNNING, task_id=str(ctx.task.id))
        await ctx.progress(0.1, f"walk-forward over {len(data.y)} rows, {experiment.n_splits} folds")
        try:
            outcome = await asyncio.to_thread(
                walk_forward,
                data,
                entry,
                experiment.params,
                experiment.target,
                experiment.n_splits,
                experiment.interval.value,
            )
        except TrainingError as exc:
            raise ValueError(str(exc)) from exc
        await ctx.progress(0.8, "storing the model artifact")
        await artifact_store.delete_for_experiment(experiment.id)  # an earlier, interrupted attempt's
        artifact_id = await artifact_store.save(
            outcome.model, f"experiment-{experiment.id}.skops", {"experiment_id": str(experiment.id)}
        )
        await _set(
            experiment,
            status=ExperimentStatus.COMPLETED,
            metrics=outcome.metrics,
            trading=outcome.trading,
            folds=outcome.folds,
            reference=outcome.reference,
            artifact_id=artifact_id,
        )
        return training_result(experiment)


def training_result(experiment: ModelExperiment) -> dict:
    """The task result of a completed training run."""
    return {"experiment_id": str(experiment.id), "metrics": experiment.metrics, "trading": experiment.trading}


async def _set(experiment: ModelExperiment, **fields) -> None:
    for key, value in fields.items():
        setattr(experiment, key, value)
    await ModelExperiment.find_one(ModelExperiment.id == experiment.id).update({"$set": fields})
