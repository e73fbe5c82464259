"""``quant optimize``: submit a parameter search, follow its trials, show the best, save the results."""

from pathlib import Path

import typer
from rich.console import Console

from quant_cli import options
from quant_cli.client import PlatformClient, client_from_options, handles_problems
from quant_cli.optimization_report import (
    OUTPUT_SUFFIXES,
    ranked,
    summary_table,
    trials_table,
    windows_table,
    write_results,
)
from quant_cli.progress import follow_task
from quant_cli.ranges import grid_size, parse_ranges, parse_walk_forward
from quant_shared.enums import OptimizationMethod

console = Console()
PAGE = 500
Method = OptimizationMethod  # the platform's enum (quant_shared.enums), the only definition


def trials_progress(client: PlatformClient, run_id: str):
    """Bar of the run's trials: ``trials_done / max_trials`` (walk-forward: the task's own fraction)."""

    def describe(task: dict) -> tuple[float, str]:
        run = client.get(f"/optimization/{run_id}")
        done = run["trials_done"]
        if task["status"] == "completed":
            return 1.0, f"{done}/{done} trials"
        if run.get("walk_forward"):
            return task["progress"], f"{done} trials ({run['max_trials']} per window)"
        return min(done / run["max_trials"], 1.0), f"{done}/{run['max_trials']} trials"

    return describe


def all_trials(client: PlatformClient, run_id: str) -> list[dict]:
    trials: list[dict] = []
    while True:
        page = client.get(f"/optimization/{run_id}/trials", limit=PAGE, offset=len(trials))
        trials += page["items"]
        if not page["items"] or len(trials) >= page["total"]:
            return trials


@handles_problems
def optimize(
    symbol: str = typer.Option(..., "--symbol", "-s", help="Symbol to optimize on."),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="Searched NAME=LOW:HIGH[:STEP] or fixed NAME=VALUE (repeatable)."
    ),
    strategy_id: str | None = typer.Option(None, help="Optimize a stored strategy."),
    strategy_type: str = typer.Option("sma_crossover", help="Strategy type when no --strategy-id."),
    method: Method = typer.Option(Method.GRID, help="Search method."),
    objective: str = typer.Option("sharpe_ratio", help="KPI to optimize (e.g. total_return, calmar_ratio)."),
    minimize: bool = typer.Option(False, "--minimize", help="Minimize the objective instead."),
    trials: int | None = typer.Option(
        None, "--trials", "-n", min=1, help="Trial budget (default: the grid's size for grid, else 50)."
    ),
    constraint: list[str] = typer.Option([], "--constraint", "-c", help="e.g. 'fast < slow' (repeatable)."),
    seed: int = typer.Option(0, min=0, help="Seed of random / Bayesian search."),
    walk_forward: str | None = typer.Option(
        None, help="Walk-forward IN_SAMPLE:OUT_OF_SAMPLE[:MAX_WINDOWS] bars."
    ),
    interval: str = typer.Option("1d"),
    start: str | None = typer.Option(None, help="ISO start date."),
    end: str | None = typer.Option(None, help="ISO end date."),
    initial_cash: float = typer.Option(10_000.0),
    commission: float = typer.Option(0.001, help="Commission as a fraction of notional."),
    name: str | None = typer.Option(None, help="Name of the run."),
    top: int = typer.Option(10, min=1, help="Rows of the best-trials table."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write every trial as .csv or .json."),
    api_url: str | None = options.ApiUrl,
    token: str | None = options.Token,
    email: str | None = options.Email,
    password: str | None = options.Password,
    api_key: str | None = options.ApiKey,
) -> None:
    """Search strategy parameters on the platform: live trial progress, best trials, CSV/JSON results."""
    ranges, fixed = parse_ranges(param)
    wf = parse_walk_forward(walk_forward)
    if output is not None and output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise typer.BadParameter("the results file must end in .csv or .json", param_hint="--output")
    if trials is None and method == Method.GRID and ranges:
        trials = grid_size(ranges)
    body: dict = {
        "name": name,
        "symbol": symbol,
        "method": method.value,
        "objective": objective,
        "maximize": not minimize,
        "max_trials": trials,
        "seed": seed,
        "constraints": constraint,
        "parameter_ranges": ranges or None,
        "walk_forward": wf,
        "interval": interval,
        "start": start,
        "end": end,
        "config": {"initial_cash": initial_cash, "commission": commission},
    }
    if strategy_id:
        body.update(strategy_id=strategy_id, parameters=fixed or None)
    else:
        body.update(strategy_type=strategy_type, parameters=fixed)
    client = client_from_options(api_url, token, email, password, api_key)
    accepted = client.post("/optimization", json={k: v for k, v in body.items() if v is not None})
    run_id = accepted["resource_id"]
    label = f"{method.value} {strategy_id or strategy_type} on {symbol.upper()}"
    try:
        task = follow_task(client, accepted["task_id"], label, describe=trials_progress(client, run_id))
    except KeyboardInterrupt:
        client.post(f"/optimization/{run_id}/cancel")
        console.print(f"[yellow]Cancelled optimization {run_id}")
        raise typer.Exit(130) from None
    run = client.get(f"/optimization/{run_id}")
    if task["status"] != "completed":
        console.print(f"[red]Optimization {task['status']}: {task.get('error') or run.get('error')}")
        raise typer.Exit(1)
    results = all_trials(client, run_id)
    console.print(summary_table(run))
    if run.get("walk_forward_result"):
        console.print(windows_table(run["walk_forward_result"]))
    console.print(trials_table(run, ranked(results, run["maximize"]), top))
    if output is not None:
        path = write_results(output, run, results)
        console.print(f"{len(results)} trials written to [bold]{path}[/bold]")
