"""Storing a backtest's result: one driver insert of the validated model's plain dump.

A result holds every trade of the run (tens of thousands on minute bars); Beanie's own insert walks
each value in Python before the driver encodes it, while Pydantic's ``model_dump`` does the same in
its compiled core, so the result is dumped once and inserted with PyMongo.
"""

from beanie import PydanticObjectId

from quant_shared.timeutil import utcnow
from quant_trading.models import BacktestResult


async def insert_result(result: BacktestResult) -> None:
    result.id = result.id or PydanticObjectId()
    result.created_at = result.updated_at = utcnow()
    await BacktestResult.get_pymongo_collection().insert_one(result.model_dump(by_alias=True))
