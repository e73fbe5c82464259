"""The task queue on JetStream: a work-queue stream and one durable pull consumer per queue.

Every worker of a queue binds the same durable consumer, so JetStream hands each task to exactly one
of them at a time; a task not acked within ``ack_wait`` (its worker died) goes to another worker.
"""

from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from quant_shared.events.nats_streams import ensure_stream, work_queue_stream
from quant_shared.workers.settings import WorkerSettings

QUEUE_WORKER_PREFIX = "queue:"  # Task.worker while queued: "queue:<queue>"
NATS_WORKER_PREFIX = "nats:"  # Task.worker while a worker runs it: "nats:<worker id>"


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


async def ensure_queue(js: JetStreamContext, settings: WorkerSettings, queue: str | None = None) -> None:
    await ensure_stream(js, work_queue_stream(settings.stream, settings.namespace, 600.0))
    await js.add_consumer(settings.stream, consumer_config(settings, queue))
