"""The trading domain's task inputs (bars, ML predictions of a backtest or optimization run) in its
database's GridFS bucket ``task_inputs``; see ``quant_shared.workers.inputs``. Bar columns load as
``array.array``: the engine wraps them as NumPy arrays without a Python object per number."""

from quant_shared.workers.inputs import TaskInputStore
from quant_trading.models import Backtest

BUCKET = "task_inputs"
STORE = TaskInputStore(lambda: Backtest.get_pymongo_collection().database, BUCKET, arrays=True)
save, load, delete, delete_soon, sweep = STORE.save, STORE.load, STORE.delete, STORE.delete_soon, STORE.sweep
