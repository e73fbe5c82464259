"""The benchmark: its trial is a correct SMA-crossover backtest, and a small batch runs on 1 and 2 workers."""

import random

from quant_shared.workers.bench import grid, pool_seconds, report, run, trial


def naive_trial(fast: int, slow: int, bars: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    prices, price = [], 100.0
    for _ in range(bars):
        price *= 1.0 + rng.gauss(0.0, 0.01)
        prices.append(price)
    equity = 1.0
    for i in range(slow, bars):  # held over bar i when the SMAs ending at bar i-1 said so
        window = prices[:i]
        if sum(window[-fast:]) / fast > sum(window[-slow:]) / slow:
            equity *= prices[i] / prices[i - 1]
    return equity - 1.0


def test_trial_matches_a_naive_moving_average_backtest():
    for fast, slow in [(2, 5), (3, 8), (5, 20)]:
        got = trial(fast, slow, bars=400)
        assert got["fast"] == fast and got["slow"] == slow
        assert abs(got["total_return"] - naive_trial(fast, slow, 400)) < 1e-9
    assert len(set(grid(40))) == 40


async def test_small_batch_on_one_and_two_workers(settings, nats_url):
    rows = await run(tasks=4, bars=20_000, counts=[1, 2], nats_url=nats_url, mongodb_url=settings.mongodb_url)
    assert [r["workers"] for r in rows] == [1, 2]
    assert all(sum(r["per_worker"].values()) == 4 for r in rows)
    assert rows[0]["speedup"] == 1.0  # the one-worker run is the baseline of the ratios


def test_pool_reference_and_report(capsys):
    assert pool_seconds(tasks=2, bars=2_000, processes=1) > 0
    report([{"workers": 2, "tasks": 4, "seconds": 1.5, "speedup": 1.8, "per_worker": {"a": 3, "b": 1}}])
    out = capsys.readouterr().out.splitlines()
    assert out[-1].split() == ["2", "4", "1.50", "1.80x", "-", "3,", "1"]
