"""``quant paper start|status|stop``: paper runs on the platform, with a live-updating status table."""

import time

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table

from quant_cli import options
from quant_cli.client import PlatformClient, client_from_options, handles_problems

console = Console()
paper = typer.Typer(help="Paper trading: run a strategy forward on live bars with simulated cash.")


def runs_table(runs: list[dict]) -> Table:
    table = Table(title="Paper runs")
    for column in ("id", "name", "status", "last bar", "equity", "P&L", "position"):
        table.add_column(column, justify="right" if column in ("equity", "P&L") else "left")
    for run in runs:
        books = run.get("books") or []
        last = max((b["last_bar_time"] or "" for b in books), default="") or "-"
        position = (
            ", ".join(f"{p['symbol']} {p['side']} {p['size']:g}" for p in run.get("positions") or []) or "-"
        )
        pnl = run.get("pnl", 0.0)
        color = "green" if pnl >= 0 else "red"
        status = run["status"] + (f" ({run['stop_cause']})" if run.get("stop_cause") else "")
        table.add_row(
            run["id"],
            run["name"],
            status,
            last,
            f"{run.get('equity', 0.0):,.2f}",
            f"[{color}]{pnl:+,.2f}[/{color}]",
            position,
        )
    return table


def fetch(client: PlatformClient, run_id: str | None) -> list[dict]:
    if run_id:
        return [client.get(f"/paper-runs/{run_id}")]
    listed = client.get("/paper-runs", status="running", limit=50)["items"]
    return [client.get(f"/paper-runs/{r['id']}") for r in listed]


@paper.command("start")
@handles_problems
def start(
    symbol: list[str] = typer.Option(..., "--symbol", "-s", help="Symbol(s) to trade."),
    strategy_id: str | None = typer.Option(None, help="Run a stored strategy."),
    backtest_id: str | None = typer.Option(None, help="Run a backtest's exact strategy and config."),
    strategy_type: str = typer.Option("sma_crossover", help="Strategy type when no --strategy-id."),
    param: list[str] = typer.Option([], "--param", "-p", help="Strategy parameter NAME=VALUE."),
    interval: str = typer.Option("1d"),
    start_at: str | None = typer.Option(None, "--start", help="ISO time: bars from here are replayed first."),
    initial_cash: float = typer.Option(10_000.0),
    commission: float = typer.Option(0.001, help="Commission as a fraction of notional."),
    max_position_value: float | None = typer.Option(None, help="Stop when a position is worth more."),
    max_daily_loss: float | None = typer.Option(None, help="Stop when a day's loss is larger."),
    api_url: str | None = options.ApiUrl,
    token: str | None = options.Token,
    email: str | None = options.Email,
    password: str | None = options.Password,
    api_key: str | None = options.ApiKey,
) -> None:
    """Start a paper run and show it."""
    client = client_from_options(api_url, token, email, password, api_key)
    risk = {"max_position_value": max_position_value, "max_daily_loss": max_daily_loss}
    body: dict = {
        "symbols": symbol,
        "interval": interval,
        "start": start_at,
        "risk": {k: v for k, v in risk.items() if v is not None},
    }
    if backtest_id:
        body.update(backtest_id=backtest_id, interval=None)
    else:
        body["config"] = {"initial_cash": initial_cash, "commission": commission}
        if strategy_id:
            body["strategy_id"] = strategy_id
        else:
            body.update(strategy_type=strategy_type, parameters=options.parse_params(param))
    run = client.post("/paper-runs", json={k: v for k, v in body.items() if v is not None})
    console.print(runs_table([run]))


@paper.command("status")
@handles_problems
def status(
    run_id: str | None = typer.Argument(None, help="One run (default: every running run)."),
    watch: float = typer.Option(0.0, help="Refresh every this many seconds (0: print once)."),
    times: int = typer.Option(0, help="With --watch: stop after this many refreshes (0: until Ctrl-C)."),
    api_url: str | None = options.ApiUrl,
    token: str | None = options.Token,
    email: str | None = options.Email,
    password: str | None = options.Password,
    api_key: str | None = options.ApiKey,
) -> None:
    """Show paper runs: status, equity, P&L and positions, live-updating with --watch."""
    client = client_from_options(api_url, token, email, password, api_key)
    if watch <= 0:
        console.print(runs_table(fetch(client, run_id)))
        return
    shown = 0
    with Live(runs_table(fetch(client, run_id)), console=console, refresh_per_second=4) as live:
        try:
            while times == 0 or shown < times:
                time.sleep(watch)
                live.update(runs_table(fetch(client, run_id)))
                shown += 1
        except KeyboardInterrupt:
            pass


@paper.command("stop")
@handles_problems
def stop(
    run_id: str = typer.Argument(..., help="The run to stop."),
    api_url: str | None = options.ApiUrl,
    token: str | None = options.Token,
    email: str | None = options.Email,
    password: str | None = options.Password,
    api_key: str | None = options.ApiKey,
) -> None:
    """Stop a paper run."""
    client = client_from_options(api_url, token, email, password, api_key)
    console.print(runs_table([client.post(f"/paper-runs/{run_id}/stop")]))
