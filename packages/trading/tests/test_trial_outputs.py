"""A helper's chunk outputs reach the coordinator over a real nats-server, and go to the database
instead whenever the coordinator does not take them (nobody listening, another batch)."""

from datetime import timedelta

import nats
from bson import ObjectId

from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationWorkClaim, OptimizationWorkItem
from quant_trading.services import trial_claims, trial_outputs, trial_sharing

RUN = "1" * 24
METRICS = {"sharpe_ratio": 1.25, "max_drawdown": float("nan")}
OUTPUTS = [{"metrics": METRICS, "bar_sharpe": 0.01, "error": None}]


def item(seq: int, batch: str = "b") -> dict:
    return {"_id": ObjectId(), "run_id": RUN, "batch": batch, "seq": seq, "points": [{"fast": seq}]}


async def stored_seqs() -> list[int]:
    return sorted([o["seq"] async for o in trial_claims.outputs().find({"run_id": RUN})])


async def test_outputs_sent_to_the_coordinator_are_not_stored(client, nats_url):
    coordinator, helper = await nats.connect(nats_url), await nats.connect(nats_url)
    inbox = trial_outputs.Inbox()
    try:
        await inbox.open(coordinator, RUN)
        assert inbox.listening
        inbox.expect("b")
        await trial_outputs.send(helper, item(3), OUTPUTS)
        await trial_outputs.send(helper, item(5), OUTPUTS * 2)
        await inbox.wait(1.0)  # arrived already: returns at once
        kept: dict[int, list[dict]] = {0: []}
        inbox.take("b", kept)
        assert sorted(kept) == [0, 3, 5] and len(kept[5]) == 2
        assert kept[3][0]["metrics"]["sharpe_ratio"] == 1.25  # NaN KPIs travel too
        assert await stored_seqs() == []  # the database saw none of them
        inbox.forget("b")
        await trial_outputs.send(helper, item(7), OUTPUTS)  # a batch it no longer expects: no reply
        assert await stored_seqs() == [7]
    finally:
        await inbox.close()
        assert not inbox.listening
        await trial_sharing.clear(RUN)
        await coordinator.close()
        await helper.close()


async def test_outputs_nobody_takes_are_stored_and_read(client, nats_url):
    helper = await nats.connect(nats_url)
    try:
        await trial_outputs.send(helper, item(2), OUTPUTS)  # no coordinator listens: no responders
        await trial_outputs.send(None, item(4), OUTPUTS)  # no broker at all
        kept: dict[int, list[dict]] = {4: OUTPUTS}
        await trial_outputs.read_new(RUN, "b", kept)
        assert sorted(kept) == [2, 4]
        both = await trial_outputs.outputs_of(RUN, "b")
        assert [o["metrics"]["sharpe_ratio"] for o in both] == [1.25, 1.25]
    finally:
        await trial_sharing.clear(RUN)
        await helper.close()


async def test_a_chunk_whose_outputs_were_sent_is_not_taken_back(client):
    sent = OptimizationWorkItem(id=ObjectId(), run_id=RUN, batch="b", seq=0, points=[])
    await OptimizationWorkItem.insert_many(
        [sent, OptimizationWorkItem(run_id=RUN, batch="b", seq=1, points=[])]
    )
    for chunk in await trial_claims.open_chunks(RUN):
        assert await trial_claims.claim(chunk, "helper:1:x")
    old = {"$set": {"claimed_at": utcnow() - timedelta(minutes=5)}}
    await OptimizationWorkClaim.get_pymongo_collection().update_many({"run_id": RUN}, old)
    try:  # both leases ran out; only the chunk whose outputs never arrived goes back
        assert await trial_claims.reclaim_stale(RUN, 60, keep="coordinator", done={sent.id}) == 1
        assert [c["seq"] for c in await trial_claims.open_chunks(RUN)] == [1]
    finally:
        await trial_sharing.clear(RUN)
