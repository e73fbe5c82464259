"""Market-data benchmark: API ingestion vs raw insert_many, columnar reads (alone and beside other data).

    hatch run python packages/market_data/bench/market_data_bench.py              # 1,000,000 bars
    hatch run python packages/market_data/bench/market_data_bench.py --bars 50000 # quick run

Starts its own FerretDB (or uses ``QUANT_MONGODB_URL``), drives the market-data app in-process
through HTTP (httpx ASGI transport, the same stack the gateway serves) and prints a Markdown table.
"""

import argparse
import asyncio
import io
import json
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime

import numpy as np
import orjson

from quant_market_data.app import create_app
from quant_market_data.engine.columns import BarColumns
from quant_market_data.engine.resample import resample
from quant_market_data.engine.synthetic import gbm_bars
from quant_market_data.services.bar_store import BarStore
from quant_market_data.settings import MarketDataSettings
from quant_shared.database import make_client
from quant_shared.embedded.bench_database import benchmark_database
from quant_shared.enums import DataInterval
from quant_shared.settings import Settings
from quant_shared.testing import TokenFactory, bearer, running_app

T0 = 1672531200000  # 2023-01-01T00:00:00Z
MINUTE = 60_000
FIELDS = ("open", "high", "low", "close", "volume")
NPZ = "application/x-npz"


def minute_bars(n: int) -> BarColumns:
    ts = T0 + np.arange(n, dtype=np.int64) * MINUTE
    return gbm_bars(
        ts, DataInterval.M1, start_price=100.0, drift=0.05, volatility=0.4, base_volume=50, seed=1
    )


def as_csv(bars: BarColumns) -> bytes:
    out = io.StringIO()
    out.write("timestamp,open,high,low,close,volume\n")
    cols = bars.to_json()
    for row in zip(*(cols[k] for k in ("timestamp", *FIELDS)), strict=True):
        out.write(",".join(map(str, row)) + "\n")
    return out.getvalue().encode()


def raw_docs(bars: BarColumns, symbol: str) -> list[dict]:
    cols = bars.to_json()
    now = datetime.now(UTC)
    return [
        {"symbol": symbol, "interval": "1m", "timestamp": datetime.fromtimestamp(ts / 1000, UTC),
         "open": o, "high": h, "low": lo, "close": c, "volume": v, "created_at": now, "updated_at": now}
        for ts, o, h, lo, c, v in zip(*(cols[k] for k in ("timestamp", *FIELDS)), strict=True)
    ]  # fmt: skip


