"""The trial pool: published bars reach its processes as the same checked arrays; its trials equal
in-process ones; it stays warm across runs; a dead process costs one run; its processes do not outlive
their owner."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import fields
from types import SimpleNamespace

import numpy as np
import pytest

from quant_shared.enums import StrategyType
from quant_trading.engine import OHLCV
from quant_trading.models import BacktestConfig
from quant_trading.services.optimization import pool_process
from quant_trading.services.optimization.pool_process import RunData
from quant_trading.services.optimization.trial_pool import TrialPool

POINTS = [{"fast": f, "slow": s} for f in (5, 10) for s in (30, 60)]


def bars(n: int = 5000) -> OHLCV:
    rng = np.random.default_rng(3)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    stamps = 1_700_000_000_000 + 60_000 * np.arange(n)
    return OHLCV.from_arrays(stamps, close, close * 1.01, close * 0.99, close, np.full(n, 10.0))


def run() -> SimpleNamespace:
    """What ``published`` reads of a run."""
    config = BacktestConfig()
    return SimpleNamespace(strategy_type=StrategyType.SMA_CROSSOVER, base_parameters={}, spec=None,
                           config=config, objective="sharpe_ratio")  # fmt: skip


@pytest.fixture
async def pool():
    trials = await TrialPool(2).start()
    yield trials
    await trials.close()


async def test_trials_equal_in_process_ones_and_the_pool_stays_warm(pool):
    data, job = bars(), run()
    expected = [pool_process.evaluate_in(data, RunData.of(job), p, 100, 4000) for p in POINTS]
    async with pool.published(job, data) as published:
        mapped = pool_process.map_bars(published.path, published.bars)
        assert {f.name for f in fields(OHLCV)} == set(pool_process.COLUMNS)  # every field is published
        for name in pool_process.COLUMNS:  # the same values and types, writable for the compiled code
            column = getattr(mapped, name)
            assert column.dtype == getattr(data, name).dtype and column.flags.writeable
            assert np.array_equal(column, getattr(data, name))
        assert await pool.evaluate(published, POINTS, 100, 4000) == expected
        processes = set(pool._executor._processes)  # every one started with the pool
    assert not os.path.exists(published.path)  # the run's bars go with the run
    started = time.perf_counter()
    async with pool.published(job, data) as published:  # the next run: the same processes, warm
        first = await pool.evaluate(published, POINTS[:1], 0, None)
    assert time.perf_counter() - started < 1.0
    assert first == [pool_process.evaluate_in(data, RunData.of(job), POINTS[0])]
    assert set(pool._executor._processes) == processes and len(processes) == 2


async def test_a_dead_process_fails_one_run_and_the_next_gets_a_new_pool(pool):
    data, job = bars(), run()
    victim = await pool._submit(pool._executor, os.getpid)
    os.kill(victim, signal.SIGKILL)
    async with pool.published(job, data) as published:
        with pytest.raises(RuntimeError, match="trial process stopped"):
            for _ in range(20):  # until the pool notices
                await pool.evaluate(published, POINTS, 0, None)
                await asyncio.sleep(0.05)
        await pool.start()
        assert len(await pool.evaluate(published, POINTS, 0, None)) == len(POINTS)
    assert victim not in pool._executor._processes


def test_pool_processes_exit_when_their_owner_is_killed():
    owner = """
import multiprocessing, os, time
from quant_trading.services.optimization import pool_process
def serve(owner):
    pool_process.start_process(owner)
    time.sleep(60)
child = multiprocessing.get_context("fork").Process(target=serve, args=(os.getpid(),))
child.start()
print(child.pid, flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", owner], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for _ in range(50):
        if not os.path.exists(f"/proc/{child}") or "Z" in open(f"/proc/{child}/stat").read().split()[2]:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the pool process outlived its owner")
