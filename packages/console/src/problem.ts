// Errors as the platform sends them (RFC 9457 problem+json): title, status, detail, type, instance,
// request id, the per-field errors and any extension member, all shown.
import type { FieldError, Problem } from "@quant-platform/client";

import { fmt, h } from "./dom";

const STANDARD = new Set(["type", "title", "status", "detail", "instance", "request_id", "errors"]);

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "title" in value && "status" in value;
}

export function problemView(error: unknown): HTMLElement {
  if (!isProblem(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return h("div.problem", { role: "alert" }, h("strong", null, "Request failed"), h("p", null, text));
  }
  const extra = Object.entries(error).filter(([key]) => !STANDARD.has(key));
  const errors: FieldError[] = error.errors ?? [];
  return h(
    "div.problem",
    { role: "alert", "data-status": error.status },
    h("strong.problem-title", null, `${error.status} ${error.title}`),
    error.detail ? h("p.problem-detail", null, error.detail) : null,
    errors.length
      ? h(
          "ul.problem-errors",
          null,
          errors.map((e) =>
            h("li", null, h("code", null, e.field), ": ", e.message, e.type ? h("span.muted", null, ` (${e.type})`) : null),
          ),
        )
      : null,
    h(
      "dl.problem-fields",
      null,
      [
        ["type", error.type],
        ["instance", error.instance],
        ["request id", error.request_id],
        ...extra,
      ]
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key, value]) => [h("dt", null, String(key)), h("dd", null, fmt(value))]),
    ),
  );
}

/** Run `action`; on failure show its problem in `slot` (cleared on success). */
export async function attempt<T>(slot: Element, action: () => Promise<T>): Promise<T | undefined> {
  slot.replaceChildren();
  try {
    return await action();
  } catch (error) {
    slot.replaceChildren(problemView(error));
    return undefined;
  }
}
