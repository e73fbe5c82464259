"""Numbering a model's versions 1, 2, 3... by the unique (model, version) index."""

from pymongo.errors import DuplicateKeyError

from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_shared.errors import ConflictError


async def insert_numbered(version: ModelVersion, latest: int) -> None:
    """Insert ``version`` under the next free number after ``latest``, then raise the model's counter.

    The unique (model, version) index picks the number: stock FerretDB v1 does not run an ``$inc`` by
    find-and-modify atomically, and concurrent registrations got the same number (a 409 for all but
    one; the embedded build now serializes updates, this holds on any server). A taken number costs
    one insert; the counter only goes up, and each registration checks that it holds at least its
    own number (a concurrent update may have written a smaller one last).
    """
    for number in range(latest + 1, latest + 1000):
        version.id, version.version = None, number
        try:
            await version.insert()
            break
        except DuplicateKeyError:
            continue
    else:
        raise ConflictError("too many concurrent registrations of this model; try again")
    models = RegisteredModel.get_pymongo_collection()
    for _ in range(10):
        await models.update_one({"_id": version.model_id}, {"$max": {"latest_version": version.version}})
        stored = await models.find_one({"_id": version.model_id}, {"latest_version": 1})
        if stored is None or stored["latest_version"] >= version.version:
            return
