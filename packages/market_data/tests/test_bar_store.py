"""Bucketed bar storage: reads and pages across buckets, idempotent merges, concurrent writers, codecs."""

import asyncio

import numpy as np
import pytest

from quant_market_data.engine.columns import BarColumns, concat
from quant_market_data.models import BarBucket
from quant_market_data.services.bar_store import BarStore
from quant_shared import columns_codec
from quant_shared.enums import DataInterval, SortOrder

M1 = DataInterval.M1
SPAN = 10_000 * 60_000  # one bucket of one-minute bars
T0 = 1_700_000_000_000 // SPAN * SPAN + SPAN - 5 * 60_000  # five minutes before a bucket boundary


def minutes(first: int, count: int, price: float = 100.0) -> BarColumns:
    ts = T0 + (np.arange(count, dtype=np.int64) + first) * 60_000
    close = np.round(price + (np.arange(count) + first) * 0.01, 4)
    return BarColumns(ts, close, close + 0.5, close - 0.5, close, np.full(count, 10.0))


@pytest.fixture
async def store(client):
    return BarStore()


async def test_reads_span_buckets_and_clip_ranges(store):
    bars = minutes(0, 12)  # 5 bars in one bucket, 7 in the next
    assert await store.write("AAA", M1, bars) == {"inserted": 12, "updated": 0, "unchanged": 0}
    assert await BarBucket.get_pymongo_collection().count_documents({"symbol": "AAA"}) == 2
    got = await store.columns("AAA", M1)
    assert np.array_equal(got.timestamp, bars.timestamp) and np.array_equal(got.close, bars.close)
    stamps = bars.datetimes()
    clipped = await store.columns("AAA", M1, stamps[3], stamps[8])
    assert np.array_equal(clipped.timestamp, bars.timestamp[3:9])
    assert len(await store.columns("BBB", M1)) == 0


async def test_pages_in_both_orders_count_only_the_range(store):
    bars = minutes(0, 12)
    await store.write("AAA", M1, bars)
    stamps = bars.datetimes()
    rows, total = await store.page("AAA", M1, None, None, SortOrder.ASC, 4, 3)
    assert total == 12 and [r["timestamp"] for r in rows] == stamps[3:7]
    rows, total = await store.page("AAA", M1, stamps[2], stamps[10], SortOrder.DESC, 3, 1)
    assert total == 9 and [r["timestamp"] for r in rows] == stamps[9:6:-1]
    rows, total = await store.page("AAA", M1, None, None, SortOrder.ASC, 5, 20)
    assert (rows, total) == ([], 12)
    latest = await store.latest("AAA", M1, 3)
    assert [r["timestamp"] for r in latest] == stamps[11:8:-1]


async def test_rewrites_merge_and_report_what_changed(store):
    await store.write("AAA", M1, minutes(0, 8))
    again = minutes(4, 8)  # 4 stored bars again, 2 of them changed, 4 new
    again.close[:2] += 1.0
    assert await store.write("AAA", M1, again) == {"inserted": 4, "updated": 2, "unchanged": 2}
    got = await store.columns("AAA", M1)
    assert len(got) == 12 and got.close[4] == again.close[0] and got.close[0] == minutes(0, 1).close[0]
    assert [len(store.neighbours)] == [1]  # the stored bar just before the window
    assert await store.write("AAA", M1, again) == {"inserted": 0, "updated": 0, "unchanged": 8}


async def test_concurrent_writers_of_one_bucket_lose_nothing(store):
    parts = [minutes(i * 3, 3) for i in range(6)]
    await asyncio.gather(*(BarStore().write("AAA", M1, p) for p in parts))
    got = await store.columns("AAA", M1)
    assert np.array_equal(got.timestamp, concat(*parts).timestamp)
    assert (await store.directory("AAA", M1)).total == 18


async def test_delete_symbol_counts_its_bars(store):
    await store.write("AAA", M1, minutes(0, 12))
    await store.write("AAA", DataInterval.D1, BarColumns(*(c[:1] for c in vars(minutes(0, 1)).values())))
    assert await store.series_keys() == [("AAA", "1d"), ("AAA", "1m")]
    assert await store.delete_symbol("AAA") == 13
    assert await store.is_empty()


@pytest.mark.parametrize(
    ("values", "places"),
    [
        (np.array([101.25, 99.5, 100.0]), 2),
        (np.array([1.0, 2.0, 3.0]), 0),
        (np.array([0.1 + 0.2, 1 / 3]), columns_codec.RAW),
        (np.array([1e300, -2.5]), columns_codec.RAW),
        (np.array([-0.00012345, 5e-8]), 8),
        (np.array([]), 0),
    ],
)
def test_codec_gives_back_the_same_doubles(values, places):
    blob, scale = columns_codec.encode_floats(values)
    assert scale == places
    assert columns_codec.decode_floats(blob, scale).tobytes() == values.tobytes()
    stamps = np.array([5, 7, 7_000, -3], dtype=np.int64)
    assert np.array_equal(columns_codec.decode_times(columns_codec.encode_times(stamps)), stamps)