async def read_time(client, headers, params: dict, expected: int, repeat: int = 5) -> float:
    """Best time of ``repeat`` columnar reads of BENCH-USD (JSON, or an .npz archive when asked)."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        resp = await client.get("/market-data/bars/BENCH-USD/columnar", params=params, headers=headers)
        if resp.headers["content-type"] == NPZ:
            with np.load(io.BytesIO(resp.content)) as archive:
                count = len(archive["close"])
        else:
            count = orjson.loads(resp.content)["count"]
        assert count == expected, count
        best = min(best, time.perf_counter() - began)
    return best


async def isolation(client, admin, params: dict, read_n: int, others: int) -> dict:
    """The same read before and after ``others`` bars of 10 other symbols are stored."""
    alone = await read_time(client, admin, params, read_n)
    store, per_symbol = BarStore(), others // 10
    for number in range(10):
        await store.write(f"OTHER{number}", DataInterval.M1, minute_bars(per_symbol), known_new=True)
    beside = await read_time(client, admin, params, read_n)
    return {"others": others, "read_alone_s": alone, "read_beside_s": beside}


async def run(n: int, read_n: int, mongo_url: str, others: int = 0) -> dict:
    tokens = TokenFactory()
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    settings = Settings(
        mongodb_url=mongo_url, db_prefix=prefix, jwt_public_key=tokens.public_pem, _env_file=None
    )
    app = create_app(settings)
    app.state.market_data_settings = MarketDataSettings(seed_demo=False, _env_file=None)
    bars = minute_bars(n)
    body = as_csv(bars)
    admin = bearer(tokens.admin())
    results: dict = {"bars": n, "read_bars": read_n}
    async with running_app(app) as client:
        instrument = {"symbol": "BENCH-USD", "name": "Benchmark (synthetic)", "asset_class": "crypto"}
        await client.post("/admin/market-data/instruments", json=instrument, headers=admin)
        began = time.perf_counter()
        files = {"file": ("bench.csv", body, "text/csv")}
        path, form = "/admin/market-data/bars/BENCH-USD/csv", {"interval": "1m"}
        resp = await client.post(path, files=files, data=form, headers=admin, timeout=None)
        results["api_ingest_s"] = time.perf_counter() - began
        assert resp.status_code == 200 and resp.json()["inserted"] == n, resp.text[:300]

        mongo = make_client(mongo_url)
        raw = mongo[f"{prefix}_bench"]["bars"]
        await raw.create_index([("symbol", 1), ("interval", 1), ("timestamp", 1)], unique=True)
        docs = raw_docs(bars, "BENCH-USD")
        began = time.perf_counter()
        for i in range(0, n, 10_000):
            await raw.insert_many(docs[i : i + 10_000], ordered=False)
        results["raw_insert_s"] = time.perf_counter() - began

        lo, hi = T0 + (n - read_n) // 2 * MINUTE, T0 + ((n - read_n) // 2 + read_n - 1) * MINUTE
        start, end = (datetime.fromtimestamp(v / 1000, UTC) for v in (lo, hi))
        params = {"interval": "1m", "start": start.isoformat(), "end": end.isoformat()}
        results["api_read_s"] = await read_time(client, admin, params, read_n, repeat=3)
        results["npz_read_s"] = await read_time(client, {**admin, "Accept": NPZ}, params, read_n, repeat=3)
        if others:
            results.update(await isolation(client, admin, params, read_n, others))
        await mongo.drop_database(f"{prefix}_bench")
        await mongo.drop_database(f"{prefix}_market_data")
        await mongo.close()

    began = time.perf_counter()
    hourly = resample(bars, DataInterval.M1, DataInterval.H1)
    results["resample_s"] = time.perf_counter() - began
    results["resampled_bars"] = len(hourly)
    return results


def report(r: dict) -> str:
    api_rate, raw_rate = r["bars"] / r["api_ingest_s"], r["bars"] / r["raw_insert_s"]
    lines = [
        "| measure | API | raw PyMongo | ratio |",
        "|---|---|---|---|",
        f"| ingest {r['bars']:,} 1m bars | {r['api_ingest_s']:.1f} s ({api_rate:,.0f} bars/s) | "
        f"{r['raw_insert_s']:.1f} s ({raw_rate:,.0f} bars/s) | API at {api_rate / raw_rate:.0%} of raw |",
        f"| read {r['read_bars']:,} bars, columnar JSON / .npz | {r['api_read_s']:.2f} s / "
        f"{r['npz_read_s']:.2f} s | | |",
        f"| resample {r['bars']:,} 1m -> {r['resampled_bars']:,} 1h | {r['resample_s'] * 1000:.0f} ms "
        f"({r['bars'] / r['resample_s']:,.0f} bars/s) | | |",
    ]
    if r.get("others"):
        lines.append(
            f"| read {r['read_bars']:,} bars with {r['others']:,} bars of 10 other symbols stored | "
            f"{r['read_beside_s']:.2f} s | alone: {r['read_alone_s']:.2f} s | "
            f"{r['read_beside_s'] / r['read_alone_s']:.2f}x alone |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", type=int, default=1_000_000, help="bars to ingest (default 1,000,000)")
    parser.add_argument("--read", type=int, default=100_000, help="bars of the range read (default 100,000)")
    parser.add_argument("--others", type=int, default=0, help="then store this many bars of other symbols")
    args = parser.parse_args()
    read_n = min(args.read, args.bars)
    with ExitStack() as stack:
        url = benchmark_database(stack)
        results = asyncio.run(run(args.bars, read_n, url, args.others))
    print(report(results))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
