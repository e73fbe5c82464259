"""Dead letters on NATS: a stream of events handlers gave up on, listed and replayed by an admin."""

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError as JsNotFoundError

from quant_shared.errors import NotFoundError
from quant_shared.events.dead_letter import DeadLetter, one_line
from quant_shared.events.schema import Event
from quant_shared.events.settings import EventSettings
from quant_shared.timeutil import utcnow

HANDLER, ERROR, DELIVERIES, SUBJECT = (
    "Quant-Handler",
    "Quant-Error",
    "Quant-Deliveries",
    "Quant-Subject",
)


async def publish_dead_letter(
    js: JetStreamContext,
    s: EventSettings,
    handler: str,
    data: bytes,
    error: str,
    deliveries: int,
    subject: str,
) -> None:
    headers = {
        HANDLER: handler,
        ERROR: one_line(error),
        DELIVERIES: str(deliveries),
        SUBJECT: subject,
    }
    await js.publish(s.dead_letter_subject(handler), data, headers=headers, timeout=s.publish_timeout_seconds)


def _letter(seq: int, data: bytes, headers: dict, time) -> DeadLetter:
    try:
        event = Event.model_validate_json(data)
    except ValueError:
        event = Event(type="unreadable", producer="unknown", payload={"raw": data.decode(errors="replace")})
    return DeadLetter(
        id=str(seq),
        handler=headers.get(HANDLER, ""),
        event=event,
        error=headers.get(ERROR, ""),
        deliveries=int(headers.get(DELIVERIES, "0") or 0),
        failed_at=time or utcnow(),
    )


async def _get(js: JetStreamContext, s: EventSettings, seq: int):
    try:
        return await js.get_msg(s.dead_letter_stream, seq)
    except JsNotFoundError:
        return None


async def list_dead_letters(js: JetStreamContext, s: EventSettings, limit: int = 100) -> list[DeadLetter]:
    state = (await js.stream_info(s.dead_letter_stream)).state
    letters: list[DeadLetter] = []
    seq = state.first_seq
    while seq and seq <= state.last_seq and len(letters) < limit:
        raw = await _get(js, s, seq)
        if raw is not None:
            letters.append(_letter(raw.seq, raw.data or b"", raw.headers or {}, raw.time))
        seq += 1
    return letters


async def replay_dead_letter(js: JetStreamContext, s: EventSettings, dead_letter_id: str) -> DeadLetter:
    """Publish the event again (handlers that already processed it skip it) and drop the dead letter."""
    raw = await _get(js, s, int(dead_letter_id)) if dead_letter_id.isdigit() else None
    if raw is None:
        raise NotFoundError(f"Dead letter {dead_letter_id} not found")
    letter = _letter(raw.seq, raw.data or b"", raw.headers or {}, raw.time)
    subject = (raw.headers or {}).get(SUBJECT) or s.subject(letter.event.type)
    headers = {"Nats-Msg-Id": f"{letter.event.id}:replay:{raw.seq}"}
    await js.publish(subject, raw.data or b"", headers=headers, timeout=s.publish_timeout_seconds)
    await js.delete_msg(s.dead_letter_stream, raw.seq)
    return letter
