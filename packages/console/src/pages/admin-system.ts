import { AdminSystemService } from "@quant-platform/client";

import { fmt, h, replace, table, when } from "../dom";

export async function adminSystemView(root: HTMLElement): Promise<void> {
  const [{ data: overview }, { data: deadLetters }] = await Promise.all([
    AdminSystemService.systemOverview(),
    AdminSystemService.listDeadLetters(),
  ]);
  replace(
    root,
    h("h1", null, "System status"),
    h(
      "p",
      { "data-testid": "system-status", "data-status": overview.status },
      h("strong", null, overview.status), ` (${overview.mode} mode, version ${overview.version})`,
    ),
    h(
      "section",
      null,
      h("h2", null, "Services"),
      table(overview.services, {
        Service: (s) => s.name,
        Status: (s) => h("span", { class: `status-${s.status}` }, s.status),
        "Latency (ms)": (s) => fmt(s.latency_ms, 1),
        Version: (s) => s.version ?? "",
        Circuit: (s) => s.circuit ?? "",
        Detail: (s) => s.detail ?? "",
      }),
    ),
    h(
      "section",
      null,
      h("h2", null, `Dead letters (${deadLetters.length})`),
      table(deadLetters, {
        Handler: (d) => d.handler,
        Error: (d) => d.error,
        Deliveries: (d) => d.deliveries,
        "Failed at": (d) => when(d.failed_at),
      }, "No event failed its handler."),
    ),
  );
}
