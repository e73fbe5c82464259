"""``python -m quant_shared.workers``: a worker process serving the task queue (``quant worker`` calls it).

It composes the installed domains (entry points ``quant.domains``) into an app and runs its lifespan,
so task functions find the same ``ctx.app.state`` (database, settings, service clients) as in the API.
Needs ``QUANT_MONGODB_URL`` and ``QUANT_WORKERS_NATS_URL``.
"""

import argparse
import asyncio
import signal
from importlib.metadata import entry_points

from quant_shared import __version__
from quant_shared.domain import DomainSpec
from quant_shared.settings import get_settings
from quant_shared.workers.runner import QueueAwareTaskRunner
from quant_shared.workers.settings import WorkerSettings
from quant_shared.workers.worker import Worker


def discover_domains(names: str) -> list[DomainSpec]:
    """``all``, ``none`` or a comma-separated list of domain names."""
    if names == "none":
        return []
    wanted = None if names == "all" else {n.strip() for n in names.split(",") if n.strip()}
    found = {ep.name: ep for ep in entry_points(group="quant.domains")}
    missing = (wanted or set()) - found.keys()
    if missing:
        raise SystemExit(
            f"unknown domain(s): {', '.join(sorted(missing))}; installed: {', '.join(sorted(found))}"
        )
    return [ep.load() for name, ep in sorted(found.items()) if wanted is None or name in wanted]


async def serve(settings: WorkerSettings, specs: list[DomainSpec], worker_id: str | None) -> None:
    from quant_shared.app_factory import build_app

    QueueAwareTaskRunner.recovers = False  # this process must not fail the API processes' tasks
    app = build_app(title="quant-worker", version=__version__, settings=get_settings(), specs=specs)
    async with app.router.lifespan_context(app):
        for spec in specs:  # e.g. load compiled code now rather than in the first task
            for hook in spec.on_worker_start:
                await hook(app)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        worker = Worker(settings, app, worker_id)
        runner = asyncio.create_task(worker.run(stop))
        await worker.ready.wait()
        print(f"worker {worker.worker_id} ready on {settings.subject()}", flush=True)
        await runner


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m quant_shared.workers", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--queue", help="queue to serve (QUANT_WORKERS_QUEUE, default 'default')")
    parser.add_argument("--concurrency", type=int, help="tasks run at once (QUANT_WORKERS_CONCURRENCY)")
    parser.add_argument(
        "--domains", default="all", help="'all' (default), 'none' or e.g. 'trading,ml_platform'"
    )
    parser.add_argument("--id", dest="worker_id", help="worker id (default host:pid)")
    args = parser.parse_args(argv)
    overrides = {k: v for k, v in (("queue", args.queue), ("concurrency", args.concurrency)) if v is not None}
    settings = WorkerSettings(**overrides)
    asyncio.run(serve(settings, discover_domains(args.domains), args.worker_id))


if __name__ == "__main__":
    main()
