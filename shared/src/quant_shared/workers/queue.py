"""The task queue on JetStream: a work-queue stream and one durable pull consumer per queue.

Every worker of a queue binds the same durable consumer, so JetStream hands each task to exactly one
of them at a time; a task not acked within ``ack_wait`` (its worker died) goes to another worker.
"""

import logging

from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import BadRequestError

from quant_shared.events.nats_streams import ensure_stream, work_queue_stream
from quant_shared.workers.settings import WorkerSettings

QUEUE_WORKER_PREFIX = "queue:"  # Task.worker while queued: "queue:<queue>"
NATS_WORKER_PREFIX = "nats:"  # Task.worker while a worker runs it: "nats:<worker id>"
log = logging.getLogger("quant.workers")


def consumer_config(settings: WorkerSettings, queue: str | None = None) -> ConsumerConfig:
    return ConsumerConfig(
        durable_name=settings.durable(queue),
        ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL,
        filter_subject=settings.subject(queue),
        ack_wait=settings.ack_wait_seconds,
        max_deliver=-1,  # the worker marks the task failed after max_attempts (see worker.py)
        max_ack_pending=10_000,
    )


async def ensure_queue(
    js: JetStreamContext, settings: WorkerSettings, queue: str | None = None, consumer: bool = True
) -> None:
    """The stream (a dispatcher needs only this: queued tasks wait for a consumer) and the consumer.

    An existing consumer keeps its configuration (JetStream refuses changing it): a worker with other
    settings binds it as it is.
    """
    await ensure_stream(js, work_queue_stream(settings.stream, settings.namespace, 600.0))
    if consumer:
        try:
            await js.add_consumer(settings.stream, consumer_config(settings, queue))
        except BadRequestError as exc:
            log.warning("task consumer %s kept as it is: %s", settings.durable(queue), exc)
