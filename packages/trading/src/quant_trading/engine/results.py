"""What a backtest returns: trades, curves, exposure and the KPI dict."""

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from quant_shared.enums import ExitReason, TradeType

EXIT_REASONS = [
    ExitReason.SIGNAL,
    ExitReason.STOP_LOSS,
    ExitReason.TAKE_PROFIT,
    ExitReason.END_OF_DATA,
    ExitReason.LIQUIDATION,
]


@dataclass(frozen=True)
class TradeRecord:
    side: TradeType
    size: float
    entry_bar: int
    entry_time: int  # epoch ms
    entry_price: float
    exit_bar: int | None
    exit_time: int | None
    exit_price: float | None
    pnl: float
    return_pct: float
    commission: float
    duration_bars: int
    duration_ms: int
    exit_reason: ExitReason | None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["side"] = self.side.value
        out["exit_reason"] = self.exit_reason.value if self.exit_reason else None
        return out


@dataclass
class BacktestOutput:
    """``trade_table`` holds the closed trades as arrays (columns of ``TradeRecord``); ``trades`` builds
    records from it on access. ``open_trade`` is the position left at the end (not in the statistics)."""

    timestamp: np.ndarray
    equity: np.ndarray
    drawdown: np.ndarray
    position: np.ndarray
    trade_table: dict[str, np.ndarray]
    open_trade: TradeRecord | None
    exposure: float
    metrics: dict[str, float | None] = field(default_factory=dict)
    margin_calls: int = 0  # positions closed for falling below the maintenance margin
    open_trades: list[TradeRecord] = field(default_factory=list)  # oldest first; open_trade: the first
    open_orders: list[Any] = field(default_factory=list)  # ``open_orders.OpenOrder``: one-position runs

    @property
    def trades(self) -> list[TradeRecord]:
        t = self.trade_table
        return [
            TradeRecord(
                side=TradeType.LONG if t["units"][k] > 0 else TradeType.SHORT,
                size=float(abs(t["units"][k])),
                entry_bar=int(t["entry_bar"][k]),
                entry_time=int(t["entry_time"][k]),
                entry_price=float(t["entry_price"][k]),
                exit_bar=int(t["exit_bar"][k]),
                exit_time=int(t["exit_time"][k]),
                exit_price=float(t["exit_price"][k]),
                pnl=float(t["pnl"][k]),
                return_pct=float(t["return_pct"][k]),
                commission=float(t["commission"][k]),
                duration_bars=int(t["duration_bars"][k]),
                duration_ms=int(t["exit_time"][k] - t["entry_time"][k]),
                exit_reason=EXIT_REASONS[int(t["reason"][k])],
            )
            for k in range(len(t["pnl"]))
        ]

    @property
    def final_equity(self) -> float:
        return float(self.equity[-1]) if self.equity.shape[0] else float("nan")


def trade_table(raw: np.ndarray, timestamp: np.ndarray) -> dict[str, np.ndarray]:
    entry_bar = raw[:, 0].astype(np.int64)
    exit_bar = raw[:, 1].astype(np.int64)
    units, entry, exit_, comm = raw[:, 4], raw[:, 2], raw[:, 3], raw[:, 6]
    with np.errstate(divide="ignore", invalid="ignore"):
        ret = np.sign(units) * (exit_ / entry - 1.0) - comm / (np.abs(units) * entry)
    return {
        "entry_bar": entry_bar,
        "exit_bar": exit_bar,
        "entry_time": timestamp[entry_bar] if len(timestamp) else entry_bar,
        "exit_time": timestamp[exit_bar] if len(timestamp) else exit_bar,
        "entry_price": entry,
        "exit_price": exit_,
        "units": units,
        "pnl": raw[:, 5],
        "return_pct": ret,
        "commission": comm,
        "duration_bars": exit_bar - entry_bar,
        "reason": raw[:, 7].astype(np.int64),
    }


def open_trade_record(state: np.ndarray, timestamp: np.ndarray, last_close: float) -> TradeRecord | None:
    units = float(state[1])
    if units == 0:
        return None
    return _open_record(units, float(state[2]), int(state[3]), float(state[4]), timestamp, last_close)


def book_records(book: np.ndarray, timestamp: np.ndarray, last_close: float) -> list[TradeRecord]:
    """The open trades of a book (``engine/book.py`` rows: units, entry, entry bar, commission, ...)."""
    return [
        _open_record(float(r[0]), float(r[1]), int(r[2]), float(r[3]), timestamp, last_close) for r in book
    ]


def _open_record(
    units: float, entry: float, bar: int, comm: float, timestamp: np.ndarray, last_close: float
) -> TradeRecord:
    pnl = units * (last_close - entry) - comm
    return TradeRecord(
        side=TradeType.LONG if units > 0 else TradeType.SHORT,
        size=abs(units),
        entry_bar=bar,
        entry_time=int(timestamp[bar]),
        entry_price=entry,
        exit_bar=None,
        exit_time=None,
        exit_price=None,
        pnl=pnl,
        return_pct=float(np.sign(units) * (last_close / entry - 1.0) - comm / (abs(units) * entry)),
        commission=comm,
        duration_bars=len(timestamp) - 1 - bar,
        duration_ms=int(timestamp[-1] - timestamp[bar]),
        exit_reason=None,
    )
