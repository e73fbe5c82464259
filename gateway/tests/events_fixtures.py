"""Data, helpers and the gateway fixture of the end-to-end events test (``test_e2e_events.py``)."""

import asyncio
from datetime import UTC, datetime, timedelta

import numpy as np

from quant_shared.testing import bearer

SYMBOL = "EVT"
FEATURES = [
    {"name": "ret1", "transformation": "returns"},
    {"name": "ret5", "transformation": "returns", "params": {"periods": 5}},
    {"name": "vol10", "transformation": "rolling_volatility", "params": {"window": 10}},
    {"name": "rsi14", "transformation": "rsi"},
]
PASSWORD = "events end to end"


def weekdays(start: datetime, n: int) -> list[datetime]:
    days, day = [], start
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def bars(days: list[datetime], seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0.0005, 0.015, len(days))))
    return [
        {"timestamp": d.isoformat(), "open": c, "high": c * 1.01, "low": c * 0.99, "close": c, "volume": 1e5}
        for d, c in zip(days, close.round(4).tolist(), strict=True)
    ]


FIRST = weekdays(datetime(2024, 1, 2, tzinfo=UTC), 260)
OLD = FIRST[:200] + FIRST[215:]  # fifteen weekdays missing: a gap the quality checks report
NEW = weekdays(FIRST[-1] + timedelta(days=1), 10)


async def eventually(probe, timeout: float = 60.0):
    """Poll ``probe`` (async, returns a truthy value when done) until it succeeds."""
    last = None
    for _ in range(int(timeout / 0.2)):
        last = await probe()
        if last:
            return last
        await asyncio.sleep(0.2)
    raise AssertionError(f"not reached within {timeout:g} s: {last!r}")


async def task_done(client, headers, resp) -> dict:
    assert resp.status_code == 202, resp.text
    accepted = resp.json()
    task = await eventually(lambda: _finished(client, accepted["status_url"], headers), timeout=180)
    assert task["status"] == "completed", task
    return accepted


async def _finished(client, url, headers):
    task = (await client.get(url, headers=headers)).json()
    return task if task["status"] in ("completed", "failed", "cancelled") else None


async def quality_shown_to(client, headers) -> list[dict]:
    body = (await client.get("/dashboard", headers=headers)).json()
    [section] = [s for s in body["sections"] if s["name"] == "data_quality"]
    return [n for n in section["data"] or [] if n["symbol"] == SYMBOL and n["check"] == "gap"]


async def register(client, email: str) -> tuple[str, dict]:
    body = {"email": email, "password": PASSWORD, "display_name": email.split("@")[0]}
    resp = await client.post("/auth/register", json=body)
    assert resp.status_code == 201, resp.text
    token = await client.post("/auth/token", data={"username": email, "password": PASSWORD})
    return resp.json()["id"], bearer(token.json()["access_token"])
