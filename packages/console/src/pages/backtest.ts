import { type BacktestDetail, BacktestsService, NarrativesService } from "@quant-platform/client";

import { drawdownChart, equityChart } from "../charts";
import { fmt, h, link, pct, replace, table, when } from "../dom";
import { attempt } from "../problem";
import { followTask, progressBar } from "../tasks";

// KPIs that are fractions, shown as percentages.
const RATIOS = new Set([
  "total_return",
  "annualized_return",
  "annualized_volatility",
  "max_drawdown",
  "win_rate",
  "exposure_time",
  "buy_and_hold_return",
  "avg_trade_return",
  "best_trade_return",
  "worst_trade_return",
  "return_ci_low",
  "return_ci_high",
]);

function kpis(metrics: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(metrics).filter(([, v]) => typeof v === "number" || typeof v === "string");
  return h(
    "dl.kpis",
    { "data-testid": "kpis" },
    entries.map(([name, value]) =>
      h("div.kpi", null, h("dt", null, name.replace(/_/g, " ")), h("dd", null, RATIOS.has(name) ? pct(value) : fmt(value, 3))),
    ),
  );
}

async function results(slot: HTMLElement, backtest: BacktestDetail): Promise<() => void> {
  const [{ data: equity }, { data: trades }, { data: narratives }] = await Promise.all([
    BacktestsService.getBacktestEquity({ path: { backtest_id: backtest.id } }),
    BacktestsService.listBacktestTrades({ path: { backtest_id: backtest.id }, query: { limit: 500 } }),
    NarrativesService.listNarratives({ query: { backtest_id: backtest.id } }),
  ]);
  const [equityEl, removeEquity] = equityChart(equity.timestamp, equity.equity);
  const [drawdownEl, removeDrawdown] = drawdownChart(equity.timestamp, equity.drawdown);
  const narrativeErrors = h("div");
  const writeNarrative = async () => {
    const created = await attempt(narrativeErrors, () => NarrativesService.createNarrative({ body: { backtest_id: backtest.id } }));
    if (created) location.hash = `#/narratives/${created.data.id}`;
  };
  replace(
    slot,
    h("h2", null, "Key figures"),
    kpis(backtest.metrics ?? {}),
    h("div.charts", null, equityEl, drawdownEl),
    h(
      "section",
      null,
      h("h2", null, "Narratives"),
      narratives.items.map((n) => h("p", null, link(`#/narratives/${n.id}`, `${n.status}, ${when(n.created_at)}`))),
      h("button", { type: "button", on: { click: () => void writeNarrative() } }, "Write a narrative"),
      narrativeErrors,
    ),
    h(
      "section",
      { "data-testid": "trades" },
      h("h2", null, `Trades (${trades.total})`),
      table(trades.items, {
        Symbol: (t) => t.symbol,
        Side: (t) => t.side ?? "",
        Entry: (t) => when(t.entry_time),
        "Entry price": (t) => fmt(t.entry_price, 2),
        Exit: (t) => when(t.exit_time),
        "Exit price": (t) => fmt(t.exit_price, 2),
        Size: (t) => fmt(t.size, 4),
        PnL: (t) => fmt(t.pnl, 2),
        Return: (t) => pct(t.return_pct),
        "Exit reason": (t) => t.exit_reason ?? "",
      }, "No trades."),
    ),
  );
  return () => {
    removeEquity();
    removeDrawdown();
  };
}

export async function backtestView(root: HTMLElement, params: Record<string, string>): Promise<() => void> {
  const id = params.id ?? "";
  let open = true;
  let dispose = () => {};
  let { data: backtest } = await BacktestsService.getBacktest({ path: { backtest_id: id } });
  const status = h("div");
  const slot = h("div");
  replace(
    root,
    h("h1", null, backtest.name),
    h("p.muted", null, `${backtest.strategy_type} on ${backtest.symbols.join(", ")} (${backtest.interval}), ${when(backtest.created_at)}`),
    status,
    slot,
  );
  const finish = async () => {
    replace(status, h("p", { "data-testid": "backtest-status", "data-status": backtest.status }, `Status: ${backtest.status}`));
    if (backtest.status === "completed") {
      const remove = await results(slot, backtest);
      if (open) dispose = remove;
      else remove(); // the page was left while the results loaded
    }
    else if (backtest.error) slot.append(h("div.problem", { role: "alert" }, backtest.error));
  };
  if ((backtest.status === "pending" || backtest.status === "running") && backtest.task_id) {
    replace(status, progressBar(null));
    void attempt(status, async () => {
      const task = await followTask(backtest.task_id ?? "", (t) => replace(status, progressBar(t)), () => open);
      if (!task || !open) return;
      ({ data: backtest } = await BacktestsService.getBacktest({ path: { backtest_id: id } }));
      await finish();
    });
  } else {
    await finish();
  }
  return () => {
    open = false;
    dispose();
  };
}
