import {
  BacktestsService,
  SignalsService,
  SystemService,
  type TaskOut,
  WatchlistsService,
} from "@quant-platform/client";

import { field, fmt, h, link, pct, replace, table, when } from "../dom";
import { attempt } from "../problem";
import { progressBar } from "../tasks";

export async function dashboardView(root: HTMLElement): Promise<() => void> {
  const watchlists = h("section", { "data-testid": "watchlists" });
  const backtests = h("section", { "data-testid": "recent-backtests" });
  const tasks = h("section", { "data-testid": "running-tasks" });
  const paper = h("section", { "data-testid": "paper-runs" });
  replace(root, h("h1", null, "Dashboard"), h("div.grid", null, watchlists, backtests), paper, tasks);

  await Promise.all([
    loadWatchlists(watchlists),
    attempt(paper, async () => {
      const { data } = await SignalsService.listPaperRuns({ query: { status: "running", limit: 5 } });
      const runs = await Promise.all(
        data.items.map(async (r) => (await SignalsService.getPaperRun({ path: { run_id: r.id } })).data),
      );
      replace(
        paper,
        h("h2", null, "Running paper runs"),
        table(
          runs,
          {
            Name: (r) => r.name,
            Symbols: (r) => r.symbols.join(", "),
            Equity: (r) => fmt(r.equity, 2),
            "P&L": (r) => fmt(r.pnl, 2),
            Since: (r) => when(r.start),
          },
          "No paper run is running.",
        ),
      );
    }),
    attempt(backtests, async () => {
      const { data } = await BacktestsService.listBacktests({ query: { limit: 10 } });
      replace(
        backtests,
        h("h2", null, "Recent backtests"),
        table(data.items, {
          Name: (b) => link(`#/backtests/${b.id}`, b.name),
          Symbols: (b) => b.symbols.join(", "),
          Status: (b) => b.status,
          Return: (b) => pct(b.metrics?.total_return),
          Sharpe: (b) => fmt(b.metrics?.sharpe_ratio, 2),
          Created: (b) => when(b.created_at),
        }),
      );
    }),
  ]);

  // Running and queued tasks, refreshed every two seconds while the dashboard is open.
  let open = true;
  const taskErrors = h("div");
  const taskList = h("div");
  replace(tasks, h("h2", null, "Running tasks"), taskErrors, taskList);
  const refresh = async () => {
    const result = await attempt(taskErrors, async () => {
      const [running, pending] = await Promise.all([
        SystemService.listTasks({ query: { status: "running", limit: 20 } }),
        SystemService.listTasks({ query: { status: "pending", limit: 20 } }),
      ]);
      return [...running.data.items, ...pending.data.items];
    });
    if (!open) return;
    if (result) {
      replace(
        taskList,
        table(
          result,
          {
            Kind: (t: TaskOut) => t.kind,
            Domain: (t) => t.domain,
            Progress: (t) => progressBar(t),
            Started: (t) => when(t.started_at ?? t.created_at),
          },
          "No task is running.",
        ),
      );
    }
    setTimeout(() => open && void refresh(), 2000);
  };
  await refresh();
  return () => {
    open = false;
  };
}

async function loadWatchlists(slot: HTMLElement): Promise<void> {
  const errors = h("div");
  const name = h("input", { name: "watchlist", required: true, placeholder: "Name" }) as HTMLInputElement;
  const symbols = h("input", { name: "watchlist-symbols", placeholder: "AAPL, MSFT" }) as HTMLInputElement;
  const create = async (event: Event) => {
    event.preventDefault();
    const items = symbols.value.split(/[\s,]+/).filter(Boolean).map((symbol) => ({ symbol: symbol.toUpperCase() }));
    if (await attempt(errors, () => WatchlistsService.createWatchlist({ body: { name: name.value, items } }))) {
      await loadWatchlists(slot);
    }
  };
  await attempt(slot, async () => {
    const { data } = await WatchlistsService.listWatchlists();
    replace(
      slot,
      h("h2", null, "Watchlists"),
      data.length
        ? data.map((w) =>
            h(
              "div.watchlist",
              null,
              h("h3", null, w.name),
              h("p", null, w.items.map((item) => [link(`#/instruments/${encodeURIComponent(item.symbol)}`, item.symbol), " "])),
            ),
          )
        : h("p.empty", null, "No watchlists yet."),
      h(
        "form.inline",
        { on: { submit: create } },
        field("New watchlist", name),
        field("Symbols", symbols),
        h("button", { type: "submit" }, "Add"),
      ),
      errors,
    );
  });
}
