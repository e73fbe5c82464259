"""``run_backtest``: strategy targets (vectorized) -> Numba accounting -> trades, curves, KPIs."""

import numpy as np

from quant_shared.enums import FillTiming, OrderType, PositionSizing
from quant_trading.engine import accounting as acc
from quant_trading.engine import slots as sl
from quant_trading.engine.book_loop import simulate_book
from quant_trading.engine.config import EngineConfig
from quant_trading.engine.data import OHLCV
from quant_trading.engine.indicators import sma
from quant_trading.engine.open_orders import open_orders
from quant_trading.engine.results import BacktestOutput, book_records, open_trade_record, trade_table
from quant_trading.engine.signals.base import Strategy
from quant_trading.kpis import compute_metrics

_ORDER_CODES = {OrderType.MARKET: 0, OrderType.LIMIT: 1, OrderType.STOP: 2, OrderType.STOP_LIMIT: 3}


def engine_params(config: EngineConfig) -> np.ndarray:
    p = np.zeros(sl.N_PARAMS)
    p[sl.COMM], p[sl.FIXED], p[sl.SLIP] = config.commission, config.commission_fixed, config.slippage
    p[sl.SIZING] = 0.0 if config.sizing == PositionSizing.FRACTION_OF_EQUITY else 1.0
    p[sl.SIZE] = config.size
    p[sl.SHORT] = 1.0 if config.allow_short else 0.0
    p[sl.FILL] = 1.0 if config.fill_timing == FillTiming.THIS_CLOSE else 0.0
    p[sl.ETYPE] = _ORDER_CODES[config.entry_order]
    p[sl.LIM_OFF], p[sl.STOP_OFF] = config.limit_offset_pct, config.stop_offset_pct
    p[sl.VALID] = config.order_valid_bars
    p[sl.SL_PCT] = np.nan if config.stop_loss_pct is None else config.stop_loss_pct
    p[sl.TP_PCT] = np.nan if config.take_profit_pct is None else config.take_profit_pct
    p[sl.FRACTIONAL] = 1.0 if config.fractional_units else 0.0
    p[sl.FEE_PER_UNIT] = 1.0 if config.backtesting_py_sizing else 0.0
    p[sl.SPREAD], p[sl.LEVERAGE] = config.spread, 1.0 / config.margin
    p[sl.MAINT], p[sl.FINALIZE] = config.maintenance_margin, 1.0 if config.finalize_trades else 0.0
    for slot, value in (
        (sl.TRAIL_PCT, config.trailing_stop_pct),
        (sl.TRAIL_ATR, config.trailing_stop_atr),
        (sl.SL_PX, config.stop_loss_price),
        (sl.TP_PX, config.take_profit_price),
    ):
        p[slot] = np.nan if value is None else value
    return p


def trailing_atr(data: OHLCV, period: int) -> np.ndarray:
    """backtesting.py's ``TrailingStrategy`` ATR: the mean true range of the last ``period`` bars (the
    first bar has no true range), NaN until ``period`` ranges exist (it back-fills them: a look-ahead)."""
    out = np.full(len(data), np.nan)
    if len(data) > 1:
        prev = data.close[:-1]
        hi, lo = data.high[1:], data.low[1:]
        out[1:] = sma(np.maximum(hi - lo, np.maximum(np.abs(prev - hi), np.abs(prev - lo))), period)
    return out


def order_table(n: int, stop_loss=None, take_profit=None, size=None) -> np.ndarray:
    """Per-order stop-loss price, take-profit price and size as ``simulate_orders`` reads them."""
    if stop_loss is None and take_profit is None and size is None:
        return np.empty((0, 3))
    table = np.full((n, 3), np.nan)
    for column, values in ((sl.O_SL, stop_loss), (sl.O_TP, take_profit), (sl.O_SIZE, size)):
        if values is not None:
            if len(values) != n:
                raise ValueError(f"orders: {len(values)} values for {n} bars")
            table[:, column] = values
    return table


