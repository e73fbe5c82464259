"""The one place that turns API-side values into engine calls and engine output into documents."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from quant_shared.enums import StrategyType, TradeType
from quant_trading.models import BacktestConfig, Position, Trade


@dataclass
class SymbolRun:
    """One symbol's engine run, flattened for storage."""

    symbol: str
    timestamp: np.ndarray
    equity: np.ndarray
    drawdown: np.ndarray
    exposure: np.ndarray
    units: np.ndarray  # signed units held after each bar's close
    trades: list[Trade]
    metrics: dict[str, Any]
    positions: list[Position] = field(default_factory=list)
    open_orders: list[dict[str, Any]] = field(default_factory=list)  # working after the last bar


def engine_config(config: BacktestConfig, **overrides: Any):
    from quant_trading.engine import EngineConfig

    return EngineConfig(**{**config.model_dump(), **overrides})


def build(strategy_type: StrategyType, parameters: dict, spec: dict | None, predictions: list | None = None):
    from quant_trading.engine.signals import build_strategy

    context = {"predictions": predictions} if predictions is not None else None
    return build_strategy(strategy_type, parameters, spec, context)


def to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(int(ms) / 1000, UTC)


def trade_of(symbol: str, record: Any) -> Trade:
    """An engine ``TradeRecord`` as the stored ``Trade`` (times as datetimes)."""
    return Trade(
        symbol=symbol,
        side=record.side,
        entry_time=to_datetime(record.entry_time),
        exit_time=to_datetime(record.exit_time) if record.exit_time is not None else None,
        entry_price=record.entry_price,
        exit_price=record.exit_price,
        size=record.size,
        pnl=record.pnl,
        return_pct=record.return_pct,
        commission=record.commission,
        duration_bars=record.duration_bars,
        exit_reason=record.exit_reason,
    )


def closed_trades(symbol: str, table: dict[str, np.ndarray]) -> list[Trade]:
    """The engine's closed trades (its ``trade_table`` columns) as stored ``Trade`` values. The values
    are the engine's own, converted here to Python floats, ints, enums and UTC datetimes, so each
    ``Trade`` is constructed without validating its fields again (tens of thousands per run)."""
    from quant_trading.engine.results import EXIT_REASONS

    cols = {name: values.tolist() for name, values in table.items()}
    sides = [TradeType.LONG if units > 0 else TradeType.SHORT for units in cols["units"]]
    return [
        Trade.model_construct(
            symbol=symbol,
            side=sides[k],
            entry_time=to_datetime(cols["entry_time"][k]),
            exit_time=to_datetime(cols["exit_time"][k]),
            entry_price=cols["entry_price"][k],
            exit_price=cols["exit_price"][k],
            size=abs(cols["units"][k]),
            pnl=cols["pnl"][k],
            return_pct=cols["return_pct"][k],
            commission=cols["commission"][k],
            duration_bars=int(cols["duration_bars"][k]),
            exit_reason=EXIT_REASONS[int(cols["reason"][k])],
        )
        for k in range(len(sides))
    ]


def run_symbol(
    symbol: str,
    columnar: dict[str, list],
    strategy_type: StrategyType,
    parameters: dict[str, Any],
    spec: dict[str, Any] | None,
    config: BacktestConfig,
    predictions: list | None = None,
    metrics: bool = True,
) -> SymbolRun:
    """Run the engine on one symbol (blocking: call it off the event loop); ``metrics=False`` skips
    the KPI dict (a paper step needs trades and equity only)."""
    from quant_trading.engine import OHLCV, run_backtest

    data = OHLCV.from_columnar(columnar)
    strategy = build(strategy_type, parameters, spec, predictions)
    out = run_backtest(data, strategy, engine_config(config), metrics=metrics)
    trades = closed_trades(symbol, out.trade_table)
    positions = []
    last = float(data.close[-1])
    for trade in out.open_trades or ([out.open_trade] if out.open_trade is not None else []):
        trades.append(trade_of(symbol, trade))  # every open trade: pyramiding and hedging hold several
        positions.append(
            Position(
                symbol=symbol,
                side=trade.side,
                size=trade.size,
                entry_price=trade.entry_price,
                entry_time=to_datetime(trade.entry_time),
                market_value=trade.size * last,
            )
        )
    return SymbolRun(
        symbol=symbol,
        timestamp=np.asarray(data.timestamp, dtype=np.int64),
        equity=np.asarray(out.equity, dtype=float),
        drawdown=np.asarray(out.drawdown, dtype=float),
        exposure=(np.asarray(out.position) != 0).astype(float),
        units=np.asarray(out.position, dtype=float),
        trades=trades,
        metrics=dict(out.metrics),
        positions=positions,
        open_orders=[{**o.as_dict(), "placed_time": to_datetime(o.placed_time)} for o in out.open_orders],
    )


def combined_metrics(
    stamps: np.ndarray, equity: np.ndarray, trades: list[Trade], exposure: np.ndarray, config: BacktestConfig
) -> dict[str, Any]:
    """KPIs of a summed multi-symbol equity curve (from the backtest's initial cash), with the closed
    trades of every symbol."""
    from quant_trading.engine import OHLCV
    from quant_trading.kpis import compute_metrics

    eq = np.asarray(equity, dtype=float)
    ppy = config.periods_per_year or OHLCV.from_arrays(stamps, eq, eq, eq, eq).periods_per_year()
    closed = [t for t in trades if t.exit_time is not None]
    return compute_metrics(
        eq,
        ppy,
        initial=config.initial_cash,
        units=np.asarray(exposure, dtype=float),
        trade_pnl=np.array([t.pnl for t in closed], dtype=float),
        trade_returns=np.array([t.return_pct for t in closed], dtype=float),
        trade_durations=np.array([t.duration_bars for t in closed], dtype=float),
        rf=config.risk_free_rate,
    )


def series_metrics(
    stamps: list[int], equity: list[float], n_trials: int, trial_sharpes: list[float]
) -> dict[str, Any]:
    """KPIs of an equity curve alone (walk-forward's stitched out-of-sample curve)."""
    from quant_trading.engine import OHLCV
    from quant_trading.kpis import compute_metrics

    eq = np.asarray(equity, dtype=float)
    ppy = OHLCV.from_arrays(stamps, eq, eq, eq, eq).periods_per_year()
    sharpes = np.asarray(trial_sharpes, dtype=float) if len(trial_sharpes) >= 2 else None
    return compute_metrics(eq, ppy, n_trials=max(n_trials, 1), trial_sharpes=sharpes, bootstrap_samples=0)
