"""Runs a submitted backtest: engine off the event loop, results stored, completion + event in one write."""

import asyncio
import time
from typing import Any

from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.enums import BacktestStatus, StrategyType
from quant_shared.http import ServiceClients
from quant_shared.tasks import TaskAccepted, TaskCancelled, TaskContext
from quant_shared.timeutil import utcnow
from quant_trading.models import Backtest, BacktestExecution, BacktestResult
from quant_trading.services import job_refs, task_inputs
from quant_trading.services.backtests.backtest_assembly import assemble_result
from quant_trading.services.backtests.backtest_completion import complete_backtest
from quant_trading.services.backtests.result_store import insert_result
from quant_trading.services.engine_bridge import run_symbol
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.ml_signal_client import MlSignalClient
from quant_trading.settings import trading_settings

DOMAIN = "trading"


async def submit_backtest(
    app: FastAPI, clients: ServiceClients, principal: Principal, backtest: Backtest
) -> TaskAccepted:
    """Fetch the bars (unknown symbols answer 422 now), store the backtest, start its task."""
    bars = await MarketDataClient(clients, principal).check_symbols(
        backtest.symbols, backtest.interval, backtest.start, backtest.end
    )
    predictions: dict[str, list[dict[str, Any]]] = {}
    if backtest.strategy_type == StrategyType.ML_SIGNAL:
        ml = MlSignalClient(clients, principal)
        for symbol in backtest.symbols:
            predictions[symbol] = await ml.signals(
                backtest.ml_model or "", symbol, backtest.interval, backtest.start, backtest.end
            )
    await backtest.insert()
    key = str(backtest.id)
    await task_inputs.save(key, {"bars": bars, "predictions": predictions})
    task = await app.state.task_dispatcher.dispatch(  # in-process or a worker: configuration
        kind="backtest",
        domain=DOMAIN,
        owner_id=principal.user_id,
        fn=job_refs.RUN_BACKTEST,
        args={"backtest_id": key},
        result_ref={"collection": "backtests", "id": key},
        on_failure=job_refs.BACKTEST_FAILED,
    )
    await Backtest.find_one({"_id": backtest.id}).update({"$set": {"task_id": str(task.id)}})
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}", resource_id=key)


async def mark_failed(backtest_id: str, reason: str) -> None:
    """Failed or cancelled runs keep a readable error; a run already final is left alone."""
    status = BacktestStatus.CANCELLED if reason == "cancelled" else BacktestStatus.FAILED
    error = "cancelled by request" if reason == "cancelled" else reason
    open_states = [BacktestStatus.PENDING, BacktestStatus.RUNNING]
    await Backtest.find_one({"_id": PydanticObjectId(backtest_id), "status": {"$in": open_states}}).update(
        {"$set": {"status": status, "error": error, "completed_at": utcnow()}}
    )
    await BacktestExecution.find({"backtest_id": backtest_id, "finished_at": None}).update(
        {"$set": {"status": status, "error": error, "finished_at": utcnow()}}
    )


async def _run_engine(app: FastAPI, backtest: Backtest, symbol: str, bars: dict, predictions: list | None):
    timeout = trading_settings(app).backtest_timeout_seconds
    cash = backtest.config.initial_cash / len(backtest.symbols)
    config = backtest.config.model_copy(update={"initial_cash": cash})
    call = asyncio.to_thread(
        run_symbol,
        symbol,
        bars,
        backtest.strategy_type,
        backtest.parameters,
        backtest.spec,
        config,
        predictions,
    )
    try:
        return await asyncio.wait_for(call, timeout)
    except TimeoutError as exc:
        raise RuntimeError(f"the engine did not finish {symbol} within {timeout:g} s") from exc


async def completed_before(backtest_id: str) -> dict[str, Any] | None:
    """A redelivered backtest the lost worker had completed before it died (it stopped before the task was
    recorded): its result, and the execution it left open closed as completed. None if not completed."""
    backtest = await Backtest.get(PydanticObjectId(backtest_id))
    if backtest is None or backtest.status != BacktestStatus.COMPLETED:
        return None
    await BacktestExecution.find({"backtest_id": backtest_id, "finished_at": None}).update(
        {"$set": {"status": BacktestStatus.COMPLETED, "finished_at": utcnow()}}
    )
    return {"backtest_id": backtest_id, "metrics": backtest.metrics.as_dict() if backtest.metrics else {}}


async def execute_backtest(
    app: FastAPI, ctx: TaskContext, backtest_id: str, bars: dict, predictions: dict
) -> dict[str, Any]:
    backtest = await Backtest.get(PydanticObjectId(backtest_id))
    redelivered = getattr(ctx, "attempt", 1) > 1  # the worker running it before was lost
    allowed = {BacktestStatus.PENDING, BacktestStatus.RUNNING} if redelivered else {BacktestStatus.PENDING}
    if backtest is None or backtest.status not in allowed:
        raise TaskCancelled()
    if redelivered:
        await BacktestExecution.find({"backtest_id": backtest_id, "finished_at": None}).update(
            {"$set": {"status": BacktestStatus.FAILED, "error": "worker lost", "finished_at": utcnow()}}
        )
    await Backtest.find_one({"_id": backtest.id}).update({"$set": {"status": BacktestStatus.RUNNING}})
    execution = BacktestExecution(
        owner_id=backtest.owner_id,
        backtest_id=backtest_id,
        task_id=str(ctx.task.id),
        bars={s: len(b["timestamp"]) for s, b in bars.items()},
        started_at=utcnow(),
    )
    await execution.insert()
    started = time.perf_counter()
    runs = {}
    for i, symbol in enumerate(backtest.symbols):
        await ctx.progress(0.05 + 0.85 * i / len(backtest.symbols), f"running {symbol}")
        runs[symbol] = await _run_engine(app, backtest, symbol, bars[symbol], predictions.get(symbol))
    engine_seconds = time.perf_counter() - started
    await ctx.progress(0.95, "storing results")
    limit = trading_settings(app).stored_series_points
    result, metrics = assemble_result(backtest, runs, limit)
    await BacktestResult.find({"backtest_id": backtest_id}).delete()
    await insert_result(result)
    if not await complete_backtest(app, backtest, metrics.as_dict(), {"metrics": metrics.model_dump()}):
        await result.delete()
        raise TaskCancelled()
    execution.status, execution.finished_at = BacktestStatus.COMPLETED, utcnow()
    execution.engine_seconds = engine_seconds
    await execution.save()
    return {"backtest_id": backtest_id, "metrics": metrics.as_dict()}
