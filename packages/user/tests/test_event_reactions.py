"""User-domain reactions: DataQualityIssueDetected -> the dashboard's ``data_quality`` section (watchlist
symbols only, one notice per issue); the deletion's UserDeleted goes out through the outbox."""

from quant_shared.events import DataQualityIssueDetected, make_event
from quant_shared.events.outbox import OUTBOX_COLLECTION
from quant_shared.testing import bearer
from quant_user.models.quality_notice import QualityNotice
from quant_user.models.user import User

from .conftest import signup

WATCH = {"name": "main", "items": [{"symbol": "AAPL"}, {"symbol": "MSFT"}]}


def issue(
    symbol: str, check: str = "gap", start: str = "2024-01-05T00:00:00+00:00", owner: str | None = None
):
    payload = DataQualityIssueDetected(
        dataset="feature_values" if owner else "bars",
        owner_id=owner,
        check=check,
        severity="error",
        message=f"{check} on {symbol} 1d",
        symbol=symbol,
        details={"interval": "1d", "start": start, "missing": 7},
    )
    return make_event(payload, producer="market_data")


async def quality_section(client, headers) -> list[dict]:
    body = (await client.get("/dashboard", headers=headers)).json()
    [section] = [s for s in body["sections"] if s["name"] == "data_quality"]
    assert section["status"] == "ok", section
    return section["data"]


async def test_quality_issues_reach_the_dashboard_of_watchers(app, client):
    alice, bob = await signup(client, "alice@example.com"), await signup(client, "bob@example.com")
    await client.post("/watchlists", json=WATCH, headers=alice["headers"])
    assert await quality_section(client, alice["headers"]) == []
    bus = app.state.event_bus
    aapl = issue("AAPL")
    for event in (aapl, aapl, issue("TSLA"), issue("MSFT", check="outlier")):  # aapl delivered twice
        await bus.publish(event)
    await bus.drain()
    shown = await quality_section(client, alice["headers"])
    assert sorted((n["symbol"], n["check"]) for n in shown) == [("AAPL", "gap"), ("MSFT", "outlier")]
    gap = next(n for n in shown if n["check"] == "gap")
    assert (
        gap["severity"] == "error" and gap["message"] == "gap on AAPL 1d" and gap["details"]["missing"] == 7
    )
    assert await QualityNotice.find({"symbol": "AAPL"}).count() == 1
    await bus.publish(issue("AAPL"))  # the same issue seen again (a new event id): still one notice
    await bus.drain()
    assert await QualityNotice.find({"symbol": "AAPL"}).count() == 1
    assert await quality_section(client, bob["headers"]) == []  # bob watches nothing
    # an issue on a user's own data (an ML feature) reaches that user's dashboard only
    await client.post("/watchlists", json=WATCH, headers=bob["headers"])
    await bus.publish(issue("MSFT", check="constant", owner=bob["id"]))
    await bus.drain()
    assert ("MSFT", "constant") in [
        (n["symbol"], n["check"]) for n in await quality_section(client, bob["headers"])
    ]
    assert "constant" not in [n["check"] for n in await quality_section(client, alice["headers"])]


async def test_user_deleted_is_written_to_the_outbox_and_sent(app, client, token_factory):
    victim = await signup(client, "gone@example.com")
    received = []

    async def handler(event):
        received.append(event)

    app.state.event_bus.subscribe("UserDeleted", "test.outbox", handler)
    admin = bearer(token_factory.admin("admin-1"))
    assert (await client.delete(f"/admin/users/{victim['id']}", headers=admin)).status_code == 204
    await app.state.event_bus.drain()
    assert [e.payload["user_id"] for e in received] == [victim["id"]]
    outbox = User.get_pymongo_collection().database[OUTBOX_COLLECTION]
    [record] = await outbox.find({"_id": received[0].id}).to_list()
    assert record["pending_events"] == []  # sent, then pulled out of the outbox record
