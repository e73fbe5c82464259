"""Resolving logged predictions' outcomes: the next bar's return after the features' bar."""

from datetime import timedelta

from quant_ml_platform.engine.dataset import next_returns
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.models.registered_model import ModelVersion
from quant_ml_platform.services.bars_client import BarsClient
from quant_shared.enums import PredictionTarget
from quant_shared.timeutil import as_utc


async def resolve_outcomes(
    logs: list[PredictionLog], bars: BarsClient, version_of: dict[int, ModelVersion]
) -> int:
    """Fill ``actual_return`` / ``correct`` where the next bar exists; returns how many were resolved."""
    pending = [log for log in logs if log.actual_return is None and log.symbol and log.as_of]
    resolved = 0
    for symbol in sorted({log.symbol for log in pending}):
        mine = [log for log in pending if log.symbol == symbol]
        interval = version_of[mine[0].version].interval
        step = timedelta(seconds=interval.seconds)
        lo = min(as_utc(log.as_of) for log in mine)
        hi = max(as_utc(log.as_of) for log in mine) + 10 * step
        forward = next_returns(await bars.bars(symbol, interval, lo, hi, field="body.deployment_a"))
        for log in mine:
            ret = forward.get(int(as_utc(log.as_of).timestamp() * 1000))
            if ret is None or ret != ret:  # not yet known (NaN)
                continue
            target = version_of[log.version].target
            called_up = log.prediction > (0.5 if target == PredictionTarget.DIRECTION else 0.0)
            log.actual_return, log.correct = float(ret), bool(called_up == (ret > 0))
            await PredictionLog.find_one(PredictionLog.id == log.id).update(
                {"$set": {"actual_return": log.actual_return, "correct": log.correct}}
            )
            resolved += 1
    return resolved
