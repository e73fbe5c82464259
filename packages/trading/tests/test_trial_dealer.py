"""A shared optimisation's chunks dealt by its coordinator over a real nats-server: helpers get them
from the last, the coordinator takes them from the first, outputs come back to the batch that dealt
them only, and a chunk whose helper died is the coordinator's again (the run still completes)."""

import asyncio
from types import SimpleNamespace

import nats
import pytest
from beanie import PydanticObjectId

from quant_trading.models import OptimizationRun, ParameterRange
from quant_trading.services import trial_dealer
from quant_trading.services.dealt_trials import DealtTrials
from quant_trading.services.optimization_worker import evaluate_in
from quant_trading.services.trial_dealer import Dealer, ask, deliver
from quant_trading.settings import TradingSettings

from .contract_app import make_bars

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
    assert await ask(helper, RUN) is None  # nothing dealt yet
    await dealer.deal("b1", chunks(4))
    got = await ask(helper, RUN)
    assert (got["batch"], got["seq"], got["points"], got["hi"]) == ("b1", 3, [{"fast": 3}], None)
    assert dealer.take()["seq"] == 0 and dealer.take()["seq"] == 1
    assert (await ask(helper, RUN))["seq"] == 2
    assert dealer.take() is None and await ask(helper, RUN) is None  # every chunk is out
    assert await deliver(helper, RUN, got, [{"metrics": METRICS}])
    await dealer.wait(1.0)  # arrived already: returns at once
    received = dealer.received()
    assert list(received) == [3] and received[3][0]["metrics"]["sharpe_ratio"] == 1.25  # NaN travels too
    assert dealer.received() == {}  # handed over once
    assert dealer.expire(0.0, {0: [], 1: [], 3: []}) == 1  # seq 2: dealt, no outputs, lease over
    assert dealer.take()["seq"] == 2  # the coordinator's now
    assert await ask(helper, RUN) is None  # never dealt again


async def test_outputs_of_another_batch_are_not_taken(broker, monkeypatch):
    monkeypatch.setattr(trial_dealer, "DELIVER_TIMEOUT_SECONDS", 0.1)
    dealer, helper = broker
    await dealer.deal("b1", chunks(2))
    old = await ask(helper, RUN)
    await dealer.deal("b2", chunks(2))  # the next batch (or another attempt's coordinator)
    assert not await deliver(helper, RUN, old, [{"metrics": METRICS}])  # no reply: not kept
    assert dealer.received() == {}
    await dealer.deal(None, [])
    assert await ask(helper, RUN) is None


async def test_without_a_coordinator_a_helper_gets_nothing_and_keeps_nothing(nats_url):
    helper = await nats.connect(nats_url)
    try:
        assert await ask(helper, "3" * 24) is None  # no responders
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
        assert (await ask(helper, RUN))["seq"] == 0
    finally:
        await waker.close()


async def test_a_chunk_whose_helper_died_is_evaluated_by_the_coordinator(client, nats_url, monkeypatch):
    monkeypatch.setattr(trial_dealer, "MIN_LEASE_SECONDS", 0.3)  # its outputs are late by far: taken back
    coordinator, doomed = await nats.connect(nats_url), await nats.connect(nats_url)
    app = SimpleNamespace(state=SimpleNamespace(trading_settings=TradingSettings(optimization_helpers=1)))
    ranges = {"fast": ParameterRange(low=2, high=41, step=1), "slow": ParameterRange(low=60, high=60, step=1)}
    run = OptimizationRun(
        id=PydanticObjectId(), owner_id="u", name="n", strategy_type="sma_crossover", parameter_ranges=ranges,
        symbol="AAA", interval="1d", max_trials=40, method="grid", objective="sharpe_ratio",
    )  # fmt: skip
    ctx = SimpleNamespace(task=SimpleNamespace(id="t"), nats=coordinator)
    trials = DealtTrials(app, ctx, run, make_bars("AAA", 20_000))  # trials of a few ms: the helper asks first
    points = [{"fast": fast, "slow": 60} for fast in range(2, 42)]
    try:
        await trials.start()
        evaluating = asyncio.create_task(trials.evaluate_on(0, None)(points))
        while trials.dealer.batch is None:  # dealt
            await asyncio.sleep(0.001)
        taken = await ask(doomed, str(run.id))  # then it dies: no outputs ever come
        assert taken is not None and taken["seq"] > 0
        outputs = await asyncio.wait_for(evaluating, 30)
        assert trials.per_trial is not None and not trials.dealer.dealt  # nothing left out
    finally:
        await trials.close()
        await coordinator.close()
        await doomed.close()
    expected = [evaluate_in(trials.state, point) for point in points]  # every trial, in order
    assert [o["metrics"]["sharpe_ratio"] for o in outputs] == [e["metrics"]["sharpe_ratio"] for e in expected]
