"""``quant backtest``: submit a backtest, follow it, print its KPIs and save its equity chart."""

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from quant_cli import options
from quant_cli.chart import save_equity_chart
from quant_cli.client import client_from_options, handles_problems
from quant_cli.progress import follow_task

console = Console()
HEADLINE = [
    "total_return",
    "annual_return",
    "sharpe_ratio",
    "sortino_ratio",
    "max_drawdown",
    "win_rate",
    "num_trades",
    "profit_factor",
]


def kpi_table(metrics: dict) -> Table:
    table = Table(title="Backtest KPIs")
    table.add_column("KPI")
    table.add_column("Value", justify="right")
    ordered = [k for k in HEADLINE if k in metrics] + sorted(k for k in metrics if k not in HEADLINE)
    for key in ordered:
        value = metrics[key]
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    return table


@handles_problems
def backtest(
    symbol: list[str] = typer.Option(..., "--symbol", "-s", help="Symbol(s) to trade."),
    strategy_id: str | None = typer.Option(None, help="Backtest a stored strategy."),
    strategy_type: str = typer.Option("sma_crossover", help="Strategy type when no --strategy-id."),
    param: list[str] = typer.Option([], "--param", "-p", help="Strategy parameter NAME=VALUE."),
    interval: str = typer.Option("1d"),
    start: str | None = typer.Option(None, help="ISO start date."),
    end: str | None = typer.Option(None, help="ISO end date."),
    initial_cash: float = typer.Option(10_000.0),
    commission: float = typer.Option(0.001, help="Commission as a fraction of notional."),
    order: list[str] = typer.Option(
        [],
        "--order",
        "-o",
        help="Engine order setting NAME=VALUE, e.g. trailing_stop_pct=0.03, spread=0.001, margin=0.5, "
        "stop_loss_price=90, pyramiding=2, hedging=true, finalize_trades=true (checked by the platform).",
    ),
    chart: Path = typer.Option(Path("equity.png"), help="Equity chart file (.png or .svg)."),
    api_url: str | None = options.ApiUrl,
    token: str | None = options.Token,
    email: str | None = options.Email,
    password: str | None = options.Password,
    api_key: str | None = options.ApiKey,
) -> None:
    """Run a backtest on the platform and show its progress, KPIs and equity chart."""
    client = client_from_options(api_url, token, email, password, api_key)
    body: dict = {
        "symbols": symbol,
        "interval": interval,
        "start": start,
        "end": end,
        "config": {
            "initial_cash": initial_cash,
            "commission": commission,
            **options.parse_params(order, hint="--order"),
        },
    }
    if strategy_id:
        body["strategy_id"] = strategy_id
    else:
        body.update(strategy_type=strategy_type, parameters=options.parse_params(param))
    accepted = client.post("/backtests", json={k: v for k, v in body.items() if v is not None})
    task = follow_task(client, accepted["task_id"], f"backtest {', '.join(symbol)}")
    result = client.get(f"/backtests/{accepted['resource_id']}")
    if task["status"] != "completed":
        console.print(f"[red]Backtest {task['status']}: {task.get('error') or result.get('error')}")
        raise typer.Exit(1)
    console.print(kpi_table(result.get("metrics") or {}))
    series = client.get(f"/backtests/{accepted['resource_id']}/equity", points=500)
    path = save_equity_chart(series, chart, f"{strategy_id or strategy_type} on {', '.join(symbol)}")
    console.print(f"Equity chart written to [bold]{path}[/bold]")
