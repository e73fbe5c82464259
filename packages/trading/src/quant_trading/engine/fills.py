"""Intrabar fill rules (backtesting.py's), decided from the bar's open/high/low.

* market: the bar's open (or the signal bar's close with ``this_close`` timing).
* limit buy fills when low <= limit at min(open, limit); limit sell when high >= limit at max(open, limit).
* stop buy triggers when high >= stop and fills at max(open, stop); stop sell when low <= stop at
  min(open, stop) - a gap through the level fills at the (worse) open.
* stop-limit: once the stop triggers the order becomes a limit order; if the limit is also touched in the
  triggering bar but lies on the "already passed" side of the stop, it only fills from the next bar
  (we cannot know the intrabar path, so we assume the worse order of events).
* a stop entry's own take-profit fills in its entry bar when the bar reaches it and not the stop-loss:
  the stop and the take-profit lie on the same side, so the take-profit came after the fill (a limit or
  stop-limit entry's, or a stop-loss there, would need the intrabar path: they count from the next bar).
* a signal exit queued for this bar executes at the open, first (the open is the bar's first price);
  then the position's protective orders, stop-loss before take-profit: when both levels lie inside one
  bar the stop-loss wins (the conservative assumption); then new entry orders.
Each function returns the fill price or NaN when the order does not fill on this bar.
"""

import numpy as np
from numba import njit

MARKET, LIMIT, STOP, STOP_LIMIT = 0, 1, 2, 3


@njit(cache=True, nogil=True)
def limit_fill(is_buy, limit, o, h, lo):
    if is_buy:
        return min(o, limit) if lo <= limit else np.nan
    return max(o, limit) if h >= limit else np.nan


@njit(cache=True, nogil=True)
def stop_hit(is_buy, stop, h, lo):
    return h >= stop if is_buy else lo <= stop


@njit(cache=True, nogil=True)
def stop_fill(is_buy, stop, o, h, lo):
    if not stop_hit(is_buy, stop, h, lo):
        return np.nan
    return max(o, stop) if is_buy else min(o, stop)


@njit(cache=True, nogil=True)
def stop_limit_fill(is_buy, stop, limit, o, h, lo):
    """Fill price in the bar where the stop triggers (NaN if not hit or the limit must wait a bar)."""
    if not stop_hit(is_buy, stop, h, lo):
        return np.nan
    touched = lo <= limit if is_buy else h >= limit
    before_stop = (limit <= stop) if is_buy else (limit >= stop)
    if not touched or before_stop:
        return np.nan
    return min(stop, limit) if is_buy else max(stop, limit)


@njit(cache=True, nogil=True)
def stop_entry_take_profit(is_buy, tp, sl, o, h, lo):
    """The take-profit fill of a stop entry in its entry bar (NaN: not reached, or the stop-loss was)."""
    if is_buy:
        return max(o, tp) if h >= tp and not lo <= sl else np.nan
    return min(o, tp) if lo <= tp and not h >= sl else np.nan


@njit(cache=True, nogil=True)
def slip(price, is_buy, slippage):
    """Adverse slippage: buys pay more, sells receive less."""
    return price * (1.0 + slippage) if is_buy else price * (1.0 - slippage)
