"""The position and equity accounting loop (Numba), one instrument, one position at a time.

Per bar: (1) a pending signal exit at the open, (2) the open position's stop-loss/take-profit, (3) the
pending entry order (market at the open; limit/stop/stop-limit by ``fills``), a market entry's own
stop-loss/take-profit in the same bar, a stop entry's own take-profit when the bar decides it, (4) the
bar's target (at the close: fill now with ``this_close`` timing, else queue for the next bar), (5) equity
marked at the close. Costs are booked in the bar whose price the order fills at.
"""

import numpy as np
from numba import njit

from quant_trading.engine import fills as f

# state slots
CASH, UNITS, ENTRY, ENTRY_BAR, ENTRY_COMM, SL, TP, SLTP_FROM, NTR = 0, 1, 2, 3, 4, 5, 6, 7, 8
P_DIR, P_TYPE, P_LIMIT, P_STOP, P_CREATED, P_TRIG, P_EXIT = 9, 10, 11, 12, 13, 14, 15
# parameter slots
COMM, FIXED, SLIP, SIZING, SIZE, SHORT, FILL, ETYPE, LIM_OFF, STOP_OFF = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
VALID, SL_PCT, TP_PCT, FRACTIONAL, FEE_PER_UNIT = 10, 11, 12, 13, 14
N_PARAMS = 15
# exit reasons (ExitReason order)
R_SIGNAL, R_SL, R_TP, R_END, R_LIQUIDATION = 0, 1, 2, 3, 4


@njit(cache=True, nogil=True)
def _open(s, p, i, direction, raw, slipped, sltp_from):
    is_buy = direction > 0
    fill = f.slip(raw, is_buy, p[SLIP]) if slipped else raw
    avail = max(0.0, s[CASH])
    rate, fixed, size = p[COMM], p[FIXED], p[SIZE]
    if p[SIZING] == 0:  # size x equity buys units and pays the order's fees
        budget, per_unit = avail * size - fixed, fill + fill * rate
        if p[FEE_PER_UNIT]:  # backtesting.py: the fixed fee reserved once per unit (fill + fixed / size ...)
            budget, per_unit = avail * size, fill + fixed / size + fill * rate
        units = budget / per_unit if p[FRACTIONAL] else budget // per_unit
    else:
        units = size if p[FRACTIONAL] else np.floor(size)
        if units * (fill + fill * rate) + fixed > avail:
            return False
    if units <= 0:
        return False
    comm = fixed + units * fill * rate
    s[CASH] -= comm
    s[UNITS] = units if is_buy else -units
    s[ENTRY], s[ENTRY_BAR], s[ENTRY_COMM], s[SLTP_FROM] = fill, i, comm, sltp_from
    s[SL] = fill * (1.0 - direction * p[SL_PCT]) if p[SL_PCT] == p[SL_PCT] else np.nan
    s[TP] = fill * (1.0 + direction * p[TP_PCT]) if p[TP_PCT] == p[TP_PCT] else np.nan
    return True


@njit(cache=True, nogil=True)
def _close(s, p, tr, i, raw, reason, slipped):
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
def _protect(s, p, tr, i, o, h, lo):
    """Stop-loss first, then take-profit, of the open position."""
    u = s[UNITS]
    if u == 0 or i < s[SLTP_FROM]:
        return
    sl, tp = s[SL], s[TP]
    if u > 0:
        if sl == sl and lo <= sl:
            _close(s, p, tr, i, min(o, sl), R_SL, True)
        elif tp == tp and h >= tp:
            _close(s, p, tr, i, max(o, tp), R_TP, False)
    elif sl == sl and h >= sl:
        _close(s, p, tr, i, max(o, sl), R_SL, True)
    elif tp == tp and lo <= tp:
        _close(s, p, tr, i, min(o, tp), R_TP, False)


@njit(cache=True, nogil=True)
def _pending_entry(s, p, tr, i, o, h, lo):
    d = s[P_DIR]
    if d == 0:
        return
    if s[UNITS] != 0 or (p[VALID] > 0 and i - s[P_CREATED] > p[VALID]):
        s[P_DIR] = 0.0
        return
    is_buy, kind = d > 0, s[P_TYPE]
    if kind == f.MARKET:
        s[P_DIR] = 0.0
        if _open(s, p, i, d, o, True, i):
            _protect(s, p, tr, i, o, h, lo)
        return
    if kind == f.LIMIT or (kind == f.STOP_LIMIT and s[P_TRIG] == 1.0):
        px, slipped = f.limit_fill(is_buy, s[P_LIMIT], o, h, lo), False
    elif kind == f.STOP:
        px, slipped = f.stop_fill(is_buy, s[P_STOP], o, h, lo), True
    else:
        px, slipped = f.stop_limit_fill(is_buy, s[P_STOP], s[P_LIMIT], o, h, lo), False
        if f.stop_hit(is_buy, s[P_STOP], h, lo):
            s[P_TRIG] = 1.0
    if px == px:
        s[P_DIR] = 0.0
        if _open(s, p, i, d, px, slipped, i + 1) and kind == f.STOP:
            tp = f.stop_entry_take_profit(is_buy, s[TP], s[SL], o, h, lo)
            if tp == tp:
                _close(s, p, tr, i, tp, R_TP, False)


