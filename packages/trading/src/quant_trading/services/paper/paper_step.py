"""One step of a paper book: the engine over every bar the book has run, and what the new bars changed.

The book's state after bar ``t`` is the engine's output over the bars up to ``t`` (the code a backtest
runs, as ``engine_bridge.run_symbol`` does, without the KPIs), so a paper run and a backtest over the
same bars agree trade for trade. The engine is causal: what it did up to a bar does not change when
later bars arrive, so each step persists only the fills and equity points of the new bars. Blocking:
call it off the event loop.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

from quant_trading.models import BacktestConfig
from quant_trading.services.engine_bridge import SymbolRun, run_symbol
from quant_trading.services.paper.paper_fills import book_fills

DAY_MS = 86_400_000


@dataclass
class Step:
    fills: list[dict[str, Any]]
    equity: list[tuple[int, float, float]]  # (epoch ms, equity, signed units) of the new bars
    final_equity: float
    cash: float
    position: dict[str, Any] | None
    open_orders: list[dict[str, Any]]
    trades: int
    realized_pnl: float
    day: int
    day_start_equity: float


def paper_config(config: BacktestConfig, cash: float) -> BacktestConfig:
    """The book's share of the cash; a paper trade is never closed just because the data ends."""
    update: dict[str, Any] = {"initial_cash": cash}
    if "finalize_trades" in BacktestConfig.model_fields:
        update["finalize_trades"] = False
    return config.model_copy(update=update)


def engine_run(
    symbol: str, bars: dict[str, list], strategy: dict[str, Any], config: BacktestConfig
) -> SymbolRun:
    """``engine_bridge.run_symbol`` without the KPI dict (a step needs trades and equity only)."""
    kind, parameters, spec = strategy["strategy_type"], strategy["parameters"], strategy["spec"]
    return run_symbol(symbol, bars, kind, parameters, spec, config, metrics=False)


def net_position(positions: list) -> dict[str, Any] | None:
    """The open trades of the book (one side: hedging is refused) as one position."""
    if not positions:
        return None
    size = sum(p.size for p in positions)
    out = positions[0].model_dump()
    entry = sum(p.size * p.entry_price for p in positions) / size
    out.update(size=size, entry_price=entry, market_value=sum(p.market_value for p in positions))
    return {**out, "trades": len(positions)}


def step(
    symbol: str,
    bars: dict[str, list],
    run: dict[str, Any],
    initial_cash: float,
    cursor: int | None,
    day: int | None,
    day_start_equity: float,
) -> Step:
    """``bars``: every bar of the book up to the newest; ``cursor``: the last bar already processed."""
    config = paper_config(run["config"], initial_cash)
    out = engine_run(symbol, bars, run, config)
    after = -1 if cursor is None else cursor
    fills, entered = book_fills(out.trades, after)
    ts, units = np.asarray(out.timestamp, dtype=np.int64), out.units
    new = ts > after
    equity = [
        (int(a), float(b), float(c)) for a, b, c in zip(ts[new], out.equity[new], units[new], strict=True)
    ]
    for i in np.flatnonzero(new).tolist():  # equity at the previous day's last close
        d = int(ts[i] // DAY_MS)
        if d != day:
            day, day_start_equity = d, float(out.equity[i - 1]) if i > 0 else initial_cash
    position = net_position(out.positions)
    final = float(out.equity[-1])
    return Step(
        fills=fills,
        equity=equity,
        final_equity=final,
        cash=final - float(units[-1] * bars["close"][-1]),
        position=position,
        open_orders=out.open_orders,
        trades=entered,
        realized_pnl=float(sum(t.pnl for t in out.trades if t.exit_time is not None)),
        day=int(day if day is not None else ts[-1] // DAY_MS),
        day_start_equity=day_start_equity,
    )
