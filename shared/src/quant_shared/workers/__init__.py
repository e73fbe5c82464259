"""Distributed task execution: tasks named ``'module:function'`` with JSON arguments, run in-process
(default) or by any number of worker processes fed by NATS JetStream (``QUANT_WORKERS_BACKEND=nats``)."""

from quant_shared.workers.dispatcher import LocalDispatcher, NatsDispatcher, TaskDispatcher
from quant_shared.workers.execute import JobContext, resolve, run_job
from quant_shared.workers.message import TaskMessage
from quant_shared.workers.runner import QueueAwareTaskRunner
from quant_shared.workers.settings import WorkerSettings
from quant_shared.workers.worker import Worker

__all__ = [
    "JobContext",
    "LocalDispatcher",
    "NatsDispatcher",
    "QueueAwareTaskRunner",
    "TaskDispatcher",
    "TaskMessage",
    "Worker",
    "WorkerSettings",
    "resolve",
    "run_job",
]
