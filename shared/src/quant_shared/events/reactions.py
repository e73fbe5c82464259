"""Ready-made reactions shared by every domain."""

import logging
from collections.abc import Sequence

from quant_shared.document import OwnedDocument
from quant_shared.events.bus import Handler
from quant_shared.events.catalog import UserDeleted, payload_of
from quant_shared.events.schema import Event

log = logging.getLogger("quant.events")


def purge_user_data(documents: Sequence[type]) -> Handler:
    """A ``UserDeleted`` handler deleting the user's documents of every ``OwnedDocument`` model given.

    ``bus.subscribe("UserDeleted", "<domain>.user_cleanup", purge_user_data(DOCUMENTS))`` in the
    domain's start-up hook. Deleting is idempotent, so a redelivery is harmless.
    """
    owned = [model for model in documents if isinstance(model, type) and issubclass(model, OwnedDocument)]

    async def purge(event: Event) -> None:
        payload = payload_of(event)
        assert isinstance(payload, UserDeleted)
        for model in owned:
            result = await model.find({"owner_id": payload.user_id}).delete()
            count = getattr(result, "deleted_count", 0)
            if count:
                log.info("deleted %d %s of user %s", count, model.__name__, payload.user_id)

    return purge
