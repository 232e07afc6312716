// The fleet table's columns and rows: a row is built once per bot shown and then only its
// changed cells are rewritten.
import { h, setText } from './dom.js';
import * as format from './format.js';
import * as lifecycle from './lifecycle.js';

/** The columns: header, cell text, and the value sorted by. */
export const COLUMNS = [
  { key: 'id', title: 'Bot', sort: (b) => b.id },
  { key: 'state', title: 'State', text: (b) => b.state, sort: (b) => b.state },
  // cluster mode only (the table shows it once a bot has a node): where the bot runs
  { key: 'node', title: 'Node', text: (b) => b.node || '', sort: (b) => b.node || '' },
  { key: 'strategy', title: 'Strategy', text: format.strategy, sort: format.strategy },
  { key: 'symbol', title: 'Symbol', text: (b) => `${b.symbol} ${b.interval}`, sort: (b) => b.symbol },
  { key: 'position', title: 'Position', num: true, text: (b) => format.qty(b.position.qty), sort: (b) => format.numeric(b.position.qty) },
  { key: 'realized', title: 'Realized PnL', num: true, text: (b) => format.money(b.position.realizedPnl), sort: (b) => format.numeric(b.position.realizedPnl) },
  { key: 'unrealized', title: 'Unrealized PnL', num: true, text: (b) => format.money(b.position.unrealizedPnl), sort: (b) => format.numeric(b.position.unrealizedPnl) },
  { key: 'candles', title: 'Candles', num: true, text: (b) => b.counters.candles, sort: (b) => b.counters.candles },
  { key: 'error', title: 'Last error', text: (b) => format.text(b.lastError), sort: (b) => b.lastError || '' },
];

/** Compares two bots by a column, then by id; `dir` 1 or -1. */
export function comparator(key, dir) {
  const column = COLUMNS.find((c) => c.key === key);
  return (a, b) => {
    const x = column.sort(a);
    const y = column.sort(b);
    return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * dir;
  };
}

/** A new row for `bot`: {tr, cells, verbs}. */
export function createRow(bot) {
  const cells = {};
  const tds = COLUMNS.map((c) => {
    const td = c.key === 'id'
      ? h('th', { scope: 'row' }, h('a', { href: `#/bots/${encodeURIComponent(bot.id)}` }, bot.id))
      : h('td', { class: c.num ? 'num' : null, dataset: { col: c.key } });
    cells[c.key] = td;
    return td;
  });
  const verbs = lifecycle.buttons(bot);
  const row = { tr: h('tr', { dataset: { bot: bot.id } }, tds, h('td', {}, verbs)), cells, verbs };
  fillRow(row, bot);
  return row;
}

/** Rewrites the cells whose text changed. */
export function fillRow(row, bot) {
  for (const c of COLUMNS) {
    if (c.text) setText(row.cells[c.key], c.text(bot));
  }
  const error = bot.lastError || '';
  if (row.cells.error.title !== error) row.cells.error.title = error; // the cell may cut it short
  if (row.cells.state.dataset.state !== bot.state) row.cells.state.dataset.state = bot.state;
  lifecycle.update(row.verbs, bot.state);
}
