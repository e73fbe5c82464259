"""Tiny stand-ins of the market-data and ML-platform contracts the trading domain calls over HTTP."""

import math
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI, HTTPException, Query

START = datetime(2023, 1, 2, tzinfo=UTC)
DAY_MS = 86_400_000


def make_bars(symbol: str, n: int = 400) -> dict[str, list]:
    """Deterministic daily bars: a trend plus two sine waves, phase and slope set by the symbol."""
    seed = sum(ord(c) for c in symbol)
    ts, o, h, lo, c, v = [], [], [], [], [], []
    prev = 100.0
    for i in range(n):
        close = 100 + 0.03 * (seed % 7) * i + 8 * math.sin(i / 9 + seed) + 3 * math.sin(i / 3.1)
        open_ = prev + 0.25 * math.sin(i * 1.7 + seed)
        ts.append(int((START + timedelta(days=i)).timestamp() * 1000))
        o.append(round(open_, 4))
        c.append(round(close, 4))
        h.append(round(max(open_, close) + 0.6 + 0.2 * math.cos(i), 4))
        lo.append(round(min(open_, close) - 0.6 - 0.2 * math.sin(i), 4))
        v.append(1000 + (i * 37 + seed) % 500)
        prev = close
    return {"timestamp": ts, "open": o, "high": h, "low": lo, "close": c, "volume": v}


SYMBOLS = {"AAA": make_bars("AAA"), "BBB": make_bars("BBB"), "CCC": make_bars("CCC")}
# bars the engine must refuse (a repeated timestamp), to exercise failed runs
SYMBOLS["BAD"] = {k: v[:30] + v[29:60] for k, v in make_bars("BAD").items()}


def _ms(value: str | None) -> int | None:
    if value is None:
        return None
    stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return int(stamp.timestamp() * 1000)


def window(bars: dict[str, list], start: str | None, end: str | None) -> dict[str, list]:
    lo, hi = _ms(start), _ms(end)
    keep = [i for i, t in enumerate(bars["timestamp"]) if (lo is None or t >= lo) and (hi is None or t <= hi)]
    return {k: [vals[i] for i in keep] for k, vals in bars.items()}


def make_contract_app() -> FastAPI:
    app = FastAPI()
    app.state.calls = []

    @app.get("/market-data/bars/{symbol}/columnar")
    async def columnar(
        symbol: str, interval: str = Query(...), start: str | None = None, end: str | None = None
    ):
        app.state.calls.append(("bars", symbol, interval))
        if symbol not in SYMBOLS or interval != "1d":
            raise HTTPException(404, f"unknown symbol {symbol}")
        return window(SYMBOLS[symbol], start, end)

    @app.get("/ml/models/{name}/signals")
    async def signals(
        name: str, symbol: str, interval: str, start: str | None = None, end: str | None = None
    ):
        if name != "momentum-clf":
            raise HTTPException(404, f"model {name} not found")
        bars = window(SYMBOLS[symbol], start, end)
        items = []
        for i, t in enumerate(bars["timestamp"]):
            phase = (i // 20) % 3
            signal = ["buy", "hold", "sell"][phase]
            stamp = datetime.fromtimestamp(t / 1000, UTC).isoformat()
            items.append({"timestamp": stamp, "signal": signal, "confidence": 0.5 + 0.1 * phase})
        return {"items": items}

    return app
