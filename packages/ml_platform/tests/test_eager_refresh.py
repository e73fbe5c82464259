"""MarketDataIngested carrying its bars -> the feature values are refreshed at once from the stored bar
tail + the new bars (no stale mark); without bars, or with a gap, the lazy path stays (in-process bus)."""

from datetime import timedelta

import pytest

from quant_ml_platform.engine.transforms import bars_frame, compute
from quant_ml_platform.models.bar_tail import BarTail
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_shared.events import MarketDataIngested, make_event

from .helpers import define_features, materialize
from .market_data_contract import N_BARS, START, SYMBOLS

CUT = START + timedelta(days=299)
LAST = START + timedelta(days=N_BARS - 1)


def ingested(
    first: int, last: int = N_BARS, with_bars: bool = True, previous: int | None = None, part=(1, 1)
):
    """The event market data sends for the contract's AAA bars [first, last); ``previous``: the index of
    the bar market data has stored just before them; ``part``: (part, parts) of a large ingest."""
    columns = {k: v[first:last] for k, v in SYMBOLS["AAA"].items()}
    payload = MarketDataIngested(
        symbols=["AAA"],
        timeframe="1d",
        start=START + timedelta(days=first),
        end=START + timedelta(days=last - 1),
        bars=last - first,
        bar_columns=columns if with_bars else None,
        previous_end=START + timedelta(days=previous) if previous is not None else None,
        part=part[0],
        parts=part[1],
    )
    return make_event(payload, producer="market_data")


async def deliver(client, *events) -> None:
    bus = client.app.state.event_bus
    for event in events:
        await bus.publish(event)
    await bus.drain()


async def stored(version) -> list[tuple]:
    docs = await FeatureValue.find({"version_id": version.id, "symbol": "AAA"}).sort("timestamp").to_list()
    return [(d.id, d.timestamp, d.value) for d in docs]


async def test_ingest_with_bars_refreshes_values_at_once(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"], end=CUT.isoformat())
    tail = await BarTail.find_one({"symbol": "AAA", "interval": "1d"})
    assert tail.bars["timestamp"][-1] == SYMBOLS["AAA"]["timestamp"][299] and tail.size >= 15
    event = ingested(300)
    await deliver(client, event)
    versions = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    assert all(v.stale == {} for v in versions), [v.stale for v in versions]
    assert all(v.materialized["AAA"]["last"].date() == LAST.date() for v in versions)
    full = bars_frame(SYMBOLS["AAA"])  # a fresh materialization over the whole series
    for version in versions:
        values = await stored(version)
        assert len(values) == N_BARS and values[-1][1].date() == LAST.date()
        expected = compute(version.transformation, version.params, full).tolist()
        got = [v for _, _, v in values]
        # the same values but for rounding (a rolling std computed from the tail's start differs in the
        # last bits from one over the whole series); RSI is an EWM: the tail's start barely matters
        rel = 1e-3 if version.feature_name == "rsi14" else 1e-9
        assert got[300:] == pytest.approx(expected[300:], rel=rel)
        assert version.materialized["AAA"]["last_value"] == got[-1]
    latest = await client.get("/features/latest", params={"symbol": "AAA", "features": names}, headers=auth)
    assert latest.json()["timestamps"]["ret1@1"].startswith(LAST.date().isoformat())
    tail = await BarTail.find_one({"symbol": "AAA", "interval": "1d"})
    assert tail.bars["timestamp"][-1] == SYMBOLS["AAA"]["timestamp"][-1] and event.id in tail.applied

    before = {v.feature_name: await stored(v) for v in versions}
    await deliver(client, event, event)  # redelivered: nothing changes
    assert {v.feature_name: await stored(v) for v in versions} == before
    assert await FeatureVersion.find({"stale.AAA": {"$exists": True}}).count() == 0


async def test_bars_continuing_the_stored_series_after_a_weekend_refresh_at_once(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"], end=CUT.isoformat())
    await deliver(client, ingested(305, previous=299))  # market data has nothing between: no gap
    versions = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    assert all(v.stale == {} for v in versions), [v.stale for v in versions]
    assert all(v.materialized["AAA"]["last"].date() == LAST.date() for v in versions)


async def test_a_large_ingest_in_parts_refreshes_at_once_part_after_part(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"], end=CUT.isoformat())
    parts = [ingested(300, 320, previous=299, part=(1, 3)), ingested(320, 340, previous=319, part=(2, 3))]
    await deliver(client, *parts, ingested(340, previous=339, part=(3, 3)))
    versions = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    assert all(v.stale == {} for v in versions), [v.stale for v in versions]
    version = next(v for v in versions if v.feature_name == "ret1")
    expected = compute(version.transformation, version.params, bars_frame(SYMBOLS["AAA"])).tolist()
    assert [v for _, _, v in await stored(version)][300:] == expected[300:]


async def test_a_part_before_the_one_it_follows_goes_stale(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"], end=CUT.isoformat())
    second = ingested(320, previous=319, part=(2, 2))
    await deliver(client, second, ingested(300, 320, previous=299, part=(1, 2)))
    versions = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    day = (START + timedelta(days=300)).date()  # stale from the first part's first bar
    assert all(v.stale["AAA"]["from"].date() == day for v in versions), [v.stale for v in versions]
    after = await client.get("/features/latest", params={"symbol": "AAA", "features": names}, headers=auth)
    assert after.json()["timestamps"]["ret1@1"].startswith(LAST.date().isoformat())  # the lazy refresh


@pytest.mark.parametrize(
    "first, with_bars, previous",
    [(300, False, 299), (305, True, None), (305, True, 303)],
    ids=["no bars", "gap", "bars the tail lacks"],
)
async def test_without_bars_or_after_a_gap_the_values_go_stale(client, auth, first, with_bars, previous):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"], end=CUT.isoformat())
    event = ingested(first, with_bars=with_bars, previous=previous)
    await deliver(client, event, event)
    versions = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    assert all(v.stale["AAA"]["event_id"] == event.id for v in versions), [v.stale for v in versions]
    assert all(v.materialized["AAA"]["last"].date() == CUT.date() for v in versions)
    params = {"symbol": "AAA", "features": names}
    after = (await client.get("/features/latest", params=params, headers=auth)).json()  # the lazy refresh
    assert after["timestamps"]["ret1@1"].startswith(LAST.date().isoformat())
    assert await FeatureVersion.find({"stale.AAA": {"$exists": True}}).count() == 0
