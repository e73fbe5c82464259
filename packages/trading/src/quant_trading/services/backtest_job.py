"""The backtest task as a named job (``quant_trading.services.backtest_job:run_backtest``).

``app.state.task_dispatcher`` runs it in the API process (embedded default) or on any
``quant worker`` process (``QUANT_WORKERS_BACKEND=nats``): the same code either way.
"""

from typing import Any

from gridfs.errors import NoFile

from quant_shared.tasks import TaskCancelled
from quant_trading.services import backtest_inputs
from quant_trading.services.backtest_executor import execute_backtest, mark_failed

RUN = "quant_trading.services.backtest_job:run_backtest"
FAILED = "quant_trading.services.backtest_job:backtest_failed"


async def run_backtest(ctx, backtest_id: str) -> dict[str, Any]:
    try:
        bars, predictions = await backtest_inputs.load(backtest_id)
    except NoFile as exc:  # inputs gone: the run already ended (cancelled or failed)
        raise TaskCancelled() from exc
    result = await execute_backtest(ctx.app, ctx, backtest_id, bars, predictions)
    await backtest_inputs.delete(backtest_id)
    return result


async def backtest_failed(ctx, reason: str, backtest_id: str) -> None:
    await mark_failed(backtest_id, reason)
    await backtest_inputs.delete(backtest_id)