@njit(cache=True, nogil=True)
def _queue(s, p, i, d, c):
    """Queue an entry order in direction d placed at close c (keeps an equivalent pending order)."""
    kind = p[ETYPE]
    if s[P_DIR] == d and kind != f.MARKET:
        return
    s[P_DIR], s[P_TYPE], s[P_CREATED], s[P_TRIG] = d, kind, i, 0.0
    stop = c * (1.0 + d * p[STOP_OFF])
    s[P_STOP] = stop
    s[P_LIMIT] = stop * (1.0 + d * p[LIM_OFF]) if kind == f.STOP_LIMIT else c * (1.0 - d * p[LIM_OFF])


@njit(cache=True, nogil=True)
def _bar(s, p, tr, i, o, h, lo, c, t, protective):
    """Orders, fills and the bar's target (only called on bars where something can happen)."""
    if s[P_EXIT] == 1.0:
        s[P_EXIT] = 0.0
        if s[UNITS] != 0:
            _close(s, p, tr, i, o, R_SIGNAL, True)
    if protective and s[UNITS] != 0:
        _protect(s, p, tr, i, o, h, lo)
    if s[P_DIR] != 0:
        _pending_entry(s, p, tr, i, o, h, lo)
    if t == t:
        if p[SHORT] == 0.0 and t == -1.0:
            t = 0.0
        cur = np.sign(s[UNITS])
        d = t
        if t == 0.5 or t == -0.5:  # exit one side: its position and its pending entry, nothing else
            d = 0.0 if cur * t > 0 else cur
            if s[P_DIR] * t > 0:
                s[P_DIR] = 0.0
        elif d == cur and s[P_DIR] != 0 and s[P_DIR] != d:
            s[P_DIR] = 0.0  # already as the target wants: a pending entry elsewhere is cancelled
        if d != cur:
            if p[FILL] == 1.0:
                if cur != 0:
                    _close(s, p, tr, i, c, R_SIGNAL, True)
                if d != 0 and p[ETYPE] == f.MARKET:
                    _open(s, p, i, d, c, True, i + 1)
                elif d != 0:
                    _queue(s, p, i, d, c)
            else:
                if cur != 0:
                    s[P_EXIT] = 1.0
                if d != 0:
                    _queue(s, p, i, d, c)
            if d == 0:
                s[P_DIR] = 0.0


@njit(cache=True, nogil=True)
def simulate(open_, high, low, close, target, params, initial_cash):
    """Returns (equity, units per bar, drawdown per bar, trades[k, 8], final state)."""
    n = close.shape[0]
    s = np.zeros(16)
    s[CASH], s[SL], s[TP] = initial_cash, np.nan, np.nan
    tr = np.empty((2 * n + 2, 8))  # <= 2 trades open per bar; untouched rows cost no memory
    equity = np.empty(n)
    units = np.empty(n)
    drawdown = np.empty(n)
    peak = initial_cash
    p = params
    protective = p[SL_PCT] == p[SL_PCT] or p[TP_PCT] == p[TP_PCT]
    for i in range(n):
        t = target[i]
        if t == t or s[P_EXIT] != 0.0 or s[P_DIR] != 0.0 or (protective and s[UNITS] != 0.0):
            _bar(s, p, tr, i, open_[i], high[i], low[i], close[i], t, protective)
        c = close[i]
        eq = s[CASH] + s[UNITS] * (c - s[ENTRY])
        if eq <= 0:
            if s[UNITS] != 0:
                _close(s, p, tr, i, c, R_LIQUIDATION, False)
            equity[i:] = 0.0
            units[i:] = 0.0
            drawdown[i:] = -1.0
            s[CASH] = 0.0
            break
        equity[i] = eq
        units[i] = s[UNITS]
        peak = max(peak, eq)
        drawdown[i] = eq / peak - 1.0
    return equity, units, drawdown, tr[: int(s[NTR])].copy(), s
