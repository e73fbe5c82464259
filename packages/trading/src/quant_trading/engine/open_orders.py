"""The orders still working after a run's last bar (one position at a time): a pending entry, a
signal exit queued for the next open, and the open position's stop-loss and take-profit (a trailing
stop is the stop-loss at its current level). Read from the accounting loop's final state."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from quant_shared.enums import OrderPurpose, OrderSide, OrderType
from quant_trading.engine import slots as sl

TYPES = (OrderType.MARKET, OrderType.LIMIT, OrderType.STOP, OrderType.STOP_LIMIT)  # the loop's codes


@dataclass
class OpenOrder:
    purpose: OrderPurpose
    side: OrderSide
    order_type: OrderType
    placed_time: int  # epoch ms of the bar that placed it
    limit_price: float | None = None
    stop_price: float | None = None
    units: float | None = None  # the position's units an exit or protective order closes
    size: float | None = None  # an entry's own size, as the config's sizing reads it (None: the config's)
    stop_loss: float | None = None  # an entry's own levels, if it carries them
    take_profit: float | None = None
    bars_left: int | None = None  # bars an entry may still fill in (None: until filled or cancelled)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _price(value: float) -> float | None:
    return None if value != value else float(value)


def open_orders(state: np.ndarray, timestamp: np.ndarray, valid_bars: int) -> list[OpenOrder]:
    """Working orders at the end of the run; ``valid_bars``: the config's ``order_valid_bars``."""
    last = len(timestamp) - 1
    units = float(state[sl.UNITS])
    out: list[OpenOrder] = []
    if units != 0:
        close = OrderSide.SELL if units > 0 else OrderSide.BUY
        placed = int(timestamp[int(state[sl.ENTRY_BAR])])
        if state[sl.P_EXIT] == 1.0:
            out.append(OpenOrder(OrderPurpose.EXIT, close, OrderType.MARKET, int(timestamp[last])))
        stop, target = _price(state[sl.SL]), _price(state[sl.TP])
        if stop is not None:
            out.append(OpenOrder(OrderPurpose.STOP_LOSS, close, OrderType.STOP, placed, stop_price=stop))
        if target is not None:
            out.append(
                OpenOrder(OrderPurpose.TAKE_PROFIT, close, OrderType.LIMIT, placed, limit_price=target)
            )
        for order in out:
            order.units = abs(units)
    d = float(state[sl.P_DIR])
    if d != 0:
        kind = TYPES[int(state[sl.P_TYPE])]
        created = int(state[sl.P_CREATED])
        limit = kind in (OrderType.LIMIT, OrderType.STOP_LIMIT)
        stop = kind in (OrderType.STOP, OrderType.STOP_LIMIT)
        out.append(
            OpenOrder(
                OrderPurpose.ENTRY,
                OrderSide.BUY if d > 0 else OrderSide.SELL,
                kind,
                int(timestamp[created]),
                limit_price=_price(state[sl.P_LIMIT]) if limit else None,
                stop_price=_price(state[sl.P_STOP]) if stop else None,
                size=_price(state[sl.P_SIZE]),
                stop_loss=_price(state[sl.P_SL]),
                take_profit=_price(state[sl.P_TP]),
                bars_left=created + valid_bars - last if valid_bars > 0 else None,
            )
        )
    return out
