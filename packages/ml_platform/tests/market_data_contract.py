"""A tiny stand-in of the contracts the ML platform calls: market data's deterministic daily bars, and
trading's strategy lookup (the caller's strategies are the ids starting with ``strat-``)."""

from datetime import UTC, datetime, timedelta

import numpy as np
from fastapi import FastAPI, HTTPException, Query

START = datetime(2023, 1, 2, tzinfo=UTC)
DAY_MS = 86_400_000
N_BARS = 360


def make_bars(symbol: str, n: int = N_BARS) -> dict[str, list]:
    """A seeded random walk with a mild momentum component (so models have something to learn)."""
    rng = np.random.default_rng(sum(ord(c) * 31**i for i, c in enumerate(symbol)) % 2**32)
    shocks = rng.normal(0.0004, 0.015, n)
    rets = np.empty(n)
    rets[0] = shocks[0]
    for i in range(1, n):
        rets[i] = 0.35 * rets[i - 1] + shocks[i]
    close = 100 * np.exp(np.cumsum(rets))
    open_ = np.concatenate([[100.0], close[:-1]])
    spread = np.abs(rng.normal(0, 0.006, n)) * close
    return {
        "timestamp": [int((START + timedelta(days=i)).timestamp() * 1000) for i in range(n)],
        "open": [round(x, 6) for x in open_],
        "high": [round(x, 6) for x in np.maximum(open_, close) + spread],
        "low": [round(x, 6) for x in np.minimum(open_, close) - spread],
        "close": [round(x, 6) for x in close],
        "volume": [float(v) for v in rng.integers(1000, 5000, n)],
    }


REGIME_SEGMENTS = [
    ("sideways", 0.0, 0.004),
    ("bull", 0.006, 0.006),
    ("high_volatility", 0.0, 0.04),
    ("bear", -0.006, 0.006),
]
SEGMENT_BARS = 100


def make_regime_bars() -> dict[str, list]:
    """Four clear regimes of 100 bars each, in the order of ``REGIME_SEGMENTS``."""
    rng = np.random.default_rng(7)
    rets = np.concatenate([rng.normal(mu, sd, SEGMENT_BARS) for _, mu, sd in REGIME_SEGMENTS])
    close = 100 * np.exp(np.cumsum(rets))
    n = len(close)
    return {
        "timestamp": [int((START + timedelta(days=i)).timestamp() * 1000) for i in range(n)],
        "open": [float(x) for x in np.concatenate([[100.0], close[:-1]])],
        "high": [float(x) * 1.01 for x in close],
        "low": [float(x) * 0.99 for x in close],
        "close": [float(x) for x in close],
        "volume": [1000.0] * n,
    }


SYMBOLS = {s: make_bars(s) for s in ("AAA", "BBB", "CCC", "DDD")}
SYMBOLS["REG"] = make_regime_bars()


def _ms(value: str | None) -> int | None:
    if value is None:
        return None
    stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return int((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp() * 1000)


def window(bars: dict[str, list], start: str | None, end: str | None) -> dict[str, list]:
    lo, hi = _ms(start), _ms(end)
    keep = [i for i, t in enumerate(bars["timestamp"]) if (lo is None or t >= lo) and (hi is None or t <= hi)]
    return {k: [vals[i] for i in keep] for k, vals in bars.items()}


def make_market_data_app() -> FastAPI:
    app = FastAPI()

    @app.get("/market-data/bars/{symbol}/columnar")
    async def columnar(
        symbol: str, interval: str = Query(...), start: str | None = None, end: str | None = None
    ):
        if symbol not in SYMBOLS or interval != "1d":
            raise HTTPException(404, f"unknown symbol {symbol}")
        return window(SYMBOLS[symbol], start, end)

    @app.get("/strategies/{strategy_id}")
    async def strategy(strategy_id: str):
        if not strategy_id.startswith("strat-"):
            raise HTTPException(404, f"Strategy {strategy_id} not found")
        return {"id": strategy_id}

    return app
