"""The data path through the all-in-one API: backtests over stored bars, lists beside other users' data.

    hatch run python gateway/bench/data_path_bench.py                  # 1,000,000 1m bars, 10,000 backtests
    hatch run python gateway/bench/data_path_bench.py --bars 100000 --others 1000   # quick run

Starts its own FerretDB (or uses ``QUANT_MONGODB_URL``) and the all-in-one platform as its own process
(``python -m quant_gateway``), and talks to it over HTTP. Measures: a backtest over N one-minute bars
from ``POST /backtests`` to its completed task; ten daily backtests submitted at once; the latency of
``GET /backtests``, ``GET /strategies`` and a page of daily bars at 10 concurrent clients while the
backtests of other users are stored. Prints a Markdown table.
"""

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx
import numpy as np
from bson import ObjectId

from quant_market_data.engine.synthetic import gbm_bars
from quant_shared.database import make_client
from quant_shared.embedded.bench_database import benchmark_database
from quant_shared.embedded.ferretdb import free_port
from quant_shared.enums import DataInterval
from quant_shared.testing import TokenFactory, bearer

T0 = 1672531200000  # 2023-01-01T00:00:00Z
DAY = 86_400_000


def csv_of(step_ms: int, n: int, interval: DataInterval) -> bytes:
    ts = T0 + np.arange(n, dtype=np.int64) * step_ms
    bars = gbm_bars(ts, interval, start_price=100.0, drift=0.05, volatility=0.3, base_volume=50, seed=3)
    out = io.StringIO()
    out.write("timestamp,open,high,low,close,volume\n")
    cols = np.column_stack([bars.timestamp, bars.open, bars.high, bars.low, bars.close, bars.volume])
    np.savetxt(out, cols, fmt=["%d", "%.4f", "%.4f", "%.4f", "%.4f", "%.2f"], delimiter=",")
    return out.getvalue().encode()


async def upload(client, admin, symbol: str, body: bytes, interval: DataInterval) -> None:
    instrument = {"symbol": symbol, "name": symbol, "asset_class": "crypto"}
    await client.post("/admin/market-data/instruments", json=instrument, headers=admin)
    files = {"file": ("bars.csv", body, "text/csv")}
    resp = await client.post(
        f"/admin/market-data/bars/{symbol}/csv", files=files, data={"interval": interval.value}, headers=admin
    )
    assert resp.status_code == 200, resp.text[:300]


async def finished(client, user, task_id: str) -> dict:
    while True:
        body = (await client.get(f"/tasks/{task_id}", headers=user)).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            assert body["status"] == "completed", body
            return body
        await asyncio.sleep(0.1)


async def backtest(client, user, symbol: str, interval: str) -> float:
    payload = {"strategy_type": "sma_crossover", "parameters": {"fast": 10, "slow": 30}}
    payload.update(symbols=[symbol], interval=interval)
    began = time.perf_counter()
    resp = await client.post("/backtests", json=payload, headers=user)
    assert resp.status_code == 202, resp.text
    await finished(client, user, resp.json()["task_id"])
    return time.perf_counter() - began


async def store_others(mongo_url: str, database: str, count: int, user_id: str) -> None:
    """``count`` copies of the user's backtest owned by other users, written straight to the database."""
    client = make_client(mongo_url)
    collection = client[database]["backtests"]
    template = await collection.find_one({"owner_id": user_id})
    docs = [{**template, "_id": ObjectId(), "owner_id": f"other{i % 500}"} for i in range(count)]
    for i in range(0, count, 1000):
        await collection.insert_many(docs[i : i + 1000])
    await client.close()


async def latencies(client, user, path: str, requests: int = 1000, clients: int = 10) -> list[float]:
    times: list[float] = []

    async def one_client() -> None:
        for _ in range(requests // clients):
            began = time.perf_counter()
            resp = await client.get(path, headers=user)
            assert resp.status_code == 200, resp.text[:200]
            times.append(time.perf_counter() - began)

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return sorted(times)


@contextmanager
def platform(mongo_url: str, tokens: TokenFactory, prefix: str) -> Iterator[str]:
    """The all-in-one platform on a free port, as its own process; its base URL."""
    port = free_port()
    env = {**os.environ, "QUANT_MONGODB_URL": mongo_url, "QUANT_DB_PREFIX": prefix}
    env.update(QUANT_JWT_PUBLIC_KEY=tokens.public_pem, QUANT_MARKET_DATA_SEED_DEMO="false")
    env.update(QUANT_LOG_LEVEL="WARNING")
    cmd = [sys.executable, "-m", "quant_gateway", "--port", str(port)]
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(30)


async def run(n: int, others: int, mongo_url: str) -> dict:
    tokens = TokenFactory()
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    admin, user = bearer(tokens.admin()), bearer(tokens.user("bench"))
    out: dict = {"bars": n, "others": others}
    with platform(mongo_url, tokens, prefix) as url:
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            await upload(client, admin, "DAILY", csv_of(DAY, 1500, DataInterval.D1), DataInterval.D1)
            await upload(client, admin, "MINUTE", csv_of(60_000, n, DataInterval.M1), DataInterval.M1)
            await backtest(client, user, "DAILY", "1d")  # compiled code loaded, connections open
            out["minute_backtest_s"] = min([await backtest(client, user, "MINUTE", "1m") for _ in range(3)])
            began = time.perf_counter()
            await asyncio.gather(*(backtest(client, user, "DAILY", "1d") for _ in range(10)))
            out["ten_daily_s"] = time.perf_counter() - began
            strategy = {"name": "s", "strategy_type": "sma_crossover", "parameters": {"fast": 5, "slow": 20}}
            await client.post("/strategies", json=strategy, headers=user)
            await store_others(mongo_url, f"{prefix}_trading", others, "bench")
            for name, path in (
                ("backtests", "/backtests?limit=20"),
                ("strategies", "/strategies?limit=20"),
                ("bars_page", "/market-data/bars/DAILY?interval=1d&limit=100&offset=500"),
            ):
                times = await latencies(client, user, path)
                out[f"{name}_p50_ms"] = statistics.median(times) * 1000
                out[f"{name}_p99_ms"] = times[int(len(times) * 0.99) - 1] * 1000
    return out


def report(r: dict) -> str:
    rows = [
        "| measure | result | target |",
        "|---|---|---|",
        f"| backtest over {r['bars']:,} 1m bars, POST to completed task (best of 3) | "
        f"{r['minute_backtest_s']:.2f} s | <= 3 s |",
        f"| ten daily backtests submitted at once, all completed | {r['ten_daily_s']:.2f} s | <= 2 s |",
    ]
    for name, label in (("backtests", "GET /backtests"), ("strategies", "GET /strategies"),
                        ("bars_page", "a page of 100 daily bars")):  # fmt: skip
        rows.append(
            f"| {label}, 10 clients, {r['others']:,} backtests of other users stored | "
            f"p50 {r[f'{name}_p50_ms']:.0f} ms, p99 {r[f'{name}_p99_ms']:.0f} ms | p99 <= 100 ms |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", type=int, default=1_000_000, help="one-minute bars (default 1,000,000)")
    parser.add_argument("--others", type=int, default=10_000, help="backtests of other users (10,000)")
    args = parser.parse_args()
    with ExitStack() as stack:
        url = benchmark_database(stack)
        print(report(asyncio.run(run(args.bars, args.others, url))))


if __name__ == "__main__":
    main()
