import {
  type BacktestCreate,
  BacktestsService,
  type DataInterval,
  StrategiesService,
  type StrategyType,
} from "@quant-platform/client";

import { field, fmt, h, link, pct, replace, table, when } from "../dom";
import { attempt } from "../problem";
import { go } from "../router";

const TYPES: StrategyType[] = [
  "sma_crossover",
  "ema_crossover",
  "rsi_mean_reversion",
  "bollinger_breakout",
  "macd",
  "momentum",
  "buy_and_hold",
];
const INTERVALS: DataInterval[] = ["1d", "1w", "1h", "15m", "5m", "1m"];

export async function backtestsView(root: HTMLElement): Promise<void> {
  const errors = h("div");
  const [{ data: strategies }, { data: backtests }] = await Promise.all([
    StrategiesService.listStrategies({ query: { limit: 200 } }),
    BacktestsService.listBacktests({ query: { limit: 50 } }),
  ]);
  const strategy = h(
    "select",
    { name: "strategy", required: true },
    strategies.items.length ? h("optgroup", { label: "Your strategies" }, strategies.items.map((s) => h("option", { value: `id:${s.id}` }, s.name))) : null,
    h("optgroup", { label: "Built-in, default parameters" }, TYPES.map((t) => h("option", { value: `type:${t}` }, t))),
  ) as HTMLSelectElement;
  const symbols = h("input", { name: "symbols", required: true, value: "AAPL" }) as HTMLInputElement;
  const interval = h("select", { name: "interval" }, INTERVALS.map((i) => h("option", { value: i }, i))) as HTMLSelectElement;
  const cash = h("input", { name: "initial_cash", type: "number", value: 100000, min: 1, step: "any" }) as HTMLInputElement;
  const commission = h("input", { name: "commission", type: "number", value: 0.001, min: 0, step: "any" }) as HTMLInputElement;
  const narrative = h("input", { name: "generate_narrative", type: "checkbox" }) as HTMLInputElement;

  const submit = async (event: Event) => {
    event.preventDefault();
    const [kind, value] = strategy.value.split(/:(.*)/s) as [string, string];
    const body: BacktestCreate = {
      ...(kind === "id" ? { strategy_id: value } : { strategy_type: value as StrategyType }),
      symbols: symbols.value.split(/[\s,]+/).filter(Boolean),
      interval: interval.value as DataInterval,
      config: { initial_cash: Number(cash.value), commission: Number(commission.value) },
      generate_narrative: narrative.checked,
    };
    const accepted = await attempt(errors, () => BacktestsService.createBacktest({ body }));
    if (accepted?.data.resource_id) go(`/backtests/${accepted.data.resource_id}`);
  };

  replace(
    root,
    h("h1", null, "Backtests"),
    h(
      "form.card",
      { on: { submit }, "data-testid": "new-backtest" },
      h("h2", null, "Submit a backtest"),
      h(
        "div.row",
        null,
        field("Strategy", strategy),
        field("Symbols", symbols),
        field("Interval", interval),
        field("Initial cash", cash),
        field("Commission (fraction)", commission),
      ),
      h("label.check", null, narrative, "Write a narrative when it completes"),
      h("button", { type: "submit" }, "Run backtest"),
      errors,
    ),
    h(
      "section",
      null,
      h("h2", null, "Your backtests"),
      table(backtests.items, {
        Name: (b) => link(`#/backtests/${b.id}`, b.name),
        Symbols: (b) => b.symbols.join(", "),
        Interval: (b) => b.interval,
        Status: (b) => b.status,
        Return: (b) => pct(b.metrics?.total_return),
        Sharpe: (b) => fmt(b.metrics?.sharpe_ratio, 2),
        "Max drawdown": (b) => pct(b.metrics?.max_drawdown),
        Created: (b) => when(b.created_at),
      }),
    ),
  );
}
