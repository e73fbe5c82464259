"""Shared helpers of the trading API tests."""

import asyncio

from quant_shared.testing import bearer


async def wait_task(client, task_id: str, token: str, timeout: float = 30.0) -> dict:
    body: dict = {}
    for _ in range(int(timeout / 0.05)):
        body = (await client.get(f"/tasks/{task_id}", headers=bearer(token))).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"task did not finish: {body}")


async def run_backtest(client, token: str, payload: dict) -> dict:
    """Submit, wait for the task, return the stored backtest."""
    resp = await client.post("/backtests", json=payload, headers=bearer(token))
    assert resp.status_code == 202, resp.text
    accepted = resp.json()
    await wait_task(client, accepted["task_id"], token)
    return (await client.get(f"/backtests/{accepted['resource_id']}", headers=bearer(token))).json()
