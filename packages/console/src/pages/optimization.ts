import { type OptimizationOut, OptimizationService, type TrialOut } from "@quant-platform/client";

import { field, fmt, h, params, replace, when } from "../dom";
import { heatMap } from "../heatmap";
import { attempt } from "../problem";
import { followTask, progressBar } from "../tasks";

const METRICS = ["total_return", "sharpe_ratio", "max_drawdown", "num_trades"];

/** Trials table; a click on a header sorts by that column (again: the other direction). */
function trialsTable(trials: TrialOut[], parameters: string[]): HTMLElement {
  const columns: [string, (t: TrialOut) => unknown][] = [
    ["#", (t) => t.number],
    ...parameters.map((p): [string, (t: TrialOut) => unknown] => [p, (t) => t.parameters[p]]),
    ["objective", (t) => t.value],
    ...METRICS.map((m): [string, (t: TrialOut) => unknown] => [m, (t) => t.metrics[m]]),
    ["feasible", (t) => (t.feasible ? "yes" : "no")],
  ];
  let sortBy = 0;
  let descending = false;
  const body = h("tbody");
  const head = h("tr");
  const compare = (a: unknown, b: unknown) => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1; // missing values last either way
    if (b === null || b === undefined) return -1;
    const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
    return descending ? -order : order;
  };
  const draw = () => {
    const value = columns[sortBy]?.[1] ?? (() => null);
    const rows = [...trials].sort((a, b) => compare(value(a), value(b)));
    replace(
      head,
      columns.map(([name], i) =>
        h(
          "th.sortable",
          {
            "aria-sort": i === sortBy ? (descending ? "descending" : "ascending") : "none",
            on: {
              click: () => {
                descending = i === sortBy ? !descending : false;
                sortBy = i;
                draw();
              },
            },
          },
          name,
          i === sortBy ? (descending ? " ▼" : " ▲") : "",
        ),
      ),
    );
    replace(body, rows.map((t) => h("tr", null, columns.map(([, cell]) => h("td", null, fmt(cell(t), 3))))));
  };
  draw();
  return h("table", { "data-testid": "trials" }, h("thead", null, head), body);
}

async function results(slot: HTMLElement, run: OptimizationOut): Promise<void> {
  const { data } = await OptimizationService.listOptimizationTrials({ path: { run_id: run.id }, query: { limit: 500 } });
  const trials = data.items;
  const parameters = Object.keys(run.parameter_ranges);
  const numeric = parameters.filter((p) => trials.some((t) => typeof t.parameters[p] === "number"));
  const mapSlot = h("div");
  const axis = (name: string, selected: string | undefined) =>
    h("select", { name }, numeric.map((p) => h("option", { value: p, selected: p === selected }, p))) as HTMLSelectElement;
  const x = axis("x", numeric[0]);
  const y = axis("y", numeric[1] ?? numeric[0]);
  const drawMap = () => replace(mapSlot, heatMap(trials, x.value, y.value, run.maximize));
  x.addEventListener("change", drawMap);
  y.addEventListener("change", drawMap);
  replace(
    slot,
    h(
      "dl.kpis",
      { "data-testid": "best" },
      h("div.kpi", null, h("dt", null, `best ${run.objective.replace(/_/g, " ")}`), h("dd", null, fmt(run.best_value, 3))),
      h("div.kpi", null, h("dt", null, "best parameters"), h("dd", null, params(run.best_parameters))),
      h("div.kpi", null, h("dt", null, "deflated Sharpe"), h("dd", null, fmt(run.deflated_sharpe, 3))),
    ),
    numeric.length >= 2
      ? h("section", null, h("h2", null, "Heat map"), h("form.inline", null, field("Columns", x), field("Rows", y)), mapSlot)
      : h("p.muted", null, "The heat map needs two numeric parameters."),
    h("section", null, h("h2", null, `Trials (${data.total})`), trialsTable(trials, parameters)),
  );
  if (numeric.length >= 2) drawMap();
}

export async function optimizationView(root: HTMLElement, params: Record<string, string>): Promise<() => void> {
  const id = params.id ?? "";
  let open = true;
  let { data: run } = await OptimizationService.getOptimization({ path: { run_id: id } });
  const status = h("div");
  const slot = h("div");
  replace(
    root,
    h("h1", null, run.name),
    h("p.muted", null, `${run.method} search of ${run.strategy_type} on ${run.symbol} (${run.interval}), ${when(run.created_at)}`),
    status,
    slot,
  );
  const finish = async () => {
    replace(status, h("p", { "data-testid": "optimization-status", "data-status": run.status }, `Status: ${run.status}, ${run.trials_done} trials`));
    if (run.error) status.append(h("div.problem", { role: "alert" }, run.error));
    if (run.trials_done > 0) await results(slot, run);
  };
  if ((run.status === "pending" || run.status === "running") && run.task_id) {
    replace(status, progressBar(null));
    void attempt(status, async () => {
      const task = await followTask(run.task_id ?? "", (t) => replace(status, progressBar(t)), () => open);
      if (!task || !open) return;
      ({ data: run } = await OptimizationService.getOptimization({ path: { run_id: id } }));
      await finish();
    });
  } else {
    await finish();
  }
  return () => {
    open = false;
  };
}
