"""Task functions the tests dispatch by name ('worker_tasks:...'); the worker processes import them."""

import asyncio
import hashlib


async def slow_steps(ctx, steps: int, delay: float) -> dict:
    for i in range(steps):
        await ctx.progress(i / steps, f"step {i}")
        await asyncio.sleep(delay)
    return {"steps": steps, "attempt": ctx.attempt, "task_id": str(ctx.task.id)}


async def explode(ctx, message: str) -> dict:
    raise ValueError(message)


def digest(text: str, rounds: int) -> dict:
    value = text.encode()
    for _ in range(rounds):
        value = hashlib.sha256(value).digest()
    return {"hex": value.hex()}


async def note_failure(ctx, reason: str, **args) -> None:
    from quant_shared.tasks import Task

    await Task.find_one(Task.id == ctx.task.id).update({"$set": {"message": f"cleaned up after: {reason}"}})
