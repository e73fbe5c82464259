"""Fundamentals produce the shared data-quality events through the mixin: a skipped quarter, EPS that
disagrees with net income / shares, a stale series; listed, announced and resolved like bars'."""

from quant_market_data.models import DataQualityEvent

QUARTERS = ["2024-03-31", "2024-06-30", "2024-12-31"]  # 2024-09-30 is missing


def quarter(day: str, eps: float) -> dict:
    return {
        "period": "quarterly",
        "fiscal_date": day,
        "net_income": 100.0,
        "shares_outstanding": 50.0,
        "eps": eps,
    }


async def test_fundamentals_findings_are_data_quality_events(client, admin, user, stock):
    seen = []

    async def handle(event):
        seen.append(event)

    client.app.state.event_bus.subscribe("DataQualityIssueDetected", "test.fundamentals", handle)
    items = [
        quarter(QUARTERS[0], 2.0),
        quarter(QUARTERS[1], 2.0),
        quarter(QUARTERS[2], 3.0),
    ]  # last: not 100/50
    resp = await client.post("/admin/market-data/fundamentals/TEST", json={"items": items}, headers=admin)
    assert resp.status_code == 200 and resp.json()["quality_events"] == 3, resp.text
    listed = await client.get("/market-data/quality/events", params={"dataset": "fundamentals"}, headers=user)
    events = {e["check"]: e for e in listed.json()["items"]}
    assert set(events) == {"gap", "invalid_value", "stale"}
    assert all(e["dataset"] == "fundamentals" and e["series"] == "quarterly" for e in events.values())
    assert events["gap"]["start"].startswith("2024-09") and events["gap"]["details"]["missing"] == 1
    assert events["invalid_value"]["details"]["examples"][0]["fiscal_date"] == "2024-12-31"
    await client.app.state.event_bus.drain()
    assert {e.payload["dataset"] for e in seen} == {"fundamentals"} and len(seen) == 3

    # fixing the data and re-uploading replaces the unresolved findings of the series
    fixed = [quarter("2024-09-30", 2.0), quarter(QUARTERS[2], 2.0)]
    again = await client.post("/admin/market-data/fundamentals/TEST", json={"items": fixed}, headers=admin)
    assert again.json()["quality_events"] == 1  # only stale remains
    assert {e.check.value for e in await DataQualityEvent.find({"symbol": "TEST"}).to_list()} == {"stale"}
    [stale] = (await client.get("/market-data/quality/events?dataset=fundamentals", headers=user)).json()[
        "items"
    ]
    resolve = f"/admin/market-data/quality/events/{stale['id']}/resolve"
    assert (await client.post(resolve, headers=user)).status_code == 403
    done = await client.post(resolve, headers=admin)
    assert done.status_code == 200 and done.json()["resolved"] is True
    bars = await client.get("/market-data/quality/events", params={"dataset": "bars"}, headers=user)
    assert bars.json()["total"] == 0
