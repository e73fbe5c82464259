"""Start-up clean-up: runs whose task can no longer finish are marked failed, never left running."""

from datetime import timedelta

from beanie import PydanticObjectId

from quant_shared.enums import BacktestStatus
from quant_shared.tasks import Task
from quant_shared.timeutil import utcnow
from quant_trading.models import Backtest, OptimizationRun
from quant_trading.services import task_inputs

OPEN = [BacktestStatus.PENDING, BacktestStatus.RUNNING]
INTERRUPTED = "interrupted: the process running it stopped"


async def fail_interrupted_runs(grace: timedelta = timedelta(minutes=1)) -> int:
    """Open backtests / optimization runs whose task ended (or never started within ``grace``)."""
    count = 0
    for model in (Backtest, OptimizationRun):
        async for doc in model.find({"status": {"$in": OPEN}}):
            task = await Task.get(PydanticObjectId(doc.task_id)) if doc.task_id else None
            if task is None and doc.created_at > utcnow() - grace:
                continue
            if task is not None and not task.status.is_final:
                continue
            error = (task.error if task is not None else None) or INTERRUPTED
            update = {"status": BacktestStatus.FAILED, "error": error, "completed_at": utcnow()}
            result = await model.find_one({"_id": doc.id, "status": {"$in": OPEN}}).update({"$set": update})
            count += getattr(result, "modified_count", 0)
    return count


async def sweep_task_inputs() -> int:
    """Stored task inputs whose backtest or optimization run is no longer open (or gone)."""

    async def still_needed(key: str) -> bool:
        if not PydanticObjectId.is_valid(key):
            return False
        query = {"_id": PydanticObjectId(key), "status": {"$in": OPEN}}
        return await Backtest.find_one(query) is not None or await OptimizationRun.find_one(query) is not None

    return await task_inputs.sweep(still_needed)
