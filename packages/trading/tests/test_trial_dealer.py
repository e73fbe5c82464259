"""A shared optimisation's chunks dealt by its coordinator over a real nats-server: helpers get them
from the last, the coordinator takes them from the first, outputs come back to the batch that dealt
them only, and a chunk whose helper's lease ran out is the coordinator's again."""

import asyncio

import nats
import pytest

from quant_trading.services import trial_dealer
from quant_trading.services.trial_dealer import Dealer, ask, deliver

RUN = "2" * 24
METRICS = {"sharpe_ratio": 1.25, "max_drawdown": float("nan")}


def chunks(count: int) -> list[dict]:
    return [{"seq": seq, "points": [{"fast": seq}], "lo": 0, "hi": None} for seq in range(count)]


@pytest.fixture
async def broker(nats_url):
    coordinator, helper = await nats.connect(nats_url), await nats.connect(nats_url)
    dealer = Dealer()
    await dealer.listen(coordinator, RUN)
    yield dealer, helper
    await dealer.close()
    await coordinator.close()
    await helper.close()


async def test_helpers_take_from_the_last_and_the_coordinator_from_the_first(broker):
    dealer, helper = broker
    assert await ask(helper, RUN, "h:1:x") is None  # nothing dealt yet
    await dealer.deal("b1", chunks(4))
    got = await ask(helper, RUN, "h:1:x")
    assert (got["batch"], got["seq"], got["points"], got["hi"]) == ("b1", 3, [{"fast": 3}], None)
    assert dealer.take()["seq"] == 0 and dealer.take()["seq"] == 1
    assert (await ask(helper, RUN, "h:1:x"))["seq"] == 2
    assert dealer.take() is None and await ask(helper, RUN, "h:1:x") is None  # every chunk is out
    assert await deliver(helper, RUN, got, [{"metrics": METRICS}])
    await dealer.wait(1.0)  # arrived already: returns at once
    received = dealer.received()
    assert list(received) == [3] and received[3][0]["metrics"]["sharpe_ratio"] == 1.25  # NaN travels too
    assert dealer.received() == {}  # handed over once
    assert dealer.expire(0.0, {0: [], 1: [], 3: []}) == 1  # seq 2: dealt, no outputs, lease over
    assert dealer.take()["seq"] == 2  # the coordinator's now
    assert await ask(helper, RUN, "h:1:x") is None  # never dealt again


async def test_outputs_of_another_batch_are_not_taken(broker, monkeypatch):
    monkeypatch.setattr(trial_dealer, "DELIVER_TIMEOUT_SECONDS", 0.1)
    dealer, helper = broker
    await dealer.deal("b1", chunks(2))
    old = await ask(helper, RUN, "h:1:x")
    await dealer.deal("b2", chunks(2))  # the next batch (or another attempt's coordinator)
    assert not await deliver(helper, RUN, old, [{"metrics": METRICS}])  # no reply: not kept
    assert dealer.received() == {}
    await dealer.deal(None, [])
    assert await ask(helper, RUN, "h:1:x") is None


async def test_without_a_coordinator_a_helper_gets_nothing_and_keeps_nothing(nats_url):
    helper = await nats.connect(nats_url)
    try:
        assert await ask(helper, "3" * 24, "h:1:x") is None  # no responders
        chunk = {"batch": "b", "seq": 0}
        assert not await deliver(helper, "3" * 24, chunk, [])
    finally:
        await helper.close()


async def test_a_waiting_helper_wakes_up_when_a_batch_is_dealt(broker):
    dealer, helper = broker
    waker = trial_dealer.Waker()
    await waker.listen(helper, RUN)
    await helper.flush()
    try:
        waiting = asyncio.create_task(waker.wait(30.0))
        await asyncio.sleep(0.05)
        assert not waiting.done()  # nothing dealt: it waits
        await dealer.deal("b1", chunks(1))
        await asyncio.wait_for(waiting, 5.0)  # woken long before its 30 s
        assert (await ask(helper, RUN, "h:1:x"))["seq"] == 0
    finally:
        await waker.close()
