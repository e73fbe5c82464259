"""``UserDeleted`` and ``AccessRevoked``, recorded in the user database's outbox before the change."""

from pymongo.asynchronous.collection import AsyncCollection

from quant_shared.events import Event, UserDeleted, make_event, record_event
from quant_shared.events.catalog import AccessRevoked
from quant_shared.events.outbox import OUTBOX_COLLECTION
from quant_shared.timeutil import utcnow
from quant_user.models.user import User


def outbox_collection() -> AsyncCollection:
    return User.get_pymongo_collection().database[OUTBOX_COLLECTION]


async def record_user_deleted(user_id: str, deleted_by: str | None) -> Event:
    """Written first: a crash after it still announces the deletion (the handlers are idempotent)."""
    event = make_event(UserDeleted(user_id=user_id, deleted_by=deleted_by), producer="user")
    await record_event(outbox_collection(), event)
    return event


async def record_access_revoked(user_id: str, reason: str) -> Event:
    """Every process refuses the user's access tokens issued before now (deactivation, role change)."""
    event = make_event(AccessRevoked(user_id=user_id, not_before=utcnow(), reason=reason), producer="user")
    await record_event(outbox_collection(), event)
    return event
