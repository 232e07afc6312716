// Fleet view: every bot, filtered, sorted and shown a page at a time, kept current by `bot`
// stream events (no polling). Events are applied in batches; only the rows of the page shown
// are in the document, so a fleet of thousands loads and updates as fast as one of a hundred.
import { api } from './api.js';
import { h, setText } from './dom.js';
import * as format from './format.js';
import { COLUMNS, comparator, createRow, fillRow } from './fleetrows.js';
import { haltControls } from './halt.js';
import * as lifecycle from './lifecycle.js';
import * as stream from './stream.js';

const STATES = ['CREATED', 'STARTING', 'RUNNING', 'PAUSED', 'STOPPING', 'STOPPED', 'SUSPENDED', 'FAILED'];
const PAGE_SIZES = [50, 100, 250, 1000];
// Events are applied this often (each batch costs one layout of the page), and live values
// re-order the page at most every REORDER_EVERY_MS, so rows do not jump under the pointer.
// Measured with 1,000 bots and 1,000 events/s: benchmarks/DashboardLoadDriver.
const FLUSH_EVERY_MS = 250;
const REORDER_EVERY_MS = 1000;

export function mount(main) {
  const bots = new Map(); // id -> BotStatus
  let rows = new Map(); // id -> {tr, cells, verbs}, for the rows of the page shown
  let shown = []; // ids of the page shown, in order
  const dirty = new Set();
  const view = { key: 'id', dir: 1, filter: '', state: '', page: 0, size: 100 };
  let timer = 0;
  let lastOrder = 0;

  const filterInput = h('input', { id: 'fleet-filter', type: 'search', placeholder: 'id, symbol, strategy…' });
  const stateSelect = h('select', { id: 'fleet-state' }, h('option', { value: '' }, 'All states'),
    STATES.map((s) => h('option', { value: s }, s)));
  const sizeSelect = h('select', { id: 'fleet-size' }, PAGE_SIZES.map((n) => h('option', { value: n, selected: n === view.size }, n)));
  const summary = h('p', { id: 'fleet-summary', class: 'summary' }, 'Loading the fleet…');
  const previous = h('button', { type: 'button', id: 'fleet-previous' }, 'Previous page');
  const next = h('button', { type: 'button', id: 'fleet-next' }, 'Next page');
  const pageInfo = h('span', { id: 'fleet-page' });
  const headers = COLUMNS.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, dataset: { col: c.key }, 'aria-sort': c.key === 'id' ? 'ascending' : 'none' },
    h('button', { type: 'button', class: 'sort', dataset: { sort: c.key } }, c.title)));
  const tbody = h('tbody');
  const table = h('table', { id: 'fleet', class: 'fleet' },
    h('caption', { class: 'visually-hidden' }, 'Bots of the fleet; column headers sort'),
    // fixed column widths: a changed cell never re-lays out the other rows
    h('colgroup', {}, COLUMNS.map((c) => h('col', { class: `col-${c.key}` })), h('col', { class: 'col-actions' })),
    h('thead', {}, h('tr', {}, headers, h('th', { scope: 'col' }, 'Actions'))), tbody);

  main.replaceChildren(
    h('h2', { tabindex: '-1' }, 'Fleet'),
    haltControls(),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'fleet-filter' }, 'Filter'), filterInput,
      h('label', { for: 'fleet-state' }, 'State'), stateSelect,
      h('label', { for: 'fleet-size' }, 'Rows per page'), sizeSelect),
    summary,
    h('div', { class: 'table-wrap' }, table),
    h('nav', { class: 'pager', 'aria-label': 'Fleet pages' }, previous, pageInfo, next));

  function matches(bot) {
    if (view.state && bot.state !== view.state) return false;
    if (!view.filter) return true;
    return `${bot.id} ${bot.symbol} ${format.strategy(bot)} ${bot.state}`.toLowerCase().includes(view.filter);
  }

  /** The bots that pass the filters, sorted; and the page of them to show. */
  function page() {
    const all = [...bots.values()].filter(matches).sort(comparator(view.key, view.dir));
    const pages = Math.max(1, Math.ceil(all.length / view.size));
    view.page = Math.min(view.page, pages - 1);
    const start = view.page * view.size;
    return { total: all.length, pages, start, ids: all.slice(start, start + view.size).map((b) => b.id) };
  }

  /** Shows the page: reuses the rows it has, builds the others, and updates the counts. */
  function render(force = false) {
    const p = page();
    const same = p.ids.length === shown.length && p.ids.every((id, i) => id === shown[i]);
    const sameMembers = p.ids.length === shown.length && p.ids.every((id) => rows.has(id));
    const reorderDue = performance.now() - lastOrder >= REORDER_EVERY_MS;
    if (!same && (force || !sameMembers || reorderDue)) {
      const fresh = new Map();
      for (const id of p.ids) fresh.set(id, rows.get(id) || createRow(bots.get(id)));
      tbody.replaceChildren(...[...fresh.values()].map((r) => r.tr));
      rows = fresh;
      shown = p.ids;
      lastOrder = performance.now();
    }
    for (const id of dirty) {
      const row = rows.get(id);
      if (row && bots.has(id)) fillRow(row, bots.get(id));
    }
    dirty.clear();
    summarize(p);
  }

  function summarize(p) {
    const counts = {};
    for (const bot of bots.values()) counts[bot.state] = (counts[bot.state] || 0) + 1;
    const parts = STATES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s.toLowerCase()}`);
    setText(summary, `${bots.size} ${bots.size === 1 ? 'bot' : 'bots'} (${parts.join(', ') || 'none'}); ${p.total} match.`);
    setText(pageInfo, p.total ? `Rows ${p.start + 1}–${Math.min(p.start + view.size, p.total)} of ${p.total}` : 'No rows');
    previous.disabled = view.page === 0;
    next.disabled = view.page >= p.pages - 1;
  }

  function flush() {
    timer = 0;
    render();
  }

  /** Cluster mode shows where each bot runs: the Node column appears with the first bot that has a node. */
  function noteNode(bot) {
    if (bot.node && !table.classList.contains('clustered')) table.classList.add('clustered');
  }

  function changed(bot) {
    noteNode(bot);
    const known = bots.get(bot.id);
    if (known && !bot.deleted && Date.parse(bot.updatedAt) < Date.parse(known.updatedAt)) return; // stale
    if (bot.deleted) bots.delete(bot.id);
    else bots.set(bot.id, bot);
    dirty.add(bot.id);
    if (!timer) timer = setTimeout(() => requestAnimationFrame(flush), FLUSH_EVERY_MS);
  }

  const rerender = () => render(true);
  filterInput.addEventListener('input', () => { view.filter = filterInput.value.trim().toLowerCase(); view.page = 0; rerender(); });
  stateSelect.addEventListener('change', () => { view.state = stateSelect.value; view.page = 0; rerender(); });
  sizeSelect.addEventListener('change', () => { view.size = Number(sizeSelect.value); view.page = 0; rerender(); });
  previous.addEventListener('click', () => { view.page -= 1; rerender(); });
  next.addEventListener('click', () => { view.page += 1; rerender(); });
  table.querySelector('thead').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-sort]');
    if (!button) return;
    const key = button.dataset.sort;
    view.dir = view.key === key ? -view.dir : 1;
    view.key = key;
    headers.forEach((th, i) => th.setAttribute('aria-sort',
      COLUMNS[i].key === key ? (view.dir > 0 ? 'ascending' : 'descending') : 'none'));
    rerender();
  });
  tbody.addEventListener('click', (event) => lifecycle.handleClick(event, (status) => {
    const id = event.target.closest('tr').dataset.bot;
    if (status) changed(status);
    dirty.add(id);
    render();
  }));

  // Subscribe before loading, so nothing that happens while the list loads is lost.
  const pending = [];
  let loaded = false;
  const off = stream.on('bot', (bot) => (loaded ? changed(bot) : pending.push(bot)));

  api.get('/v1/bots').then((list) => {
    for (const bot of list) {
      bots.set(bot.id, bot);
      noteNode(bot);
    }
    loaded = true;
    pending.splice(0).forEach(changed);
    render(true);
    table.dataset.loaded = 'true';
    // for benchmarks/DashboardLoadDriver: built, and then shown (the first frame after it)
    performance.mark('botfleet:fleet-rendered');
    requestAnimationFrame(() => setTimeout(() => performance.mark('botfleet:fleet-painted')));
  }).catch((e) => setText(summary, `The fleet could not be loaded: ${e.message}`));

  return () => {
    off();
    clearTimeout(timer);
    timer = -1; // a flush already queued finds nothing to do once the view is gone
  };
}
