// Two-parameter heat map of an optimization: one cell per (x, y) pair of values tried, colored by the
// objective (the best trial of the cell), from red (worst) to green (best).
import { fmt, h } from "./dom";

export interface Point {
  parameters: Record<string, unknown>;
  value?: number | null;
}

function color(share: number): string {
  const hue = Math.round(share * 120); // 0 red .. 120 green
  return `hsl(${hue}, 65%, 55%)`;
}

const sorted = (values: Set<number>) => [...values].sort((a, b) => a - b);

export function heatMap(points: Point[], x: string, y: string, maximize: boolean): HTMLElement {
  const cells = new Map<string, number>();
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const point of points) {
    const px = point.parameters[x];
    const py = point.parameters[y];
    if (typeof px !== "number" || typeof py !== "number" || typeof point.value !== "number") continue;
    if (!Number.isFinite(point.value)) continue;
    xs.add(px);
    ys.add(py);
    const key = `${px}|${py}`;
    const seen = cells.get(key);
    const better = seen === undefined || (maximize ? point.value > seen : point.value < seen);
    if (better) cells.set(key, point.value);
  }
  if (!cells.size) return h("p.empty", { "data-testid": "heatmap-empty" }, `No scored trials over ${x} and ${y}.`);
  const values = [...cells.values()];
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const share = (v: number) => {
    const s = high === low ? 1 : (v - low) / (high - low);
    return maximize ? s : 1 - s;
  };
  const columns = sorted(xs);
  return h(
    "figure.heatmap",
    { "data-testid": "heatmap" },
    h("figcaption", null, `Objective by ${x} (columns) and ${y} (rows); best trial per cell`),
    h(
      "table",
      null,
      h("thead", null, h("tr", null, h("th", null, `${y} \\ ${x}`), columns.map((c) => h("th", null, fmt(c))))),
      h(
        "tbody",
        null,
        sorted(ys)
          .reverse()
          .map((row) =>
            h(
              "tr",
              null,
              h("th", null, fmt(row)),
              columns.map((col) => {
                const v = cells.get(`${col}|${row}`);
                if (v === undefined) return h("td.blank");
                return h(
                  "td.cell",
                  { style: `background:${color(share(v))}`, title: `${x}=${col}, ${y}=${row}: ${fmt(v)}` },
                  fmt(v, 2),
                );
              }),
            ),
          ),
      ),
    ),
  );
}
