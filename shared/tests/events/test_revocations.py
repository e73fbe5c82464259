"""Revoked access: the verifier refuses a user's tokens issued up to the revocation's second, and every
process gets every revocation through a consumer of its own that the broker drops when it is gone."""

import asyncio
import time
from datetime import timedelta

from quant_shared.auth import TokenVerifier
from quant_shared.errors import UnauthorizedError
from quant_shared.events import Event
from quant_shared.events.catalog import AccessRevoked, make_event
from quant_shared.events.nats_bus import PROCESS_LOOKBACK_SECONDS
from quant_shared.events.nats_streams import durable_name
from quant_shared.timeutil import utcnow


async def test_verifier_refuses_tokens_issued_up_to_the_revocation(settings, token_factory):
    verifier = TokenVerifier(settings)
    old, other = token_factory.user("bob"), token_factory.user("ann")
    assert (await verifier.verify(old)).user_id == "bob"
    verifier.revocations.revoke("bob", time.time())
    try:
        await verifier.verify(old)
        raise AssertionError("a revoked token was accepted")
    except UnauthorizedError as exc:
        assert "revoked" in exc.detail
    assert (await verifier.verify(other)).user_id == "ann"
    verifier.revocations.revoke("ann", time.time() - 3600)  # an old revocation: today's token stands
    assert (await verifier.verify(other)).user_id == "ann"


async def test_every_process_gets_revocations_from_before_it_started(nats_bus):
    seen: list[str] = []

    async def handler(event: Event) -> None:
        seen.append(event.payload["user_id"])

    earlier = make_event(
        AccessRevoked(user_id="bob", not_before=utcnow() - timedelta(seconds=5), reason="deactivated"), "user"
    )
    await nats_bus.publish(earlier)  # before this process subscribed: within the look-back
    nats_bus.subscribe_every_process("AccessRevoked", handler)
    await nats_bus.start()
    for _ in range(200):
        if seen:
            break
        await asyncio.sleep(0.05)
    assert seen == ["bob"]
    settings = nats_bus.settings
    name = next(iter(nats_bus._per_process))
    info = await nats_bus.js.consumer_info(
        settings.events_stream, durable_name(settings.namespace, name, "AccessRevoked")
    )
    assert info.config.inactive_threshold == PROCESS_LOOKBACK_SECONDS  # gone with the process
