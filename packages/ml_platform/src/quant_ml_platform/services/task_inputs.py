"""The ML platform's task inputs (bars of a materialization, rows of a training run) in its database's
GridFS bucket ``task_inputs``; see ``quant_shared.workers.inputs``."""

from quant_ml_platform.models.experiment import ModelExperiment
from quant_shared.workers.inputs import TaskInputStore

BUCKET = "task_inputs"
STORE = TaskInputStore(lambda: ModelExperiment.get_pymongo_collection().database, BUCKET)
save, load, delete = STORE.save, STORE.load, STORE.delete
