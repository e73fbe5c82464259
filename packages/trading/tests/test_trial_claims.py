"""Claims of shared optimisation chunks on the real database: one claimant per chunk even when
processes claim at once; a chunk whose claimant died is taken again, a live one is not."""

import asyncio
from datetime import timedelta

from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationWorkClaim, OptimizationWorkItem, OptimizationWorkOutput
from quant_trading.services import trial_claims, trial_outputs, trial_sharing
from quant_trading.services.optimization_worker import make_state

from .contract_app import SYMBOLS

RUN = "0" * 24


def chunk(seq: int, points: list[dict]) -> OptimizationWorkItem:
    return OptimizationWorkItem(run_id=RUN, batch="b", seq=seq, points=points)


async def test_processes_claiming_at_once_never_get_the_same_chunk(client):
    # stock FerretDB's find-and-modify is not atomic: with it, about half of these claims were duplicates
    for _ in range(5):
        await OptimizationWorkItem.insert_many([chunk(i, [{"fast": i}]) for i in range(20)])
        got: list[int] = []

        async def claimer(name: str, last_first: bool, got: list[int] = got) -> None:
            took = True
            while took:  # as ``trial_sharing.work`` does, without the trials
                took = False
                for item in await trial_claims.open_chunks(RUN, last_first):
                    if await trial_claims.claim(item, name):
                        took = True
                        got.append(item["seq"])
                        await trial_outputs.store(item, [{}])

        await asyncio.gather(*(claimer(f"p{i}", i % 2 == 1) for i in range(4)))
        assert sorted(got) == list(range(20))
        assert await trial_claims.finished(RUN, "b") == 20 and await trial_claims.open_chunks(RUN) == []
        await trial_sharing.clear(RUN)
    assert await OptimizationWorkClaim.find({"run_id": RUN}).count() == 0


async def test_a_chunk_of_a_dead_claimant_is_taken_again(client):
    state = make_state(SYMBOLS["AAA"], "sma_crossover", {}, None, {}, "sharpe_ratio")
    await OptimizationWorkItem.insert_many(
        [chunk(0, [{"fast": 5, "slow": 40}, {"fast": 5, "slow": 50}]), chunk(1, [{"fast": 6, "slow": 40}])]
    )
    gone, busy = await trial_claims.open_chunks(RUN)
    assert await trial_claims.claim(gone, "gone:1:x") and await trial_claims.claim(busy, "busy:2:y")
    assert not await trial_claims.claim(gone, "me")  # one claimant per chunk and generation
    await OptimizationWorkClaim.get_pymongo_collection().update_one(
        {"item": gone["_id"]}, {"$set": {"claimed_at": utcnow() - timedelta(minutes=5)}}
    )
    assert await trial_claims.open_chunks(RUN) == []  # both are held
    assert await trial_sharing.work(RUN, state, "me") == 0
    assert await trial_claims.reclaim_stale(RUN, lease_seconds=60) == 1  # only the expired one
    assert [c["seq"] for c in await trial_claims.open_chunks(RUN)] == [0]
    assert await trial_sharing.work(RUN, state, "me") == 2  # the expired chunk's two trials
    assert (await OptimizationWorkItem.get(gone["_id"])).generation == 1
    assert await trial_claims.open_chunks(RUN) == []  # done, and held by a live claimant
    assert await trial_claims.finished(RUN, "b") == 1
    outputs = await trial_outputs.outputs_of(RUN, "b")  # only the chunk evaluated here
    stored = await trial_claims.outputs().find_one({"run_id": RUN})
    assert stored["_id"] == gone["_id"] and stored["points"] == gone["points"]
    assert len(outputs) == 2 and all(o["metrics"]["sharpe_ratio"] is not None for o in outputs)
    assert trial_outputs.known([gone, busy], {0: outputs}) == list(zip(gone["points"], outputs, strict=True))
    # the dead claimant comes back and stores the same chunk: the first outputs stay, nothing fails
    await trial_outputs.store(gone, [{"late": 1}] * 2)
    assert await trial_outputs.outputs_of(RUN, "b") == outputs
    await trial_sharing.clear(RUN)
    for document in (OptimizationWorkItem, OptimizationWorkOutput, OptimizationWorkClaim):
        assert await document.find({"run_id": RUN}).count() == 0
