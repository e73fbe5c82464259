"""Feature definitions: create, change (a new immutable version when the definition changes), resolve."""

import re

from fastapi import FastAPI
from pymongo.errors import DuplicateKeyError

from quant_ml_platform.engine.catalog import ParameterError, definition_hash, normalize_params
from quant_ml_platform.models.feature import Feature, FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.schemas.feature import FeatureIn, FeatureUpdate, MaterializeIn, PointInTimeIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features import feature_store
from quant_ml_platform.services.features.feature_refresh import refresh_stale
from quant_ml_platform.services.features.materialization_service import load_bars, max_warmup
from quant_ml_platform.services.features.materialization_tasks import submit_materialization
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_shared.tasks import TaskAccepted

_REF = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)(@(?P<version>[0-9]+))?$")


def _params(body: FeatureIn | FeatureUpdate, transformation, params: dict) -> dict[str, int]:
    try:
        return normalize_params(transformation, params)
    except ParameterError as exc:
        raise ValidationProblem.field(f"body.params.{exc.name}", str(exc)) from exc


class FeatureService:
    def __init__(self, owner_id: str) -> None:
        self.owner_id = owner_id

    def owned(self, **filters) -> dict:
        """The owner filter of every feature query: another user's feature is not found."""
        return {"owner_id": self.owner_id, **filters}

    async def get(self, name: str) -> Feature:
        feature = await Feature.find_one(self.owned(name=name))
        if feature is None:
            raise NotFoundError(f"Feature {name!r} not found")
        return feature

    async def create(self, body: FeatureIn) -> tuple[Feature, FeatureVersion]:
        params = _params(body, body.transformation, body.params)
        if await Feature.find_one(self.owned(name=body.name)):
            raise ConflictError(f"Feature {body.name!r} already exists")
        feature = Feature(owner_id=self.owner_id, **body.model_dump(exclude={"params"}), params=params)
        try:
            await feature.insert()
        except DuplicateKeyError as exc:
            raise ConflictError(f"Feature {body.name!r} already exists") from exc
        version = await self._freeze(feature, 1)
        return feature, version

    async def _freeze(self, feature: Feature, number: int) -> FeatureVersion:
        version = FeatureVersion(
            owner_id=self.owner_id,
            feature_id=feature.id,
            feature_name=feature.name,
            version=number,
            interval=feature.interval,
            transformation=feature.transformation,
            params=feature.params,
            params_hash=definition_hash(feature.transformation, feature.params, feature.interval.value),
            description=feature.description,
        )
        await version.insert()
        return version

    async def update(self, name: str, body: FeatureUpdate) -> tuple[Feature, bool]:
        """Apply a change; a changed definition freezes a new version (``True``), old ones stay readable."""
        feature = await self.get(name)
        transformation = body.transformation or feature.transformation
        raw = (
            body.params
            if body.params is not None
            else (feature.params if transformation == feature.transformation else {})
        )
        params = _params(body, transformation, raw)
        interval = body.interval or feature.interval
        new_hash = definition_hash(transformation, params, interval.value)
        old_hash = definition_hash(feature.transformation, feature.params, feature.interval.value)
        if body.description is not None:
            feature.description = body.description
        changed = new_hash != old_hash
        if changed:
            feature.transformation, feature.params, feature.interval = transformation, params, interval
            feature.current_version += 1
            await self._freeze(feature, feature.current_version)
        await feature.save()
        return feature, changed

    async def versions(self, name: str) -> list[FeatureVersion]:
        feature = await self.get(name)
        return await FeatureVersion.find({"feature_id": feature.id}).sort("version").to_list()

    async def version(self, name: str, number: int) -> FeatureVersion:
        feature = await self.get(name)
        found = await FeatureVersion.find_one({"feature_id": feature.id, "version": number})
        if found is None:
            raise NotFoundError(f"Feature {name!r} has no version {number}")
        return found

    async def resolve(self, refs: list[str], field: str = "body.features") -> list[FeatureVersion]:
        """``name`` or ``name@version`` -> versions; an unknown feature is a 422 naming the item."""
        out: list[FeatureVersion] = []
        for i, ref in enumerate(refs):
            match = _REF.match(ref)
            name = match["name"] if match else ref
            feature = await Feature.find_one(self.owned(name=name))
            if match is None or feature is None:
                raise ValidationProblem.field(f"{field}.{i}", f"unknown feature {ref!r}")
            number = int(match["version"]) if match["version"] else feature.current_version
            version = await FeatureVersion.find_one({"feature_id": feature.id, "version": number})
            if version is None:
                raise ValidationProblem.field(f"{field}.{i}", f"feature {name!r} has no version {number}")
            out.append(version)
        if len({v.id for v in out}) != len(out):
            raise ValidationProblem.field(field, "a feature version is listed twice")
        return out

    async def delete(self, name: str) -> None:
        feature = await self.get(name)
        ids = [v.id for v in await FeatureVersion.find({"feature_id": feature.id}).to_list()]
        if await ModelVersion.find_one({"feature_version_ids": {"$in": ids}}):
            raise ConflictError(f"Feature {name!r} is used by a registered model version")
        await FeatureValue.find({"version_id": {"$in": ids}}).delete()
        await FeatureVersion.find({"feature_id": feature.id}).delete()
        await feature.delete()

    async def materialize(self, app: FastAPI, body: MaterializeIn, bars: BarsClient) -> TaskAccepted:
        """Bars fetched (422s for unknown symbols, empty windows) before the task is submitted."""
        versions = await self.resolve(body.features)
        intervals = {v.interval for v in versions}
        if len(intervals) > 1:
            raise ValidationProblem.field(
                "body.features", "all features of one materialization share an interval"
            )
        frames = await load_bars(
            bars, body.symbols, intervals.pop(), body.start, body.end, max_warmup(versions)
        )
        return await submit_materialization(app, self.owner_id, versions, frames, body.start)

    async def latest(self, refs: list[str], symbol: str, bars: BarsClient) -> tuple[dict, dict]:
        """Serving values (and their timestamps); values made stale by newly ingested bars refreshed first."""
        versions = await self.resolve(refs, "query.features")
        await refresh_stale(versions, symbol, bars)
        return await feature_store.latest(versions, symbol)

    async def point_in_time(self, body: PointInTimeIn, bars: BarsClient) -> tuple[list[FeatureVersion], list]:
        versions = await self.resolve(body.features)
        await refresh_stale(versions, body.symbol, bars)
        return versions, await feature_store.point_in_time(versions, body.symbol, body.timestamps)

    def list(self):
        return Feature.find(self.owned())
