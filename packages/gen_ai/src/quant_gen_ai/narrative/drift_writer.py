"""Offline drift narrative: a paper run against its backtest, in markdown quoting the facts verbatim."""

from typing import Any


def fmt(value: Any, digits: int = 2) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def pnl_lines(pnl: dict[str, Any], by_symbol: dict[str, Any]) -> list[str]:
    if pnl["pnl_difference"] == 0:
        return [f"The paper run and the backtest both made {fmt(pnl['paper_pnl'])}: no P&L drift."]
    lines = [
        f"The paper run made {fmt(pnl['paper_pnl'])} and the backtest {fmt(pnl['backtest_pnl'])}: a drift "
        f"of {fmt(pnl['pnl_difference'])}, or {fmt(pnl['pnl_difference_pct'])}% of the initial cash of "
        f"{fmt(pnl['initial_cash'])}."
    ]
    if len(by_symbol) > 1:
        lines += ["P&L drift per symbol:", *(f"- {symbol}: {fmt(v)}" for symbol, v in by_symbol.items())]
    return lines


def fill_lines(fills: dict[str, Any]) -> list[str]:
    lines = [
        f"Fills: {fmt(fills['paper_fills'])} in the paper run and {fmt(fills['backtest_fills'])} in the "
        f"backtest, {fmt(fills['matched_fills'])} paired by trade and entry or exit, "
        f"{fmt(fills['matched_differing'])} of the pairs differing in price, time or size."
    ]
    if fills["only_paper"] or fills["only_backtest"]:
        lines.append(
            f"Fills only in the paper run: {fmt(fills['only_paper'])}; only in the backtest: "
            f"{fmt(fills['only_backtest'])}."
        )
    if fills["max_abs_price_difference"]:
        lines.append(
            f"Paired fill prices differ by {fmt(fills['mean_abs_price_difference'], 4)} on average and by "
            f"at most {fmt(fills['max_abs_price_difference'], 4)}."
        )
    if fills["max_time_difference_seconds"]:
        lines.append(f"Fill times differ by up to {fmt(fills['max_time_difference_seconds'], 0)} seconds.")
    return lines


def data_lines(bars: dict[str, Any]) -> list[str]:
    lines = [
        f"The run processed {fmt(bars['live_bars'])} bars live; market data now holds "
        f"{fmt(bars['market_bars'])} for the period."
    ]
    if bars["revised_bars"] or bars["missing_in_market"] or bars["missing_in_live"]:
        lines.append(
            f"Bars revised since: {fmt(bars['revised_bars'])}; missing from market data: "
            f"{fmt(bars['missing_in_market'])}; never delivered live: {fmt(bars['missing_in_live'])}."
        )
        lines.append(f"First differences: {bars['first_differences']}.")
    else:
        lines.append("Every bar the run saw is unchanged in market data.")
    return lines


def checks(bars: dict[str, Any], fills: dict[str, Any]) -> list[str]:
    out = []
    if bars["revised_bars"]:
        out.append("- Compare the revised bars with the vendor's corrections and price adjustments.")
    if bars["missing_in_live"]:
        out.append("- Check the live poller for bars it missed or received late.")
    if bars["missing_in_market"]:
        out.append("- Check why market data no longer holds bars the run traded on.")
    if fills["only_paper"] or fills["only_backtest"]:
        out.append("- Trades shifted: read the fills from the first difference on side by side.")
    return out or ["- Nothing: the run and its backtest agree bar for bar and fill for fill."]


def write_drift_narrative(facts: dict[str, Any]) -> str:
    run, pnl, fills, bars = facts["paper_run"], facts["pnl"], facts["fills"], facts["bars"]
    window = f" from {run['start']} to {run['end']}" if run["start"] and run["end"] else ""
    lines = [f"# {run['name']}: paper run against its backtest", "", "## Run"]
    lines.append(
        f"The {run['strategy_type']} strategy traded {run['symbols'] or 'no symbols'} on {run['interval']} "
        f"bars{window}; a backtest of the same strategy and config ran on the bars market data holds for "
        "that period."
    )
    lines += ["", "## P&L drift", *pnl_lines(pnl, facts.get("symbol_pnl_difference") or {})]
    lines += ["", "## Fill drift", *fill_lines(fills)]
    lines += ["", "## Data differences", *data_lines(bars)]
    lines += ["", "## What to check", *checks(bars, fills)]
    lines += ["", "_Written by the offline template writer from the recorded comparison._"]
    return "\n".join(lines)
