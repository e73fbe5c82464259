"""Portfolio backtests: target weights rebalanced on a schedule, run by the engine as a task."""

import asyncio
from typing import Any

import numpy as np
from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.enums import BacktestStatus, StrategyType
from quant_shared.http import ServiceClients
from quant_shared.tasks import Task, TaskAccepted, TaskCancelled, TaskContext
from quant_trading.models import Backtest, BacktestResult, PerformanceMetrics
from quant_trading.schemas.backtest import normalize_symbols
from quant_trading.schemas.predictive import PortfolioBacktestCreate
from quant_trading.services.backtests.backtest_completion import complete_backtest
from quant_trading.services.backtests.backtest_executor import DOMAIN, mark_failed
from quant_trading.services.backtests.requested_strategy import check_range
from quant_trading.services.backtests.series import downsample_indices
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.portfolio.portfolio_checks import checked_weights
from quant_trading.settings import trading_settings


def run_portfolio(bars: dict[str, dict], backtest: Backtest) -> Any:
    """Blocking engine call: align the constituents' bars, simulate the rebalanced portfolio with the
    backtest's settings (those left at their defaults stay unset, as the request checks read them)."""
    from quant_trading.engine import OHLCV, EngineConfig
    from quant_trading.engine.portfolio import align_bars, run_portfolio_backtest

    series = {s: OHLCV.from_columnar(b) for s, b in bars.items()}
    stamps, (opens, highs, lows, closes) = align_bars(series)
    if len(stamps) < 2:
        raise ValueError("the constituents share fewer than 2 bars")
    settings = backtest.config.model_dump(exclude_defaults=True)
    ppy = backtest.config.periods_per_year or next(iter(series.values())).periods_per_year()
    return run_portfolio_backtest(
        stamps,
        closes,
        list(series),
        backtest.portfolio["weights"],
        backtest.portfolio["rebalance"],
        config=EngineConfig(**{**settings, "periods_per_year": ppy}),
        ohlc=(opens, highs, lows),
    )


async def submit_portfolio(
    app: FastAPI, clients: ServiceClients, principal: Principal, body: PortfolioBacktestCreate
) -> TaskAccepted:
    check_range(body)
    weights = checked_weights(body)
    symbols = normalize_symbols(list(weights))
    bars = await MarketDataClient(clients, principal).check_symbols(
        symbols, body.interval, body.start, body.end, field="body.weights"
    )
    backtest = Backtest(
        owner_id=principal.user_id,
        name=body.name or f"portfolio {', '.join(symbols)} ({body.rebalance.value})",
        strategy_type=StrategyType.BUY_AND_HOLD,
        symbols=symbols,
        interval=body.interval,
        start=body.start,
        end=body.end,
        config=body.config,
        generate_narrative=body.generate_narrative,
        portfolio={"weights": weights, "rebalance": body.rebalance.value},
    )
    await backtest.insert()
    key = str(backtest.id)

    async def job(ctx: TaskContext) -> dict[str, Any]:
        return await execute_portfolio(app, ctx, key, bars)

    async def failed(task: Task, reason: str) -> None:
        await mark_failed(key, reason)

    task = await app.state.task_runner.submit(
        kind="portfolio_backtest",
        domain=DOMAIN,
        owner_id=principal.user_id,
        fn=job,
        result_ref={"collection": "backtests", "id": key},
        on_failure=failed,
    )
    await Backtest.find_one({"_id": backtest.id}).update({"$set": {"task_id": str(task.id)}})
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}", resource_id=key)


async def execute_portfolio(app: FastAPI, ctx: TaskContext, backtest_id: str, bars: dict) -> dict[str, Any]:
    backtest = await Backtest.get(PydanticObjectId(backtest_id))
    if backtest is None or backtest.status != BacktestStatus.PENDING:
        raise TaskCancelled()
    await Backtest.find_one({"_id": backtest.id}).update({"$set": {"status": BacktestStatus.RUNNING}})
    await ctx.progress(0.1, "running portfolio")
    out = await asyncio.to_thread(run_portfolio, bars, backtest)
    await ctx.progress(0.9, "storing results")
    idx = downsample_indices(len(out.timestamp), trading_settings(app).stored_series_points)
    invested = out.weights.sum(axis=1)
    await BacktestResult(
        owner_id=backtest.owner_id,
        backtest_id=backtest_id,
        timestamp=np.asarray(out.timestamp)[idx].astype(np.int64).tolist(),
        equity=out.equity[idx].tolist(),
        drawdown=out.drawdown[idx].tolist(),
        exposure=invested[idx].tolist(),
        series_downsampled_from=len(out.timestamp) if len(idx) < len(out.timestamp) else None,
    ).insert()
    metrics = PerformanceMetrics.of({**out.metrics, "turnover": out.turnover})
    portfolio = {
        **backtest.portfolio,
        "contribution": out.contribution,
        "costs": out.costs,
        "rebalances": int(len(out.rebalance_bars)),
        "exits": out.exits,
        "margin_calls": out.margin_calls,
    }
    fields = {"metrics": metrics.model_dump(), "portfolio": portfolio}
    if not await complete_backtest(app, backtest, metrics.as_dict(), fields):
        await BacktestResult.find({"backtest_id": backtest_id}).delete()
        raise TaskCancelled()
    return {"backtest_id": backtest_id, "metrics": metrics.as_dict()}
