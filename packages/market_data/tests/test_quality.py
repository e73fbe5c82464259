"""Quality events for a series with an injected gap and outlier; listing and resolving them."""

import asyncio
import math

T0 = 1704067200000  # 2024-01-01T00:00:00Z
HOUR = 3_600_000


async def finished(client, status_url: str, headers: dict) -> dict:
    for _ in range(200):
        task = (await client.get(status_url, headers=headers)).json()
        if task["status"] in ("completed", "failed", "cancelled"):
            return task
        await asyncio.sleep(0.05)
    raise AssertionError(f"the task did not finish: {task}")


def _series():
    bars = []
    for i in range(40):
        if i in (10, 11, 12):  # the injected gap: three missing hours
            continue
        close = 100 * (1 + 0.002 * math.sin(i))
        if i == 30:  # the injected outlier: one bar three times the price
            close *= 3
        bars.append({"timestamp": T0 + i * HOUR, "open": close, "high": close, "low": close, "close": close,
                     "volume": 1})  # fmt: skip
    return bars


async def test_gap_and_outlier_are_reported(client, admin, user):
    body = {"symbol": "Q-USD", "name": "Q", "asset_class": "crypto"}
    await client.post("/admin/market-data/instruments", json=body, headers=admin)
    up = await client.post(
        "/admin/market-data/bars/Q-USD", json={"interval": "1h", "bars": _series()}, headers=admin
    )
    assert up.status_code == 200 and up.json()["quality_events"] == 4
    events = (
        await client.get("/market-data/quality/events", params={"symbol": "Q-USD"}, headers=user)
    ).json()
    by_check = {}
    for e in events["items"]:
        by_check.setdefault(e["check"], []).append(e)
    gap = by_check["gap"][0]
    assert gap["start"].startswith("2024-01-01T10:00") and gap["end"].startswith("2024-01-01T12:00")
    assert gap["details"]["missing"] == 3
    outliers = sorted(e["start"] for e in by_check["outlier"])
    assert [o[:16] for o in outliers] == ["2024-01-02T06:00", "2024-01-02T07:00"]  # up at 30, back at 31
    assert by_check["stale"][0]["severity"] == "info"
    assert "ohlc_inconsistency" not in by_check and "duplicate" not in by_check

    resolved = await client.post(f"/admin/market-data/quality/events/{gap['id']}/resolve", headers=admin)
    assert resolved.json()["resolved"] is True and resolved.json()["resolved_by"]
    assert (
        await client.post(f"/admin/market-data/quality/events/{gap['id']}/resolve", headers=user)
    ).status_code == 403
    open_ = await client.get("/market-data/quality/events", params={"resolved": "false"}, headers=user)
    assert open_.json()["total"] == 3

    assert (await client.post("/admin/market-data/quality/run", headers=user)).status_code == 403
    rerun = await client.post("/admin/market-data/quality/run", headers=admin)  # a task: series are many
    assert rerun.status_code == 202, rerun.text
    task = await finished(client, rerun.json()["status_url"], admin)
    assert task["status"] == "completed" and task["kind"] == "quality-run", task
    assert task["result"] == {"series": 1, "events": 4} and task["progress"] == 1.0
    total = (await client.get("/market-data/quality/events", headers=user)).json()["total"]
    assert total == 5  # the resolved gap stays, the unresolved ones were replaced by the re-run


async def test_admin_deletes_a_symbol(client, admin, user, stock):
    bars = [{"timestamp": "2024-01-02", "open": 1, "high": 2, "low": 1, "close": 2, "volume": 0}]
    await client.post("/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars}, headers=admin)
    assert (await client.delete("/admin/market-data/symbols/TEST", headers=user)).status_code == 403
    resp = await client.delete("/admin/market-data/symbols/TEST", headers=admin)
    assert resp.json()["bars"] == 1
    assert (await client.get("/market-data/instruments/TEST", headers=user)).status_code == 404


async def test_gap_between_stored_bars_and_a_new_upload_is_found(client, admin, user):
    instrument = {"symbol": "G-USD", "name": "G", "asset_class": "crypto"}
    await client.post("/admin/market-data/instruments", json=instrument, headers=admin)
    bar = {"open": 1, "high": 1, "low": 1, "close": 1, "volume": 1}
    first = [{"timestamp": T0 + i * HOUR, **bar} for i in range(3)]
    later = [{"timestamp": T0 + i * HOUR, **bar} for i in range(6, 8)]  # hours 3, 4, 5 missing
    for part in (first, later):
        await client.post(
            "/admin/market-data/bars/G-USD", json={"interval": "1h", "bars": part}, headers=admin
        )
    events = await client.get(
        "/market-data/quality/events", params={"symbol": "G-USD", "check": "gap"}, headers=user
    )
    gaps = events.json()["items"]
    assert (
        len(gaps) == 1 and gaps[0]["details"]["missing"] == 3 and gaps[0]["start"].startswith("2024-01-01T03")
    )
