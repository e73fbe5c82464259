"""The in-process bus hands each handler its events one at a time, in publish order; handlers run
side by side."""

import asyncio

from quant_shared.events import Event, InProcessEventBus, MarketDataIngested, make_event


def event(n: int) -> Event:
    return make_event(MarketDataIngested(symbols=["AAA"], timeframe="1d", bars=n), producer="test")


async def test_each_handler_gets_its_events_in_turn():
    bus = InProcessEventBus()
    log: list[tuple[str, str, int]] = []

    def handler(name: str, pause: float):
        async def handle(e: Event) -> None:
            log.append((name, "start", e.payload["bars"]))
            await asyncio.sleep(pause * (4 - e.payload["bars"]))  # the first event takes the longest
            log.append((name, "end", e.payload["bars"]))

        return handle

    bus.subscribe("MarketDataIngested", "slow", handler("slow", 0.02))
    bus.subscribe("MarketDataIngested", "quick", handler("quick", 0.001))
    for n in (1, 2, 3):
        await bus.publish(event(n))
    await bus.drain()
    for name in ("slow", "quick"):
        mine = [(step, n) for who, step, n in log if who == name]
        assert mine == [("start", 1), ("end", 1), ("start", 2), ("end", 2), ("start", 3), ("end", 3)]
    assert log.index(("quick", "end", 3)) < log.index(("slow", "end", 1))  # not one after the other
