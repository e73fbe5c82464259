"""``run_backtest``: strategy targets (vectorized) -> Numba accounting -> trades, curves, KPIs."""

import numpy as np

from quant_shared.enums import FillTiming, OrderType, PositionSizing
from quant_trading.engine import accounting as acc
from quant_trading.engine.config import EngineConfig
from quant_trading.engine.data import OHLCV
from quant_trading.engine.results import BacktestOutput, open_trade_record, trade_table
from quant_trading.engine.signals.base import Strategy
from quant_trading.kpis import compute_metrics

_ORDER_CODES = {OrderType.MARKET: 0, OrderType.LIMIT: 1, OrderType.STOP: 2, OrderType.STOP_LIMIT: 3}


def engine_params(config: EngineConfig) -> np.ndarray:
    p = np.zeros(acc.N_PARAMS)
    p[acc.COMM], p[acc.FIXED], p[acc.SLIP] = config.commission, config.commission_fixed, config.slippage
    p[acc.SIZING] = 0.0 if config.sizing == PositionSizing.FRACTION_OF_EQUITY else 1.0
    p[acc.SIZE] = config.size
    p[acc.SHORT] = 1.0 if config.allow_short else 0.0
    p[acc.FILL] = 1.0 if config.fill_timing == FillTiming.THIS_CLOSE else 0.0
    p[acc.ETYPE] = _ORDER_CODES[config.entry_order]
    p[acc.LIM_OFF], p[acc.STOP_OFF] = config.limit_offset_pct, config.stop_offset_pct
    p[acc.VALID] = config.order_valid_bars
    p[acc.SL_PCT] = np.nan if config.stop_loss_pct is None else config.stop_loss_pct
    p[acc.TP_PCT] = np.nan if config.take_profit_pct is None else config.take_profit_pct
    p[acc.FRACTIONAL] = 1.0 if config.fractional_units else 0.0
    p[acc.FEE_PER_UNIT] = 1.0 if config.backtesting_py_sizing else 0.0
    return p


def simulate_targets(data: OHLCV, targets: np.ndarray, config: EngineConfig) -> tuple[np.ndarray, ...]:
    """The raw accounting pass: (equity, position units, drawdown, raw trades, final state)."""
    tgt = np.ascontiguousarray(targets, dtype=np.float64)
    return acc.simulate(
        data.open, data.high, data.low, data.close, tgt, engine_params(config), config.initial_cash
    )


def run_backtest(
    data: OHLCV,
    strategy: Strategy,
    config: EngineConfig | None = None,
    *,
    metrics: bool = True,
    trial_sharpes: np.ndarray | None = None,
) -> BacktestOutput:
    """Backtest one instrument. ``metrics=False`` skips the KPI dict (optimization inner loops)."""
    if len(data) == 0:
        raise ValueError("data: no bars to backtest")
    return run_targets(data, strategy.targets(data), config, metrics=metrics, trial_sharpes=trial_sharpes)


def run_targets(
    data: OHLCV,
    targets: np.ndarray,
    config: EngineConfig | None = None,
    *,
    metrics: bool = True,
    trial_sharpes: np.ndarray | None = None,
) -> BacktestOutput:
    """Backtest precomputed targets (+1 long, -1 short, 0 flat, NaN keep, +-0.5 exit one side)."""
    config = config or EngineConfig()
    if len(data) == 0:
        raise ValueError("data: no bars to backtest")
    if len(targets) != len(data):
        raise ValueError(f"targets: {len(targets)} values for {len(data)} bars")
    equity, units, drawdown, raw, state = simulate_targets(data, targets, config)
    table = trade_table(raw, data.timestamp)
    exposure = float(np.count_nonzero(units) / units.shape[0])
    out = BacktestOutput(
        timestamp=data.timestamp,
        equity=equity,
        drawdown=drawdown,
        position=units,
        trade_table=table,
        open_trade=open_trade_record(state, data.timestamp, float(data.close[-1])),
        exposure=exposure,
    )
    if metrics:
        out.metrics = compute_metrics(
            equity,
            config.periods_per_year or data.periods_per_year(),
            initial=config.initial_cash,
            units=units,
            trade_pnl=table["pnl"],
            trade_returns=table["return_pct"],
            trade_durations=table["duration_bars"],
            benchmark_close=data.close,
            rf=config.risk_free_rate,
            n_trials=config.n_trials,
            trial_sharpes=trial_sharpes,
            bootstrap_samples=config.bootstrap_samples,
            seed=config.seed,
        )
    return out
