"""Every process learns of revoked access: ``AccessRevoked`` and ``UserDeleted`` reach the token
verifier's :class:`~quant_shared.auth.revocations.Revocations` (see there)."""

from fastapi import FastAPI

from quant_shared.events.catalog import AccessRevoked, UserDeleted, payload_of
from quant_shared.events.schema import Event


def subscribe_revocations(app: FastAPI) -> None:
    """Each process (each replica too) gets every revocation; the verifier is read at delivery, as a
    domain may replace it at start-up."""

    async def on_revocation(event: Event) -> None:
        verifier = getattr(app.state, "token_verifier", None)
        if verifier is None:
            return
        payload = payload_of(event)
        if isinstance(payload, AccessRevoked):
            verifier.revocations.revoke(payload.user_id, payload.not_before.timestamp())
        elif isinstance(payload, UserDeleted):
            verifier.revocations.revoke(payload.user_id, event.time.timestamp())

    bus = app.state.event_bus
    for event_type in (AccessRevoked.event_type, UserDeleted.event_type):
        bus.subscribe_every_process(event_type, on_revocation)
