// The bot view's two charts (uPlot, from its WebJar): recent closes with entry and exit markers
// from the fills, and the equity curve. Each is a figure with a caption saying what it shows;
// the same numbers are in the tables beside them for readers who cannot see the chart.
import uPlot from '../lib/uplot/uPlot.esm.js';
import { equityCurve, intervalMs } from './pnl.js';

const HEIGHT = 240;

function markers(label, color) {
  return {
    label, stroke: color, fill: color, paths: () => null,
    points: { show: true, size: 10, width: 2, stroke: color, fill: color },
  };
}

/** One fill per candle (the last one wins): the marker sits at its price on that candle. */
function markerSeries(candles, fills, side) {
  const values = candles.map(() => null);
  if (candles.length === 0) return values;
  const step = intervalMs(candles[0].interval);
  const first = Date.parse(candles[0].openTime);
  for (const fill of fills) {
    if (fill.side !== side) continue;
    const index = Math.floor((Date.parse(fill.time) - first) / step);
    if (index >= 0 && index < candles.length) values[index] = Number(fill.price);
  }
  return values;
}

export function priceChart(host) {
  const plot = new uPlot({
    width: Math.max(320, host.clientWidth), height: HEIGHT,
    series: [{}, { label: 'Close', stroke: '#1f4e8c', width: 1.5 }, markers('Buy (entry)', '#0a7d32'), markers('Sell (exit)', '#b3261e')],
    axes: [{}, { size: 70 }],
  }, [[], [], [], []], host);
  return {
    set(candles, fills) {
      plot.setData([
        candles.map((c) => Date.parse(c.openTime) / 1000),
        candles.map((c) => Number(c.close)),
        markerSeries(candles, fills, 'BUY'),
        markerSeries(candles, fills, 'SELL'),
      ]);
    },
    destroy: () => plot.destroy(),
  };
}

export function equityChart(host) {
  const plot = new uPlot({
    width: Math.max(320, host.clientWidth), height: HEIGHT,
    series: [{}, { label: 'PnL', stroke: '#6a3d9a', width: 1.5, fill: 'rgba(106,61,154,0.08)' }],
    axes: [{}, { size: 70 }],
  }, [[], []], host);
  return {
    set(candles, fills) {
      const { times, pnl } = equityCurve(candles, fills);
      plot.setData([times, pnl]);
    },
    destroy: () => plot.destroy(),
  };
}

/** Index of the first point at or after `time` (points sorted by time), or -1. */
function pointAt(times, time) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < time) lo = mid + 1; else hi = mid;
  }
  return lo < times.length ? lo : -1;
}

/** A value over time (a backtest's equity) with markers on it at entry and exit times. */
export function curveChart(host, label) {
  const plot = new uPlot({
    width: Math.max(320, host.clientWidth), height: HEIGHT,
    series: [{}, { label, stroke: '#6a3d9a', width: 1.5 }, markers('Entry', '#0a7d32'), markers('Exit', '#b3261e')],
    axes: [{}, { size: 80 }],
  }, [[], [], [], []], host);
  const onCurve = (times, values, at) => {
    const marked = times.map(() => null);
    for (const time of at) {
      const i = pointAt(times, time);
      if (i >= 0) marked[i] = values[i];
    }
    return marked;
  };
  return {
    set(times, values, entries, exits) {
      plot.setData([times, values, onCurve(times, values, entries), onCurve(times, values, exits)]);
    },
    destroy: () => plot.destroy(),
  };
}
