"""Shared pieces of the paper-trading tests: bars after the contract app's history, events carrying them."""

from datetime import UTC, datetime

from quant_shared.events import MarketDataIngested, make_event
from quant_shared.testing import bearer

from .contract_app import DAY_MS, SYMBOLS

# after the contract app's bars: a run starting here has no history and is fed by events only
LIVE_START_MS = SYMBOLS["AAA"]["timestamp"][-1] + DAY_MS
LIVE_START = datetime.fromtimestamp(LIVE_START_MS / 1000, UTC)
COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")


def live_bars(source: dict[str, list], n: int) -> dict[str, list]:
    """The first ``n`` bars of ``source`` re-stamped as daily bars from ``LIVE_START``."""
    out = {c: list(source[c][:n]) for c in COLUMNS}
    out["timestamp"] = [LIVE_START_MS + i * DAY_MS for i in range(n)]
    return out


def event_of(symbol: str, bars: dict[str, list], lo: int, hi: int, interval: str = "1d"):
    """``MarketDataIngested`` announcing bars ``lo..hi-1`` (``previous_end``: bar ``lo - 1``)."""
    part = {c: bars[c][lo:hi] for c in COLUMNS}
    stamp = [datetime.fromtimestamp(t / 1000, UTC) for t in part["timestamp"]]
    previous = datetime.fromtimestamp(bars["timestamp"][lo - 1] / 1000, UTC) if lo > 0 else None
    payload = MarketDataIngested(
        symbols=[symbol],
        timeframe=interval,
        start=stamp[0],
        end=stamp[-1],
        bars=hi - lo,
        source="live:synthetic",
        bar_columns=part,
        previous_end=previous,
    )
    return make_event(payload, producer="market_data")


async def start_run(client, token: str, body: dict) -> dict:
    resp = await client.post(
        "/paper-runs", json={"start": LIVE_START.isoformat(), **body}, headers=bearer(token)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


async def all_items(client, token: str, path: str) -> list[dict]:
    items, offset = [], 0
    while True:
        page = (await client.get(f"{path}?limit=500&offset={offset}", headers=bearer(token))).json()
        items += page["items"]
        offset += len(page["items"])
        if offset >= page["total"]:
            return items
