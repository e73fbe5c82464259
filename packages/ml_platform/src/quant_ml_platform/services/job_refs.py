"""Importable names of the ML jobs: submission dispatches by name, ``ml_jobs`` holds the code."""

JOBS = "quant_ml_platform.services.ml_jobs"
RUN_MATERIALISATION = f"{JOBS}:run_materialisation"
MATERIALISATION_FAILED = f"{JOBS}:materialisation_failed"
RUN_TRAINING = f"{JOBS}:run_training"
TRAINING_FAILED = f"{JOBS}:training_failed"
