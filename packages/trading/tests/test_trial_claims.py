"""Claims of shared optimisation chunks on the real database: one claimant per chunk even when
processes claim at once; a chunk whose claimant died is taken again, a live one is not."""

import asyncio
from datetime import timedelta

from quant_shared.enums import TaskStatus
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationWorkClaim, OptimizationWorkItem, OptimizationWorkOutput
from quant_trading.services import trial_claims, trial_sharing
from quant_trading.services.optimization_worker import make_state

from .contract_app import SYMBOLS

RUN = "0" * 24


def chunk(seq: int, points: list[dict]) -> OptimizationWorkItem:
    return OptimizationWorkItem(run_id=RUN, batch="b", seq=seq, points=points)


async def test_processes_claiming_at_once_never_get_the_same_chunk(client):
    # FerretDB's find-and-modify is not atomic: with it, about half of these claims were duplicates
    for _ in range(5):
        await OptimizationWorkItem.insert_many([chunk(i, [{"fast": i}]) for i in range(20)])
        got: list[int] = []

        async def claimer(name: str, last_first: bool, got: list[int] = got) -> None:
            while (item := await trial_claims.claim_next(RUN, name, last_first)) is not None:
                got.append(item["seq"])
                await trial_claims.mark_running(item)

        await asyncio.gather(*(claimer(f"p{i}", i % 2 == 1) for i in range(4)))
        assert sorted(got) == list(range(20))
        await trial_sharing.clear(RUN)
    assert await OptimizationWorkClaim.find({"run_id": RUN}).count() == 0


async def test_a_chunk_of_a_dead_claimant_is_taken_again(client):
    state = make_state(SYMBOLS["AAA"], "sma_crossover", {}, None, {}, "sharpe_ratio")
    await OptimizationWorkItem.insert_many(
        [chunk(0, [{"fast": 5, "slow": 40}, {"fast": 5, "slow": 50}]), chunk(1, [{"fast": 6, "slow": 40}])]
    )
    gone = await trial_claims.claim_next(RUN, "gone:1:x")  # died after its claim, before marking it
    busy = await trial_claims.claim_next(RUN, "busy:2:y")
    await trial_claims.mark_running(busy)
    await OptimizationWorkClaim.get_pymongo_collection().update_one(
        {"item": gone["_id"]}, {"$set": {"claimed_at": utcnow() - timedelta(minutes=5)}}
    )
    assert await trial_sharing.work(RUN, state, "me") == 0  # both are claimed
    assert await trial_claims.reclaim_stale(RUN, lease_seconds=60) == 1  # only the expired one
    assert await trial_sharing.work(RUN, state, "me") == 2  # the expired chunk's two trials
    items = {i.seq: i for i in await OptimizationWorkItem.find({"run_id": RUN}).to_list()}
    assert items[0].status == TaskStatus.COMPLETED and items[0].claimed_by == "me"
    assert items[0].generation == 1
    assert items[1].status == TaskStatus.RUNNING and items[1].claimed_by == "busy:2:y"
    outputs = await trial_sharing.evaluated(RUN, "b")  # only the chunk evaluated here
    assert [p for p, _ in outputs] == gone["points"]
    assert all(o["metrics"]["sharpe_ratio"] is not None for _, o in outputs)
    # the dead claimant comes back and stores the same chunk: the first outputs stay, nothing fails
    await trial_sharing.store(gone, [{"late": 1}] * 2)
    assert [o for _, o in await trial_sharing.evaluated(RUN, "b")] == [o for _, o in outputs]
    await trial_sharing.clear(RUN)
    for document in (OptimizationWorkItem, OptimizationWorkOutput, OptimizationWorkClaim):
        assert await document.find({"run_id": RUN}).count() == 0
