"""One bar's orders (Numba): the pending signal exit, protective orders, the pending entry, the target.

Per bar: (1) a pending signal exit at the open, (2) the open position's stop-loss/take-profit, (3) the
pending entry order (market at the open; limit/stop/stop-limit by ``fills``), a market entry's own
stop-loss/take-profit in the same bar, a stop entry's own take-profit when the bar decides it, (4) the
bar's target (at the close: fill now with ``this_close`` timing, else queue for the next bar).
"""

import numpy as np
from numba import njit

from quant_trading.engine import fills as f
from quant_trading.engine.positions import close_position, open_position, own_levels, protect
from quant_trading.engine.slots import (
    B_SIZE,
    B_SL,
    B_TP,
    ETYPE,
    FILL,
    LEVELS,
    LIM_OFF,
    P_CREATED,
    P_DIR,
    P_EXIT,
    P_LIMIT,
    P_SIZE,
    P_SL,
    P_STOP,
    P_TP,
    P_TRIG,
    P_TYPE,
    R_SIGNAL,
    R_TP,
    SHORT,
    SL,
    STOP_OFF,
    TP,
    UNITS,
    VALID,
)


@njit(cache=True, nogil=True, inline="always")  # into the loop: no call per event
def pending_entry(s, p, tr, i, o, h, lo):
    d = s[P_DIR]
    if d == 0:
        return
    if s[UNITS] != 0 or (p[VALID] > 0 and i - s[P_CREATED] > p[VALID]):
        s[P_DIR] = 0.0
        return
    is_buy, kind = d > 0, s[P_TYPE]
    sl, tp, size = s[P_SL], s[P_TP], s[P_SIZE]
    if kind == f.MARKET:
        s[P_DIR] = 0.0
        if open_position(s, p, i, d, o, True, i, size):
            if p[LEVELS] == 1.0:
                own_levels(s, p, sl, tp)
            protect(s, p, tr, i, o, h, lo)
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
        opened = open_position(s, p, i, d, px, slipped, i + 1, size)
        if opened and p[LEVELS] == 1.0:
            own_levels(s, p, sl, tp)
        if opened and kind == f.STOP:
            tp = f.stop_entry_take_profit(is_buy, s[TP], s[SL], o, h, lo)
            if tp == tp:
                close_position(s, p, tr, i, tp, R_TP, False)


@njit(cache=True, nogil=True, inline="always")  # into the loop: no call per event
def queue(s, p, i, d, c):
    """Queue an entry order in direction d placed at close c (keeps an equivalent pending order)."""
    kind = p[ETYPE]
    if s[P_DIR] == d and kind != f.MARKET:
        return
    s[P_DIR], s[P_TYPE], s[P_CREATED], s[P_TRIG] = d, kind, i, 0.0
    s[P_SL], s[P_TP], s[P_SIZE] = s[B_SL], s[B_TP], s[B_SIZE]
    stop = c * (1.0 + d * p[STOP_OFF])
    s[P_STOP] = stop
    s[P_LIMIT] = stop * (1.0 + d * p[LIM_OFF]) if kind == f.STOP_LIMIT else c * (1.0 - d * p[LIM_OFF])


@njit(cache=True, nogil=True, inline="always")  # into the loop: no call per event
def bar(s, p, tr, i, o, h, lo, c, t, protective):
    """Orders, fills and the bar's target (only called on bars where something can happen); an entry
    the target places takes the bar's own levels and size (``B_SL``, ``B_TP``, ``B_SIZE``)."""
    if s[P_EXIT] == 1.0:
        s[P_EXIT] = 0.0
        if s[UNITS] != 0:
            close_position(s, p, tr, i, o, R_SIGNAL, True)
    if protective and s[UNITS] != 0:
        protect(s, p, tr, i, o, h, lo)
    if s[P_DIR] != 0:
        pending_entry(s, p, tr, i, o, h, lo)
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
                    close_position(s, p, tr, i, c, R_SIGNAL, True)
                if d != 0 and p[ETYPE] == f.MARKET:
                    if open_position(s, p, i, d, c, True, i + 1, s[B_SIZE]) and p[LEVELS] == 1.0:
                        own_levels(s, p, s[B_SL], s[B_TP])
                elif d != 0:
                    queue(s, p, i, d, c)
            else:
                if cur != 0:
                    s[P_EXIT] = 1.0
                if d != 0:
                    queue(s, p, i, d, c)
            if d == 0:
                s[P_DIR] = 0.0
