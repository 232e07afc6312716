// Bot view: its status and lifecycle buttons, price and equity charts, fills, open orders, the
// event log and the strategy deployment history. Live through the stream: `bot` events update
// the status (and reload the candles, at most once a second), `fill` and `order` events add
// rows and markers, `swap` and `error` events reload the log and the history.
import { api, seg } from './api.js';
import { equityChart, priceChart } from './charts.js';
import { strategyControls } from './deploy.js';
import { h, rows, setText, table } from './dom.js';
import { flattenButton } from './halt.js';
import * as format from './format.js';
import * as lifecycle from './lifecycle.js';
import * as stream from './stream.js';
import { throttle } from './throttle.js';

const CANDLES = 200;
const FILLS = 200;
const RELOAD_MS = 1000;

export function mount(main, id) {
  let bot = null;
  let candles = [];
  let fills = [];
  let history = [];
  let catalog = [];
  let alive = true; // throttled reloads may land after the view was left
  const openOrders = new Map();
  const path = `/v1/bots/${seg(id)}`;

  const title = h('h2', { tabindex: '-1' }, `Bot ${id}`);
  const facts = h('dl', { id: 'bot-facts', class: 'facts' });
  const verbs = lifecycle.buttons({ id });
  const controls = strategyControls((status) => { if (status) { setBot(status); reloadHistory(); } else render(); });
  const priceHost = h('div', { class: 'chart', id: 'price-chart' });
  const equityHost = h('div', { class: 'chart', id: 'equity-chart' });
  const fillsTable = table('Fills, newest first', ['Time', 'Side', 'Qty', 'Price', 'Fee', 'Exec id'], { id: 'fills' });
  const ordersTable = table('Open orders', ['Created', 'Side', 'Type', 'Qty', 'Price', 'Status', 'Client order id'], { id: 'orders' });
  const eventsTable = table('Event log, newest first', ['Time', 'Type', 'Message'], { id: 'events' });
  const historyTable = table('Strategy deployment history, newest first', ['At', 'Kind', 'From', 'To', 'Outcome', 'Actor', 'Detail'], { id: 'history' });

  main.replaceChildren(
    h('p', {}, h('a', { href: '#/fleet' }, '← Fleet')),
    title,
    h('section', { class: 'panel', 'aria-label': 'Status' }, facts, verbs,
      flattenButton(id, (status) => setBot(status))),
    controls.el,
    h('section', { class: 'charts', 'aria-label': 'Charts' },
      h('figure', {}, h('figcaption', {}, 'Price: recent candle closes, with entries (buy) and exits (sell) from the fills'), priceHost),
      h('figure', {}, h('figcaption', {}, 'Equity: PnL rebuilt from the fills, marked at each close'), equityHost)),
    h('div', { class: 'grid' }, fillsTable.table, ordersTable.table),
    eventsTable.table,
    historyTable.table);

  const price = priceChart(priceHost);
  const equity = equityChart(equityHost);

  const FACTS = {
    State: (b) => b.state,
    Strategy: format.strategy,
    Symbol: (b) => `${b.symbol} ${b.interval}`,
    Exchange: (b) => `${b.exchange.id}/${b.exchange.account}`,
    Position: (b) => `${format.qty(b.position.qty)} @ ${format.money(b.position.avgPrice)}`,
    'Realized PnL': (b) => format.money(b.position.realizedPnl),
    'Unrealized PnL': (b) => format.money(b.position.unrealizedPnl),
    Candles: (b) => b.counters.candles,
    Orders: (b) => b.counters.orders,
    Fills: (b) => b.counters.fills,
    Errors: (b) => b.counters.errors,
    'Last error': (b) => format.text(b.lastError),
    Updated: (b) => format.time(b.updatedAt),
  };
  // built once, then only their text changes: live updates rewrite no element
  const factValues = Object.fromEntries(Object.keys(FACTS).map((term) => [term, h('dd', { dataset: { fact: term } })]));
  facts.append(...Object.keys(FACTS).flatMap((term) => [h('dt', {}, term), factValues[term]]));

  function render() {
    if (!bot) return;
    for (const [term, value] of Object.entries(FACTS)) setText(factValues[term], value(bot));
    lifecycle.update(verbs, bot.state);
    controls.refresh(bot, history, catalog);
  }

  function setBot(status) {
    if (status.deleted) {
      setText(title, `Bot ${id} was deleted`);
      lifecycle.update(verbs, 'DELETED');
      return;
    }
    if (bot && Date.parse(status.updatedAt) < Date.parse(bot.updatedAt)) return; // stale
    bot = status;
    render();
  }

  function renderFills() {
    if (!alive) return;
    rows(fillsTable.tbody, fills.slice(0, 50), (f) => [format.time(f.time), f.side, format.qty(f.qty),
      format.money(f.price), format.money(f.fee, 4), f.execId], 6, 'No fills yet.');
    price.set(candles, fills);
    equity.set(candles, fills);
  }

  function renderOrders() {
    const open = [...openOrders.values()].filter((o) => ['PENDING_SEND', 'NEW', 'PARTIALLY_FILLED'].includes(o.status));
    rows(ordersTable.tbody, open, (o) => [format.time(o.createdAt), o.side, o.type, format.qty(o.qty),
      format.money(o.price), o.status, o.clientOrderId], 7, 'No open orders.');
  }

  const reloadCandles = throttle(async () => {
    candles = await api.get(`${path}/candles?limit=${CANDLES}`).catch(() => candles);
    if (!alive) return;
    price.set(candles, fills);
    equity.set(candles, fills);
  }, RELOAD_MS);

  const reloadEvents = throttle(async () => {
    const events = await api.get(`${path}/events?limit=50`).catch(() => null);
    if (events && alive) rows(eventsTable.tbody, events, (e) => [format.time(e.time), e.type, e.message], 3, 'No events.');
  }, RELOAD_MS);

  async function reloadHistory() {
    [history, catalog] = await Promise.all([api.get(`${path}/strategy/history`), api.get('/v1/strategies')]).catch(() => [history, catalog]);
    rows(historyTable.tbody, history, (d) => [format.time(d.at), d.kind, format.text(d.fromVersion), d.toVersion,
      d.outcome, d.actor, format.text(d.detail)], 7, 'No deployments yet.');
    if (alive) render();
  }

  verbs.addEventListener('click', (event) => lifecycle.handleClick(event, (status) => {
    if (status) setBot(status); else render();
    reloadEvents();
  }));

  const mine = (handler) => (data) => { if (data.botId === id) handler(data); };
  const subscriptions = [
    stream.on('bot', mine((status) => {
      const moved = !bot || status.state !== bot.state;
      setBot(status);
      reloadCandles();
      if (moved) reloadEvents();
    })),
    stream.on('fill', mine((fill) => {
      if (!fills.some((f) => f.execId === fill.execId)) fills.unshift(fill);
      fills.length = Math.min(fills.length, FILLS);
      renderFills();
    })),
    stream.on('order', mine((order) => { openOrders.set(order.clientOrderId, order); renderOrders(); })),
    stream.on('swap', mine(() => { reloadHistory(); reloadEvents(); })),
    stream.on('error', mine(() => reloadEvents())),
  ];

  Promise.all([
    api.get(path), api.get(`${path}/candles?limit=${CANDLES}`), api.get(`${path}/fills?limit=${FILLS}`),
    api.get(`${path}/orders?status=open`),
  ]).then(([status, c, f, orders]) => {
    if (!alive) return null;
    candles = c;
    fills = [...f, ...fills.filter((x) => !f.some((y) => y.execId === x.execId))];
    fills.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
    orders.forEach((o) => { if (!openOrders.has(o.clientOrderId)) openOrders.set(o.clientOrderId, o); });
    setBot(status);
    renderFills();
    renderOrders();
    reloadEvents();
    return reloadHistory();
  }).then(() => { if (alive) main.dataset.loaded = 'true'; })
    .catch((e) => setText(title, `Bot ${id}: ${e.message}`));

  return () => {
    alive = false;
    subscriptions.forEach((off) => off());
    price.destroy();
    equity.destroy();
    delete main.dataset.loaded;
  };
}
