"""Opening, closing and protecting the one open position (Numba kernels of the accounting loop).

* An entry fills at the order's price (slipped for market and stop fills), then pays the half-spread:
  the trade's entry price is ``fill x (1 + spread)`` long, ``fill x (1 - spread)`` short (backtesting.py's
  ``spread``); the entry commission is charged on that price, exits pay no spread.
* ``size`` x buying power (equity / ``margin``) buys units and the order's fees; backtesting.py's sizing
  reserves the fixed fee per unit and prices the commission at the unspread fill.
* Stop-loss / take-profit levels: the order's own price, else the config's price, else the config's
  percentage of the entry price. A trailing stop moves the stop-loss at each close to ``close x (1 -
  pct)`` or ``close - k x ATR`` (long; mirrored short) when that is tighter, never back.
"""

import numpy as np
from numba import njit

from quant_trading.engine import fills as f
from quant_trading.engine.slots import (
    CASH,
    COMM,
    ENTRY,
    ENTRY_BAR,
    ENTRY_COMM,
    FEE_PER_UNIT,
    FIXED,
    FRACTIONAL,
    LEVERAGE,
    NTR,
    R_SL,
    R_TP,
    SIZE,
    SIZING,
    SL,
    SL_PCT,
    SL_PX,
    SLIP,
    SLTP_FROM,
    SPREAD,
    TP,
    TP_PCT,
    TP_PX,
    TRAIL_ATR,
    TRAIL_PCT,
    UNITS,
)


@njit(cache=True, nogil=True)
def open_position(s, p, i, direction, raw, slipped, sltp_from, size):
    """Open a position in ``direction`` at ``raw``; ``size``: the order's own (NaN: the config's).
    False when the money buys no unit."""
    is_buy = direction > 0
    fill = f.slip(raw, is_buy, p[SLIP]) if slipped else raw
    entry = fill * (1.0 + direction * p[SPREAD])
    power = max(0.0, s[CASH]) * p[LEVERAGE]
    rate, fixed = p[COMM], p[FIXED]
    if size != size:
        size = p[SIZE]
    if p[SIZING] == 0:  # size x buying power buys units and pays the order's fees
        budget, per_unit = power * size - fixed, entry + entry * rate
        if p[FEE_PER_UNIT]:  # backtesting.py: the fixed fee reserved once per unit
            budget, per_unit = power * size, entry + (fixed + size * fill * rate) / size
        units = budget / per_unit if p[FRACTIONAL] else budget // per_unit
    else:
        units = size if p[FRACTIONAL] else np.floor(size)
        if units * (entry + entry * rate) + fixed > power:
            return False
    if units <= 0:
        return False
    comm = fixed + units * entry * rate
    s[CASH] -= comm
    s[UNITS] = units if is_buy else -units
    s[ENTRY], s[ENTRY_BAR], s[ENTRY_COMM], s[SLTP_FROM] = entry, i, comm, sltp_from
    s[SL] = entry * (1.0 - direction * p[SL_PCT]) if p[SL_PCT] == p[SL_PCT] else np.nan
    s[TP] = entry * (1.0 + direction * p[TP_PCT]) if p[TP_PCT] == p[TP_PCT] else np.nan
    return True


@njit(cache=True, nogil=True)
def own_levels(s, p, sl, tp):
    """After an entry with ``p[LEVELS]``: the order's own stop-loss / take-profit price, else the
    config's, over the percentages (kept apart from ``open_position``: the hot loop stays as fast)."""
    if sl == sl or p[SL_PX] == p[SL_PX]:
        s[SL] = sl if sl == sl else p[SL_PX]
    if tp == tp or p[TP_PX] == p[TP_PX]:
        s[TP] = tp if tp == tp else p[TP_PX]


@njit(cache=True, nogil=True)
def close_position(s, p, tr, i, raw, reason, slipped):
    u = s[UNITS]
    fill = f.slip(raw, u < 0, p[SLIP]) if slipped else raw
    comm = p[FIXED] + abs(u) * fill * p[COMM]
    gross = u * (fill - s[ENTRY])
    s[CASH] += gross - comm
    k = int(s[NTR])
    tr[k, 0], tr[k, 1], tr[k, 2], tr[k, 3] = s[ENTRY_BAR], i, s[ENTRY], fill
    tr[k, 4], tr[k, 5], tr[k, 6], tr[k, 7] = u, gross - comm - s[ENTRY_COMM], comm + s[ENTRY_COMM], reason
    s[NTR] = k + 1
    s[UNITS], s[SL], s[TP] = 0.0, np.nan, np.nan


@njit(cache=True, nogil=True)
def protect(s, p, tr, i, o, h, lo):
    """Stop-loss first, then take-profit, of the open position."""
    u = s[UNITS]
    if u == 0 or i < s[SLTP_FROM]:
        return
    sl, tp = s[SL], s[TP]
    if u > 0:
        if sl == sl and lo <= sl:
            close_position(s, p, tr, i, min(o, sl), R_SL, True)
        elif tp == tp and h >= tp:
            close_position(s, p, tr, i, max(o, tp), R_TP, False)
    elif sl == sl and h >= sl:
        close_position(s, p, tr, i, max(o, sl), R_SL, True)
    elif tp == tp and lo <= tp:
        close_position(s, p, tr, i, min(o, tp), R_TP, False)


@njit(cache=True, nogil=True)
def trail(s, p, c, atr):
    """At a close: the trailing stop-loss levels from this close, kept when tighter (NaN ATR: none)."""
    u = s[UNITS]
    pct, k = p[TRAIL_PCT], p[TRAIL_ATR]
    for level in (c * (1.0 - pct) if u > 0 else c * (1.0 + pct), c - atr * k if u > 0 else c + atr * k):
        if level == level and (s[SL] != s[SL] or (level > s[SL] if u > 0 else level < s[SL])):
            s[SL] = level
