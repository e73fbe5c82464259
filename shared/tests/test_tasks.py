"""Tasks: 202 Accepted, progress, completion, failure with a readable error, cancellation, ownership."""

import asyncio

from quant_shared.testing import bearer


async def _wait_final(client, url, headers, timeout=10.0):
    for _ in range(int(timeout / 0.05)):
        body = (await client.get(url, headers=headers)).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"task did not finish: {body}")


async def test_task_completes_with_result(client, user_token):
    resp = await client.post("/widgets/jobs?steps=3", headers=bearer(user_token))
    assert resp.status_code == 202
    body = await _wait_final(client, resp.json()["status_url"], bearer(user_token))
    assert body["status"] == "completed" and body["progress"] == 1.0 and body["result"] == {"steps": 3}
    listed = (await client.get("/tasks?status=completed", headers=bearer(user_token))).json()
    assert listed["total"] == 1 and listed["items"][0]["kind"] == "job"


async def test_failed_task_keeps_a_readable_error(client, user_token):
    resp = await client.post("/widgets/jobs?steps=1&fail=true", headers=bearer(user_token))
    body = await _wait_final(client, resp.json()["status_url"], bearer(user_token))
    assert body["status"] == "failed" and body["error"] == "the job was told to fail"


async def test_cancel_stops_a_running_task(client, user_token):
    resp = await client.post("/widgets/jobs?steps=40", headers=bearer(user_token))
    task_id = resp.json()["task_id"]
    await asyncio.sleep(0.1)
    cancel = await client.post(f"/tasks/{task_id}/cancel", headers=bearer(user_token))
    assert cancel.status_code == 202
    body = await _wait_final(client, f"/tasks/{task_id}", bearer(user_token))
    assert body["status"] == "cancelled" and body["progress"] < 1.0
    again = await client.post(f"/tasks/{task_id}/cancel", headers=bearer(user_token))
    assert again.status_code == 409


async def test_tasks_are_private(client, token_factory):
    owner, other = token_factory.user("u1"), token_factory.user("u2")
    task_id = (await client.post("/widgets/jobs?steps=1", headers=bearer(owner))).json()["task_id"]
    assert (await client.get(f"/tasks/{task_id}", headers=bearer(other))).status_code == 404
    assert (await client.post(f"/tasks/{task_id}/cancel", headers=bearer(other))).status_code == 404
    assert (await client.get("/tasks", headers=bearer(other))).json()["total"] == 0
