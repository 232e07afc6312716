// What the Backtests views share: the parameter field's syntax, and how a request, its progress
// and a run's report read in a table. Figures come from the API as decimal strings or numbers and
// are rounded here for reading only.
import * as format from './format.js';

const NUMBER = /^-?\d+(\.\d+)?$/;

/** "fast=5,7 slow=20" -> {fast: [5, 7], slow: 20}: a comma list is a sweep over its values. */
export function parseParams(text) {
  const params = {};
  for (const pair of text.split(/[\s;]+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new Error(`"${pair}" is not name=value.`);
    const values = pair.slice(eq + 1).split(',').filter(Boolean).map((v) => (NUMBER.test(v) ? Number(v) : v));
    params[pair.slice(0, eq)] = values.length === 1 ? values[0] : values;
  }
  return params;
}

const list = (value) => (Array.isArray(value) ? value.join(', ') : String(value));

/** "sma-crossover 1.0.0, 1.1.0 (fast=5, 7; slow=20)" */
export function strategyText(strategy) {
  const params = Object.entries(strategy.params || {}).map(([k, v]) => `${k}=${list(v)}`).join('; ');
  return `${strategy.id} ${list(strategy.version)}${params ? ` (${params})` : ''}`;
}

export function progressText(progress) {
  if (!progress) return '—';
  const share = progress.candles ? Math.floor((100 * progress.candlesDone) / progress.candles) : 0;
  return `${progress.runsDone}/${progress.runs} runs, ${share}%`;
}

/** A run's parameters as "fast=7 slow=25". */
export const paramsText = (params) => Object.entries(params || {}).map(([k, v]) => `${k}=${v}`).join(' ');

/** The report's figures, in the order the docs define them: [label, key, kind]. */
export const METRICS = [
  ['Net PnL', 'netPnl', 'money'], ['Return %', 'returnPct', 'ratio'], ['Max drawdown', 'maxDrawdown', 'money'],
  ['Max drawdown %', 'maxDrawdownPct', 'ratio'], ['Sharpe', 'sharpe', 'ratio'], ['Sortino', 'sortino', 'ratio'],
  ['Trades', 'trades', 'count'], ['Win rate %', 'winRatePct', 'ratio'], ['Profit factor', 'profitFactor', 'ratio'],
  ['Fees', 'fees', 'money'], ['Exposure %', 'exposurePct', 'ratio'], ['Avg trade (min)', 'avgTradeMinutes', 'ratio'],
  ['Buy and hold %', 'buyAndHoldReturnPct', 'ratio'], ['Orders', 'orders', 'count'], ['Fills', 'fills', 'count'],
  ['Candles', 'candles', 'count'],
];

export function metricText(report, key, kind) {
  const value = report ? report[key] : null;
  if (value === null || value === undefined) return '—';
  if (kind === 'money') return format.money(value);
  if (kind === 'ratio') return format.money(value, 2);
  return String(value);
}

/** Sorts runs by a metric (numbers compared as numbers), then by n. */
export function byMetric(key, dir) {
  return (a, b) => {
    const x = key === 'n' ? a.n : Number(a.report ? a.report[key] : NaN);
    const y = key === 'n' ? b.n : Number(b.report ? b.report[key] : NaN);
    const left = Number.isFinite(x) ? x : -Infinity;
    const right = Number.isFinite(y) ? y : -Infinity;
    return left === right ? a.n - b.n : (left < right ? -dir : dir);
  };
}