def simulate_targets(
    data: OHLCV,
    targets: np.ndarray,
    config: EngineConfig,
    close_fraction: np.ndarray | None = None,
    **orders: np.ndarray | None,
) -> tuple[np.ndarray, ...]:
    """The raw accounting pass: (equity, position units, drawdown, raw trades, final state), and the
    open trades with pyramiding, hedging or partial closes (``book.py`` rows); ``orders``:
    ``stop_loss`` / ``take_profit`` / ``size`` arrays (see ``run_targets``)."""
    tgt = np.ascontiguousarray(targets, dtype=np.float64)
    params = engine_params(config)
    table = order_table(len(data), **orders)
    if table.shape[0] or config.stop_loss_price is not None or config.take_profit_price is not None:
        params[sl.LEVELS] = 1.0
    bars = (data.open, data.high, data.low, data.close, tgt, params, config.initial_cash)
    atr = np.empty(0) if config.trailing_stop_atr is None else trailing_atr(data, config.atr_period)
    if config.pyramiding > 1 or config.hedging or close_fraction is not None:
        fractions = np.empty(0) if close_fraction is None else np.asarray(close_fraction, dtype=np.float64)
        if close_fraction is not None and (
            len(fractions) != len(data) or np.any(fractions <= 0) or np.any(fractions > 1)
        ):
            raise ValueError("close_fraction: one value in (0, 1] or NaN per bar")
        return simulate_book(*bars, table, atr, fractions, config.pyramiding, config.hedging)
    if config.trailing_stop_atr is None and table.shape[0] == 0:
        return acc.simulate(*bars)
    return acc.simulate_orders(*bars, table, atr)


def run_backtest(
    data: OHLCV,
    strategy: Strategy,
    config: EngineConfig | None = None,
    *,
    metrics: bool = True,
    trial_sharpes: np.ndarray | None = None,
) -> BacktestOutput:
    """Backtest one instrument under the strategy's own order rules, if any (a rule spec's ``orders``
    win over ``config``). ``metrics=False`` skips the KPI dict (optimization inner loops)."""
    if len(data) == 0:
        raise ValueError("data: no bars to backtest")
    targets = strategy.targets(data)
    config, orders = strategy.orders(data, targets, config or EngineConfig())
    return run_targets(data, targets, config, metrics=metrics, trial_sharpes=trial_sharpes, **orders)


def run_targets(
    data: OHLCV,
    targets: np.ndarray,
    config: EngineConfig | None = None,
    *,
    metrics: bool = True,
    trial_sharpes: np.ndarray | None = None,
    stop_loss: np.ndarray | None = None,
    take_profit: np.ndarray | None = None,
    size: np.ndarray | None = None,
    close_fraction: np.ndarray | None = None,
) -> BacktestOutput:
    """Backtest precomputed targets (+1 long, -1 short, 0 flat, NaN keep, +-0.5 exit one side).
    ``stop_loss`` / ``take_profit`` / ``size`` (one value per bar, NaN: the config's): the absolute
    levels and the size (as ``config.sizing`` reads it) of the entry order a bar's target places;
    ``close_fraction`` (NaN or (0, 1] per bar): close that share of every open trade."""
    config = config or EngineConfig()
    if len(data) == 0:
        raise ValueError("data: no bars to backtest")
    if len(targets) != len(data):
        raise ValueError(f"targets: {len(targets)} values for {len(data)} bars")
    equity, units, drawdown, raw, state, *book = simulate_targets(
        data, targets, config, close_fraction, stop_loss=stop_loss, take_profit=take_profit, size=size
    )
    last = float(data.close[-1])
    opened = book_records(book[0], data.timestamp, last) if book else []
    table = trade_table(raw, data.timestamp)
    exposure = float(np.count_nonzero(units) / units.shape[0])
    out = BacktestOutput(
        timestamp=data.timestamp,
        equity=equity,
        drawdown=drawdown,
        position=units,
        trade_table=table,
        open_trade=(opened[0] if opened else None)
        if book
        else open_trade_record(state, data.timestamp, last),
        exposure=exposure,
        margin_calls=int(state[sl.N_CALLS]),
        open_trades=opened,
    )
    if not book:
        out.open_trades = [out.open_trade] if out.open_trade is not None else []
        out.open_orders = open_orders(state, data.timestamp, config.order_valid_bars)
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
        out.metrics["margin_calls"] = float(out.margin_calls)
    return out
