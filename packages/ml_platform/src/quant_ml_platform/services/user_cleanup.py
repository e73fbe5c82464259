"""``UserDeleted`` -> every ML-platform record of the user is removed (idempotent).

Owned documents go through the shared ``purge_user_data``; feature values (keyed by feature version,
not by owner) and model artifacts (GridFS files) of the user's versions and experiments go first.
"""

from collections.abc import Sequence

from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.services import artifact_store
from quant_shared.events import Event, Handler, UserDeleted, payload_of
from quant_shared.events.reactions import purge_user_data


def user_cleanup(documents: Sequence[type]) -> Handler:
    purge = purge_user_data(documents)

    async def on_user_deleted(event: Event) -> None:
        payload = payload_of(event)
        assert isinstance(payload, UserDeleted)
        owner = {"owner_id": payload.user_id}
        version_ids = [v.id for v in await FeatureVersion.find(owner).to_list()]
        if version_ids:
            await FeatureValue.find({"version_id": {"$in": version_ids}}).delete()
        artifacts = {v.artifact_id for v in await ModelVersion.find(owner).to_list()}
        artifacts |= {e.artifact_id for e in await ModelExperiment.find(owner).to_list() if e.artifact_id}
        for file_id in artifacts:
            await artifact_store.delete(file_id)
        await purge(event)

    return on_user_deleted
