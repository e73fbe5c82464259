"""Offline narrative: markdown built from the facts alone, quoting their values verbatim (a backtest's, or a
paper run's drift from its backtest: ``drift_writer``)."""

from typing import Any

from quant_gen_ai.llm.offline import OfflineAnswer
from quant_gen_ai.llm.types import LLMRequest
from quant_gen_ai.narrative.drift_writer import write_drift_narrative


def _fmt(value: Any) -> str:
    return (
        f"{value:,}"
        if isinstance(value, int)
        else f"{value:,.2f}"
        if isinstance(value, float)
        else str(value)
    )


def _risk_words(sharpe: float | None) -> str:
    if sharpe is None:
        return "The risk-adjusted return (Sharpe ratio) is not available."
    if sharpe >= 1:
        quality = "strong"
    elif sharpe > 0:
        quality = "positive but modest"
    else:
        quality = "negative"
    return f"The Sharpe ratio of {_fmt(sharpe)} indicates a {quality} risk-adjusted return."


def write_narrative(facts: dict[str, Any]) -> str:
    bt, m, tr, eq = (
        facts["backtest"],
        facts.get("metrics", {}),
        facts.get("trades", {}),
        facts.get("equity", {}),
    )
    lines = [f"# {bt['name']}", "", "## Strategy"]
    window = f" from {bt['start']} to {bt['end']}" if bt["start"] and bt["end"] else ""
    lines.append(
        f"A {bt['strategy_type']} strategy traded {bt['symbols'] or 'no symbols'} on {bt['interval']} bars"
        f"{window}."
    )
    lines += ["", "## Returns"]
    if "total_return_pct" in m:
        text = f"The total return was {_fmt(m['total_return_pct'])}%"
        if "annual_return_pct" in m:
            text += f", or {_fmt(m['annual_return_pct'])}% annualized"
        lines.append(text + ".")
    if "start_equity" in eq:
        lines.append(f"Equity moved from {_fmt(eq['start_equity'])} to {_fmt(eq['end_equity'])}.")
    lines += ["", "## Risk", _risk_words(m.get("sharpe_ratio"))]
    if "sortino_ratio" in m:
        lines.append(
            f"The Sortino ratio, which only penalizes downside volatility, was {_fmt(m['sortino_ratio'])}."
        )
    lines += ["", "## Drawdowns"]
    if "max_drawdown_pct" in m:
        lines.append(f"The maximum drawdown reached {_fmt(abs(m['max_drawdown_pct']))}%.")
    if "deepest_drawdown_date" in eq:
        lines.append(f"The deepest point of the sampled equity curve was on {eq['deepest_drawdown_date']}.")
    lines += ["", "## Trades"]
    if "num_trades" in m or "trade_count" in tr:
        lines.append(f"The strategy closed {_fmt(m.get('num_trades', tr.get('trade_count')))} trades.")
    if "win_rate_pct" in m:
        lines.append(f"The win rate was {_fmt(m['win_rate_pct'])}%.")
    if "largest_win_pnl" in tr:
        lines.append(
            f"Among the {_fmt(tr['trades_examined'])} trades examined, {_fmt(tr['winning_trades'])} won and "
            f"{_fmt(tr['losing_trades'])} lost; the best made {_fmt(tr['largest_win_pnl'])} and the worst "
            f"{_fmt(tr['largest_loss_pnl'])}."
        )
    lines += ["", "_Written by the offline template writer from the backtest's recorded figures._"]
    return "\n".join(lines)


def offline_narrative(request: LLMRequest) -> OfflineAnswer:
    facts = request.context["facts"]
    text = write_drift_narrative(facts) if "paper_run" in facts else write_narrative(facts)
    return OfflineAnswer(content=text)
