// Live progress of a background task (backtest, optimization): GET /tasks/{id} every half second until
// it is completed, failed or cancelled, or until the page is left.
import { SystemService, type TaskOut } from "@quant-platform/client";

import { h, pct } from "./dom";

const FINAL = new Set(["completed", "failed", "cancelled"]);

export function progressBar(task: TaskOut | null): HTMLElement {
  const share = task?.progress ?? 0;
  return h(
    "div.progress",
    { "data-testid": "progress", "data-status": task?.status ?? "pending" },
    h("progress", { max: 1, value: share }),
    h("span", null, `${task?.status ?? "pending"} ${pct(share)}${task?.message ? `: ${task.message}` : ""}`),
  );
}

/** Poll the task, calling `update` on every answer; resolves with the final task (or null if left). */
export async function followTask(
  taskId: string,
  update: (task: TaskOut) => void,
  alive: () => boolean,
): Promise<TaskOut | null> {
  while (alive()) {
    const { data } = await SystemService.getTask({ path: { task_id: taskId } });
    update(data);
    if (FINAL.has(data.status)) return data;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}
