"""Bar ingests announce ``MarketDataIngested`` and each stored quality finding its
``DataQualityIssueDetected``, both through the outbox (written with the data, sent by the relay)."""

from quant_market_data.models import DataQualityEvent
from quant_market_data.services.ingest_events import outbox_collection

DAYS = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-16", "2024-01-17"]  # gap: 5th..15th


def bars(closes: list[float]) -> list[dict]:
    return [
        {"timestamp": f"{d}T00:00:00Z", "open": c, "high": c + 1, "low": c - 1, "close": c, "volume": 10}
        for d, c in zip(DAYS, closes, strict=True)
    ]


def recorder(app) -> dict[str, list]:
    seen: dict[str, list] = {"MarketDataIngested": [], "DataQualityIssueDetected": []}
    for kind, events in seen.items():

        async def handle(event, events=events):
            events.append(event)

        app.state.event_bus.subscribe(kind, f"test.{kind}", handle)
    return seen


async def test_upload_announces_ingest_and_quality_issues(client, admin, stock):
    seen = recorder(client.app)
    body = {"interval": "1d", "bars": bars([10, 11, 12, 13, 14])}
    resp = await client.post("/admin/market-data/bars/TEST", json=body, headers=admin)
    assert resp.status_code == 200 and resp.json()["quality_events"] >= 1, resp.text
    await client.app.state.event_bus.drain()
    [ingested] = seen["MarketDataIngested"]
    assert ingested.producer == "market_data"
    assert ingested.payload["symbols"] == ["TEST"] and ingested.payload["timeframe"] == "1d"
    assert ingested.payload["bars"] == 5 and ingested.payload["source"] == "upload"
    assert ingested.payload["start"].startswith("2024-01-02") and ingested.payload["end"].startswith(
        "2024-01-17"
    )
    stored = await DataQualityEvent.find({"symbol": "TEST"}).to_list()
    gaps = [e for e in seen["DataQualityIssueDetected"] if e.payload["check"] == "gap"]
    assert len(gaps) == 1 and len(seen["DataQualityIssueDetected"]) == len(stored)
    gap = gaps[0].payload
    assert gap["symbol"] == "TEST" and gap["dataset"] == "bars" and gap["details"]["interval"] == "1d"
    assert gap["message"].startswith("gap on TEST 1d") and gap["document_id"] in {str(s.id) for s in stored}
    assert gaps[0].id == f"dq-bars-{gap['document_id']}"
    assert all(s.pending_events == [] for s in stored)  # the relay pulled what it sent
    # an identical re-upload changes nothing: no new ingest announcement
    await client.post("/admin/market-data/bars/TEST", json=body, headers=admin)
    await client.app.state.event_bus.drain()
    assert len(seen["MarketDataIngested"]) == 1


async def test_the_event_carries_the_bars_of_a_small_ingest(client, admin, stock):
    seen = recorder(client.app)
    body = {"interval": "1d", "bars": bars([10, 11, 12, 13, 14])}
    await client.post("/admin/market-data/bars/TEST", json=body, headers=admin)
    await client.app.state.event_bus.drain()
    columns = seen["MarketDataIngested"][0].payload["bar_columns"]
    assert sorted(columns) == ["close", "high", "low", "open", "timestamp", "volume"]
    assert columns["timestamp"][0] == 1704153600000 and len(columns["timestamp"]) == 5
    assert columns["close"] == [10, 11, 12, 13, 14] and columns["high"][0] == 11
    assert seen["MarketDataIngested"][0].payload["previous_end"] is None  # nothing stored before
    day = {"timestamp": "2024-01-18T00:00:00Z", "open": 15, "high": 16, "low": 14, "close": 15, "volume": 10}
    later = {"interval": "1d", "bars": [day]}  # the day after the five
    await client.post("/admin/market-data/bars/TEST", json=later, headers=admin)
    await client.app.state.event_bus.drain()
    following = seen["MarketDataIngested"].pop().payload  # the stored bar before it: the fifth one
    assert following["previous_end"].startswith(f"{DAYS[4]}T00:00:00") and following["bar_columns"]
    client.app.state.market_data_settings.event_bars_max = 2  # above the limit: announced in parts
    body = {"interval": "1d", "bars": bars([20, 21, 22, 23, 24])}
    await client.post("/admin/market-data/bars/TEST", json=body, headers=admin)
    await client.app.state.event_bus.drain()
    parts = [e.payload for e in seen["MarketDataIngested"][1:]]
    assert [(p["part"], p["parts"], p["bars"]) for p in parts] == [(1, 3, 5), (2, 3, 5), (3, 3, 5)]
    assert [p["bar_columns"]["close"] for p in parts] == [[20, 21], [22, 23], [24]]
    assert [p["previous_end"] for p in parts] == [None, parts[0]["end"], parts[1]["end"]]
    assert parts[1]["start"].startswith(f"{DAYS[2]}T00:00:00")
    client.app.state.market_data_settings.event_bars_max = 0  # no bars carried
    await client.post(
        "/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars([30] * 5)}, headers=admin
    )
    await client.app.state.event_bus.drain()
    last = seen["MarketDataIngested"][-1].payload
    assert last["bar_columns"] is None and last["bars"] == 5 and last["parts"] == 1


async def test_events_wait_in_the_outbox_while_the_bus_is_down(client, admin, stock, monkeypatch):
    seen = recorder(client.app)
    bus = client.app.state.event_bus
    real_publish = bus.publish

    async def down(event):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(bus, "publish", down)
    body = {"interval": "1d", "bars": bars([10, 11, 12, 13, 14])}
    resp = await client.post("/admin/market-data/bars/TEST", json=body, headers=admin)
    assert resp.status_code == 200  # the bars are stored all the same
    waiting = await outbox_collection().find({"pending_events.0": {"$exists": True}}).to_list()
    assert [doc["pending_events"][0]["type"] for doc in waiting] == ["MarketDataIngested"]
    findings = await DataQualityEvent.find({"symbol": "TEST"}).to_list()
    assert findings and all(len(f.pending_events) == 1 for f in findings)
    monkeypatch.setattr(bus, "publish", real_publish)
    await client.app.state.outbox.flush()  # the relay's own loop, woken by the failure, may be first
    await bus.drain()
    assert len(seen["MarketDataIngested"]) == 1 and seen["DataQualityIssueDetected"]
    assert await outbox_collection().count_documents({"pending_events.0": {"$exists": True}}) == 0
