"""Follow a platform task with a live progress bar."""

import time

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from quant_cli.client import PlatformClient

FINAL = {"completed", "failed", "cancelled"}


def follow_task(
    client: PlatformClient, task_id: str, label: str, poll: float = 0.3, timeout: float = 3600.0
) -> dict:
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
            progress.update(bar, completed=task["progress"], message=task.get("message") or task["status"])
            if task["status"] in FINAL or time.monotonic() > deadline:
                return task
            time.sleep(poll)
