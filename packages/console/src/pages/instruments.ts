import { type DataInterval, MarketDataService } from "@quant-platform/client";

import { priceChart } from "../charts";
import { field, h, link, replace, table } from "../dom";
import { attempt } from "../problem";

export async function instrumentsView(root: HTMLElement): Promise<void> {
  const query = h("input", { type: "search", name: "q", placeholder: "Symbol or name" }) as HTMLInputElement;
  const list = h("div");
  const errors = h("div");
  const load = async () => {
    const result = await attempt(errors, () =>
      MarketDataService.listInstruments({ query: { q: query.value || null, limit: 100 } }),
    );
    if (!result) return;
    replace(
      list,
      table(result.data.items, {
        Symbol: (i) => link(`#/instruments/${encodeURIComponent(i.symbol)}`, i.symbol),
        Name: (i) => i.name,
        Class: (i) => i.asset_class,
        Exchange: (i) => i.exchange ?? "",
        Currency: (i) => i.currency,
        Sector: (i) => i.sector ?? "",
      }),
    );
  };
  const search = (event: Event) => {
    event.preventDefault();
    void load();
  };
  replace(
    root,
    h("h1", null, "Instruments"),
    h("form.inline", { on: { submit: search } }, query, h("button", { type: "submit" }, "Search")),
    errors,
    list,
  );
  await load();
}

const INTERVALS: DataInterval[] = ["1d", "1w", "1h", "15m", "5m", "1m"];

export async function instrumentView(root: HTMLElement, params: Record<string, string>): Promise<() => void> {
  const symbol = params.symbol ?? "";
  const errors = h("div");
  const chartSlot = h("div");
  const interval = h("select", { name: "interval" }, INTERVALS.map((i) => h("option", { value: i }, i))) as HTMLSelectElement;
  let dispose = () => {};
  const { data: instrument } = await MarketDataService.getOneInstrument({ path: { symbol } });
  const draw = async () => {
    dispose();
    dispose = () => {};
    chartSlot.replaceChildren();
    const result = await attempt(errors, () =>
      MarketDataService.columnarBars({ path: { symbol }, query: { interval: interval.value as DataInterval } }),
    );
    if (!result) return;
    if (!result.data.count) {
      replace(chartSlot, h("p.empty", null, `No ${interval.value} bars for ${symbol}.`));
      return;
    }
    const [el, remove] = priceChart(`${symbol} ${interval.value} (${result.data.count} bars)`, result.data);
    dispose = remove;
    replace(chartSlot, el);
  };
  interval.addEventListener("change", () => void draw());
  replace(
    root,
    h("h1", null, `${instrument.symbol}: ${instrument.name}`),
    h(
      "p.muted",
      null,
      [instrument.asset_class, instrument.exchange, instrument.currency, instrument.sector].filter(Boolean).join(" · "),
    ),
    h("form.inline", null, field("Interval", interval)),
    errors,
    chartSlot,
  );
  await draw();
  return () => dispose();
}
