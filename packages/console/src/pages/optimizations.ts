import {
  type DataInterval,
  type OptimizationCreate,
  type OptimizationMethod,
  OptimizationService,
  StrategiesService,
  type StrategyType,
} from "@quant-platform/client";

import { field, fmt, h, link, params, replace, table, when } from "../dom";
import { attempt } from "../problem";
import { go } from "../router";

const TYPES: StrategyType[] = ["sma_crossover", "ema_crossover", "rsi_mean_reversion", "bollinger_breakout", "macd", "momentum"];
const OBJECTIVES = ["sharpe_ratio", "total_return", "sortino_ratio", "calmar_ratio", "max_drawdown"];

export async function optimizationsView(root: HTMLElement): Promise<void> {
  const errors = h("div");
  const [{ data: strategies }, { data: runs }] = await Promise.all([
    StrategiesService.listStrategies({ query: { limit: 200 } }),
    OptimizationService.listOptimizations({ query: { limit: 50 } }),
  ]);
  const strategy = h(
    "select",
    { name: "strategy" },
    h("optgroup", { label: "Built-in, template ranges" }, TYPES.map((t) => h("option", { value: `type:${t}` }, t))),
    strategies.items.length ? h("optgroup", { label: "Your strategies" }, strategies.items.map((s) => h("option", { value: `id:${s.id}` }, s.name))) : null,
  ) as HTMLSelectElement;
  const symbol = h("input", { name: "symbol", required: true, value: "AAPL" }) as HTMLInputElement;
  const interval = h("select", { name: "interval" }, ["1d", "1w", "1h"].map((i) => h("option", { value: i }, i))) as HTMLSelectElement;
  const method = h("select", { name: "method" }, ["random", "bayesian", "grid"].map((m) => h("option", { value: m }, m))) as HTMLSelectElement;
  const objective = h("select", { name: "objective" }, OBJECTIVES.map((o) => h("option", { value: o }, o))) as HTMLSelectElement;
  const trials = h("input", { name: "max_trials", type: "number", value: 30, min: 1 }) as HTMLInputElement;
  const ranges = h("textarea", {
    name: "parameter_ranges",
    rows: 3,
    placeholder: '{"fast": {"low": 5, "high": 20, "step": 5, "integer": true}, "slow": {"low": 30, "high": 60, "step": 10, "integer": true}}',
  }) as HTMLTextAreaElement;

  const submit = async (event: Event) => {
    event.preventDefault();
    const [kind, value] = strategy.value.split(/:(.*)/s) as [string, string];
    const accepted = await attempt(errors, () => {
      const body: OptimizationCreate = {
        ...(kind === "id" ? { strategy_id: value } : { strategy_type: value as StrategyType }),
        symbol: symbol.value.trim(),
        interval: interval.value as DataInterval,
        method: method.value as OptimizationMethod,
        objective: objective.value,
        max_trials: Number(trials.value),
        parameter_ranges: ranges.value.trim() ? JSON.parse(ranges.value) : null,
      };
      return OptimizationService.createOptimization({ body });
    });
    if (accepted?.data.resource_id) go(`/optimizations/${accepted.data.resource_id}`);
  };

  replace(
    root,
    h("h1", null, "Optimization runs"),
    h(
      "form.card",
      { on: { submit }, "data-testid": "new-optimization" },
      h("h2", null, "Start an optimization"),
      h(
        "div.row",
        null,
        field("Strategy", strategy),
        field("Symbol", symbol),
        field("Interval", interval),
        field("Method", method),
        field("Objective", objective),
        field("Max trials", trials),
      ),
      field("Parameter ranges (JSON, empty: the template's)", ranges),
      h("button", { type: "submit" }, "Start"),
      errors,
    ),
    h(
      "section",
      null,
      h("h2", null, "Your runs"),
      table(runs.items, {
        Name: (r) => link(`#/optimizations/${r.id}`, r.name),
        Symbol: (r) => r.symbol,
        Method: (r) => r.method,
        Objective: (r) => `${r.maximize ? "max" : "min"} ${r.objective}`,
        Status: (r) => r.status,
        Trials: (r) => `${r.trials_done}/${r.max_trials}`,
        Best: (r) => fmt(r.best_value, 3),
        "Best parameters": (r) => params(r.best_parameters),
        Created: (r) => when(r.created_at),
      }),
    ),
  );
}
