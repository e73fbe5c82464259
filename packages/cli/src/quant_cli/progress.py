"""Follow a platform task with a live progress bar."""

import time
from collections.abc import Callable

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from quant_cli.client import PlatformClient
from quant_shared.enums import TaskStatus

FINAL = {status.value for status in TaskStatus if status.is_final}

# (task) -> (fraction done, text shown next to the bar)
Describe = Callable[[dict], tuple[float, str]]


def _task_text(task: dict) -> tuple[float, str]:
    return task["progress"], task.get("message") or task["status"]


def follow_task(
    client: PlatformClient,
    task_id: str,
    label: str,
    poll: float = 0.3,
    timeout: float = 3600.0,
    describe: Describe = _task_text,
) -> dict:
    """Poll ``/tasks/{id}`` until it ends (or ``timeout``); ``describe`` turns it into bar + text."""
    deadline = time.monotonic() + timeout
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.fields[message]}"),
        TimeElapsedColumn(),
    ) as progress:
        bar = progress.add_task(label, total=1.0, message="")
        while True:
            task = client.get(f"/tasks/{task_id}")
            fraction, message = describe(task)
            progress.update(bar, completed=fraction, message=message)
            if task["status"] in FINAL or time.monotonic() > deadline:
                return task
            time.sleep(poll)
