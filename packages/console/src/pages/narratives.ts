import { type NarrativeOut, NarrativesService } from "@quant-platform/client";

import { fmt, h, link, replace, table, when } from "../dom";
import { markdown } from "../markdown";

export async function narrativesView(root: HTMLElement): Promise<void> {
  const { data } = await NarrativesService.listNarratives({ query: { limit: 100 } });
  replace(
    root,
    h("h1", null, "Narratives"),
    table(
      data.items,
      {
        Narrative: (n) => link(`#/narratives/${n.id}`, when(n.created_at)),
        Of: (n) => (n.backtest_id ? link(`#/backtests/${n.backtest_id}`, n.backtest_id) : `paper run ${n.paper_run_id ?? ""}`),
        Status: (n) => n.status,
        Guard: (n) => (n.guard_passed === null ? "" : n.guard_passed ? "passed" : "failed"),
        Model: (n) => [n.provider, n.model].filter(Boolean).join(" / "),
      },
      "No narratives yet: ask for one on a completed backtest.",
    ),
  );
}

/** One narrative; while it is being written (pending), read again every second. */
export async function narrativeView(root: HTMLElement, params: Record<string, string>): Promise<() => void> {
  let open = true;
  const show = async (): Promise<void> => {
    const { data: n } = await NarrativesService.getNarrative({ path: { narrative_id: params.id ?? "" } });
    if (!open) return;
    render(root, n);
    if (n.status === "pending") setTimeout(() => open && void show().catch(() => undefined), 1000);
  };
  await show();
  return () => {
    open = false;
  };
}

function render(root: HTMLElement, n: NarrativeOut): void {
  replace(
    root,
    h("h1", null, "Narrative"),
    h(
      "p.muted",
      null,
      `${n.status}; `,
      n.backtest_id
        ? link(`#/backtests/${n.backtest_id}`, `backtest ${n.backtest_id}`)
        : `paper run ${n.paper_run_id ?? ""} against its backtest`,
      n.prompt_name ? `; prompt ${n.prompt_name} v${n.prompt_version}` : "",
      n.usage?.total_tokens ? `; ${n.usage.total_tokens} tokens` : "",
    ),
    n.text
      ? h("article", { "data-testid": "narrative" }, markdown(n.text))
      : h("p.empty", null, n.status === "pending" ? "Being written..." : "No verified text."),
    n.guard_violations.length
      ? h(
          "section",
          null,
          h("h2", null, "Guard violations"),
          h("ul", null, n.guard_violations.map((v) => h("li", null, fmt(v)))),
          n.unverified_text ? [h("h3", null, "Unverified text"), markdown(n.unverified_text)] : null,
        )
      : null,
    n.error ? h("div.problem", { role: "alert" }, n.error) : null,
  );
}
