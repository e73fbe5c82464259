"""Tables and files of ``quant optimize``: best trials, walk-forward windows, CSV / JSON results."""

import csv
import json
from pathlib import Path

from rich.table import Table

KEY_KPIS = ["total_return", "sharpe_ratio", "max_drawdown", "win_rate", "num_trades"]
OUTPUT_SUFFIXES = (".csv", ".json")
INTEGRAL = {"num_trades", "max_drawdown_duration", "max_trade_duration_bars"}


def fmt(value: object, key: str = "") -> str:
    if value is None:
        return "-"
    if key in INTEGRAL and isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def ranked(trials: list[dict], maximize: bool) -> list[dict]:
    """Trials with an objective value, best first (ties: lower trial number first)."""
    scored = [t for t in trials if t.get("value") is not None]
    return sorted(scored, key=lambda t: (-t["value"] if maximize else t["value"], t["number"]))


def trials_table(run: dict, trials: list[dict], top: int) -> Table:
    names = list(run["parameter_ranges"])
    present = {k for t in trials for k in t["metrics"]}
    kpis = [k for k in KEY_KPIS if k != run["objective"] and k in present]
    direction = "max" if run["maximize"] else "min"
    table = Table(title=f"Best {min(top, len(trials))} of {run['trials_done']} trials ({run['method']})")
    table.add_column("rank", justify="right")
    table.add_column("trial", justify="right")
    if run.get("walk_forward"):
        table.add_column("window", justify="right")
    for name in names:
        table.add_column(name, justify="right", style="cyan")
    table.add_column(f"{run['objective']} ({direction})", justify="right", style="bold green")
    for kpi in kpis:
        table.add_column(kpi, justify="right")
    for rank, trial in enumerate(trials[:top], 1):
        row = [str(rank), str(trial["number"])]
        if run.get("walk_forward"):
            row.append(fmt(trial.get("window")))
        row += [fmt(trial["parameters"].get(n)) for n in names]
        row.append(fmt(trial["value"]))
        row += [fmt(trial["metrics"].get(k), k) for k in kpis]
        table.add_row(*row)
    return table


def summary_table(run: dict) -> Table:
    table = Table(title=f"Optimization {run['name']}", show_header=False)
    table.add_column("field")
    table.add_column("value", justify="right")
    table.add_row("run id", run["id"])
    table.add_row("best parameters", json.dumps(run.get("best_parameters") or {}, sort_keys=True))
    table.add_row(f"best {run['objective']}", fmt(run.get("best_value")))
    table.add_row("deflated Sharpe", fmt(run.get("deflated_sharpe")))
    best = run.get("best_metrics") or {}
    label = "out-of-sample " if run.get("walk_forward") else "best run "
    for kpi in KEY_KPIS:
        if kpi in best:
            table.add_row(label + kpi, fmt(best[kpi], kpi))
    return table


def windows_table(result: dict) -> Table:
    table = Table(title="Walk-forward windows")
    for col in ("window", "best parameters", "in-sample value", "out-of-sample return"):
        table.add_column(col, justify="right")
    for w in result.get("windows", []):
        table.add_row(
            str(w["window"]),
            json.dumps(w["best_parameters"], sort_keys=True),
            fmt(w.get("in_sample_value")),
            fmt(w.get("out_of_sample_return")),
        )
    return table


def write_results(path: Path, run: dict, trials: list[dict]) -> Path:
    """``.json``: ``{"run": ..., "trials": [...]}``; ``.csv``: one row per trial, params and KPIs flat."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps({"run": run, "trials": trials}, indent=2, default=str))
        return path
    names = list(run["parameter_ranges"])
    fixed = sorted({k for t in trials for k in t["parameters"]} - set(names))
    metrics = sorted({k for t in trials for k in t["metrics"]})
    head = ["number", "window", "feasible", "value"]
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(head + [*names, *fixed] + [f"metric.{m}" for m in metrics])
        for t in trials:
            values = [t.get(k) for k in head] + [t["parameters"].get(n) for n in [*names, *fixed]]
            writer.writerow(["" if v is None else v for v in values + [t["metrics"].get(m) for m in metrics]])
    return path
