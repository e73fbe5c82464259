"""The model registry: versions from experiments, status lifecycle, aliases moved atomically."""

from beanie import PydanticObjectId
from pymongo.errors import DuplicateKeyError

from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.model_metrics import ModelMetrics
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_ml_platform.services.experiments.experiment_service import ExperimentService
from quant_ml_platform.services.registry.model_admin_service import archive_model, delete_model
from quant_ml_platform.services.registry.model_status import can_move, overall
from quant_ml_platform.services.registry.version_numbers import insert_numbered
from quant_shared.enums import DeploymentStatus, ExperimentStatus, ModelAlias, ModelStatus
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem

LIVE = [DeploymentStatus.ACTIVE, DeploymentStatus.CANARY, DeploymentStatus.SHADOW]
ALIAS_RETRIES = 10  # compare-and-set attempts of an alias move before a 409


class RegistryService:
    def __init__(self, owner_id: str) -> None:
        self.owner_id = owner_id

    def owned(self, **filters) -> dict:
        """The owner filter of every model query: another user's model is not found."""
        return {"owner_id": self.owner_id, **filters}

    async def model(self, name: str) -> RegisteredModel:
        found = await RegisteredModel.find_one(self.owned(name=name))
        if found is None:
            raise NotFoundError(f"Model {name!r} not found")
        return found

    async def version(self, name: str, number: int) -> ModelVersion:
        model = await self.model(name)
        found = await ModelVersion.find_one({"model_id": model.id, "version": number})
        if found is None:
            raise NotFoundError(f"Model {name!r} has no version {number}")
        return found

    async def versions(self, name: str) -> list[ModelVersion]:
        model = await self.model(name)
        return await ModelVersion.find({"model_id": model.id}).sort("version").to_list()

    async def lineage(
        self, name: str, number: int
    ) -> tuple[ModelVersion, ModelExperiment, list[FeatureVersion]]:
        """Version -> the experiment it came from -> the feature versions, in the model's order."""
        version = await self.version(name, number)
        experiment = await ExperimentService(self.owner_id).get(version.experiment_id)
        features = await FeatureVersion.find({"_id": {"$in": version.feature_version_ids}}).to_list()
        order = {fid: i for i, fid in enumerate(version.feature_version_ids)}
        return version, experiment, sorted(features, key=lambda f: order[f.id])

    async def metrics(self, name: str, number: int) -> list[ModelMetrics]:
        version = await self.version(name, number)
        return await ModelMetrics.find({"model_version_id": version.id}).sort("created_at").to_list()

    async def archive(self, name: str) -> RegisteredModel:
        return await archive_model(await self.model(name))

    async def delete(self, name: str) -> None:
        await delete_model(await self.model(name))

    async def register(self, name: str, experiment_id: PydanticObjectId, description: str) -> ModelVersion:
        """A new version from a completed experiment (the model is created on its first version)."""
        try:
            experiment = await ExperimentService(self.owner_id).get(experiment_id)
        except NotFoundError as exc:
            raise ValidationProblem.field("body.experiment_id", "unknown experiment") from exc
        if experiment.status != ExperimentStatus.COMPLETED or experiment.artifact_id is None:
            raise ValidationProblem.field("body.experiment_id", f"experiment is {experiment.status.value}")
        model = await RegisteredModel.find_one(self.owned(name=name))
        if model is None:
            model = RegisteredModel(owner_id=self.owner_id, name=name, description=description)
            try:
                await model.insert()
            except DuplicateKeyError:
                model = await self.model(name)
        version = ModelVersion(
            owner_id=self.owner_id,
            model_id=model.id,
            model_name=name,
            version=0,
            description=description,
            experiment_id=experiment.id,
            artifact_id=experiment.artifact_id,
            algorithm=experiment.algorithm,
            target=experiment.target,
            interval=experiment.interval,
            feature_refs=experiment.feature_refs,
            feature_version_ids=experiment.feature_version_ids,
            metrics={**experiment.metrics, "trading": experiment.trading},
        )
        await insert_numbered(version, model.latest_version)
        await ModelMetrics(
            owner_id=self.owner_id,
            model_version_id=version.id,
            model_name=name,
            version=version.version,
            source="walk_forward",
            metrics=version.metrics,
        ).insert()
        await self.refresh_status(model.id)
        return version

    async def refresh_status(self, model_id: PydanticObjectId) -> None:
        statuses = [v.status for v in await ModelVersion.find({"model_id": model_id}).to_list()]
        await RegisteredModel.find_one(RegisteredModel.id == model_id).update(
            {"$set": {"status": overall(statuses)}}
        )

    async def set_status(self, name: str, number: int, status: ModelStatus) -> ModelVersion:
        version = await self.version(name, number)
        if status == version.status:
            return version
        if not can_move(version.status, status):
            raise ValidationProblem.field(
                "body.status", f"cannot move a {version.status.value} version to {status.value}"
            )
        if status == ModelStatus.ARCHIVED and await ModelDeployment.find_one(
            {"model_version_id": version.id, "status": {"$in": LIVE}}
        ):
            raise ConflictError("The version is deployed; stop its deployments first")
        version.status = status
        await version.save()
        await self.refresh_status(version.model_id)
        return version

    async def set_alias(self, name: str, alias: ModelAlias, number: int) -> RegisteredModel:
        """Point ``alias`` at a version (another alias on that version is removed): a compare-and-set
        on the aliases read, retried, so two moves at once never leave both aliases on one version."""
        await self.version(name, number)
        for _ in range(ALIAS_RETRIES):
            model = await self.model(name)
            moved = {f"aliases.{alias.value}": number}
            unset = {f"aliases.{a}": "" for a, v in model.aliases.items() if v == number and a != alias.value}
            update = {"$set": moved, **({"$unset": unset} if unset else {})}
            as_read = {
                f"aliases.{a.value}": model.aliases.get(a.value, {"$exists": False}) for a in ModelAlias
            }
            result = await RegisteredModel.get_pymongo_collection().update_one(
                {"_id": model.id, **as_read}, update
            )
            if result.matched_count == 1:
                return await self.model(name)
        raise ConflictError("The aliases kept changing meanwhile; retry")

    async def promote_challenger(self, name: str) -> RegisteredModel:
        """champion := challenger and challenger removed, compare-and-set on the current aliases."""
        model = await self.model(name)
        challenger = model.aliases.get(ModelAlias.CHALLENGER.value)
        if challenger is None:
            raise ConflictError(f"Model {name!r} has no challenger")
        result = await RegisteredModel.get_pymongo_collection().update_one(
            {"_id": model.id, "aliases.challenger": challenger},
            {"$set": {"aliases.champion": challenger}, "$unset": {"aliases.challenger": ""}},
        )
        if result.modified_count != 1:
            raise ConflictError("The aliases changed meanwhile; retry")
        return await self.model(name)

    async def remove_alias(self, name: str, alias: ModelAlias) -> RegisteredModel:
        model = await self.model(name)
        if alias.value not in model.aliases:
            raise NotFoundError(f"Model {name!r} has no alias {alias.value}")
        await RegisteredModel.get_pymongo_collection().update_one(
            {"_id": model.id}, {"$unset": {f"aliases.{alias.value}": ""}}
        )
        return await self.model(name)

    def list(self, status: ModelStatus | None = None):
        return RegisteredModel.find(self.owned(**({"status": status} if status else {})))
