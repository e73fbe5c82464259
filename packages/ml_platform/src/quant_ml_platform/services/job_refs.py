"""Importable names of the ML jobs: submission dispatches by name, ``ml_jobs`` holds the code."""

JOBS = "quant_ml_platform.services.ml_jobs"
RUN_MATERIALIZATION = f"{JOBS}:run_materialization"
MATERIALIZATION_FAILED = f"{JOBS}:materialization_failed"
RUN_TRAINING = f"{JOBS}:run_training"
TRAINING_FAILED = f"{JOBS}:training_failed"
