"""``UserDeleted``, recorded in the user database's outbox before the account's data is removed."""

from pymongo.asynchronous.collection import AsyncCollection

from quant_shared.events import Event, UserDeleted, make_event, record_event
from quant_shared.events.outbox import OUTBOX_COLLECTION
from quant_user.models.user import User


def outbox_collection() -> AsyncCollection:
    return User.get_pymongo_collection().database[OUTBOX_COLLECTION]


async def record_user_deleted(user_id: str, deleted_by: str | None) -> Event:
    """Written first: a crash after it still announces the deletion (the handlers are idempotent)."""
    event = make_event(UserDeleted(user_id=user_id, deleted_by=deleted_by), producer="user")
    await record_event(outbox_collection(), event)
    return event
