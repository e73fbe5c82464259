// Time-series charts (TradingView's lightweight-charts): prices as candles with volume, equity as a
// line, drawdown as an area. Timestamps from the API are epoch milliseconds.
import {
  AreaSeries,
  CandlestickSeries,
  createChart,
  HistogramSeries,
  type IChartApi,
  LineSeries,
  type UTCTimestamp,
} from "lightweight-charts";

import { h } from "./dom";

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/** Points in strictly ascending time, as the library requires (a repeated second keeps the last). */
function ascending<T extends { time: UTCTimestamp }>(points: T[]): T[] {
  const out: T[] = [];
  for (const point of points) {
    const last = out[out.length - 1];
    if (last && point.time <= last.time) {
      if (point.time === last.time) out[out.length - 1] = point;
      continue;
    }
    out.push(point);
  }
  return out;
}

function chartIn(container: HTMLElement): IChartApi {
  return createChart(container, {
    autoSize: true,
    layout: { background: { color: "#ffffff" }, textColor: "#1f2933" },
    grid: { vertLines: { color: "#eef1f4" }, horzLines: { color: "#eef1f4" } },
    timeScale: { timeVisible: false, borderColor: "#d0d7de" },
    rightPriceScale: { borderColor: "#d0d7de" },
  });
}

/** A chart box; `draw` fills it once it is in the page. Returns the box and a dispose function. */
function box(testid: string, title: string, draw: (chart: IChartApi) => void): [HTMLElement, () => void] {
  const area = h("div.chart-area");
  const el = h("figure.chart", { "data-testid": testid }, h("figcaption", null, title), area);
  const chart = chartIn(area);
  draw(chart);
  chart.timeScale().fitContent();
  return [el, () => chart.remove()];
}

export interface Bars {
  timestamp: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export function priceChart(title: string, bars: Bars): [HTMLElement, () => void] {
  return box("price-chart", title, (chart) => {
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: "#1a7f37",
      downColor: "#cf222e",
      wickUpColor: "#1a7f37",
      wickDownColor: "#cf222e",
      borderVisible: false,
    });
    candles.setData(ascending(
      bars.timestamp.map((t, i) => ({
        time: seconds(t),
        open: bars.open[i] ?? 0,
        high: bars.high[i] ?? 0,
        low: bars.low[i] ?? 0,
        close: bars.close[i] ?? 0,
      })),
    ));
    const volume = chart.addSeries(HistogramSeries, { priceScaleId: "volume", color: "#8c959f" });
    chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    volume.setData(ascending(bars.timestamp.map((t, i) => ({ time: seconds(t), value: bars.volume[i] ?? 0 }))));
  });
}

export function equityChart(timestamp: number[], equity: number[]): [HTMLElement, () => void] {
  return box("equity-chart", "Equity", (chart) => {
    chart
      .addSeries(LineSeries, { color: "#0969da", lineWidth: 2 })
      .setData(ascending(timestamp.map((t, i) => ({ time: seconds(t), value: equity[i] ?? 0 }))));
  });
}

export function drawdownChart(timestamp: number[], drawdown: number[]): [HTMLElement, () => void] {
  return box("drawdown-chart", "Drawdown (%)", (chart) => {
    chart
      .addSeries(AreaSeries, {
        lineColor: "#cf222e",
        topColor: "rgba(207, 34, 46, 0.05)",
        bottomColor: "rgba(207, 34, 46, 0.4)",
        invertFilledArea: true,
      })
      .setData(ascending(timestamp.map((t, i) => ({ time: seconds(t), value: (drawdown[i] ?? 0) * 100 }))));
  });
}
