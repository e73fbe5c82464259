"""Importable names of the trading jobs: the executors dispatch by name, ``trading_jobs`` holds the code."""

JOBS = "quant_trading.services.trading_jobs"
RUN_BACKTEST = f"{JOBS}:run_backtest"
BACKTEST_FAILED = f"{JOBS}:backtest_failed"
RUN_OPTIMIZATION = f"{JOBS}:run_optimization"
OPTIMIZATION_FAILED = f"{JOBS}:optimization_failed"
EVALUATE_TRIALS = f"{JOBS}:evaluate_trials"
