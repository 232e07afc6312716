// Backtests view: the form that starts a backtest (one run, or a sweep over versions and
// parameter values) and the list of backtests, newest first, kept current by `backtest` stream
// events. A backtest's own page is backtest.js.
import { api, seg } from './api.js';
import { h, rows, setText, table } from './dom.js';
import * as format from './format.js';
import { notifyError } from './notice.js';
import { session } from './session.js';
import * as stream from './stream.js';
import { parseParams, progressText, strategyText } from './sweep.js';

const LIST = 50;
// the quote coins the paper exchange splits a symbol on, in its order (BTCUSDT is BTC/USDT)
const QUOTES = ['USDT', 'USDC', 'BUSD', 'BTC', 'ETH', 'USD', 'EUR'];

export function mount(main) {
  let catalog = [];
  let datasets = [];
  let alive = true;
  const backtests = new Map(); // id -> Backtest (without runs)

  const strategySelect = h('select', { id: 'bt-strategy', required: true });
  const versions = h('fieldset', { id: 'bt-versions', class: 'choices' }, h('legend', {}, 'Versions (one run per version)'));
  const params = h('input', { id: 'bt-params', type: 'text', size: 40, placeholder: 'fast=5,7,9 slow=20,30' });
  const datasetSelect = h('select', { id: 'bt-dataset', required: true });
  const from = h('input', { id: 'bt-from', type: 'datetime-local' });
  const to = h('input', { id: 'bt-to', type: 'datetime-local' });
  const orderQty = h('input', { id: 'bt-qty', type: 'text', value: '0.01', size: 8, required: true });
  const balance = h('input', { id: 'bt-balance', type: 'text', value: '100000', size: 10, required: true });
  const feeBps = h('input', { id: 'bt-fee', type: 'text', value: '7.5', size: 5 });
  const submit = h('button', { type: 'submit', id: 'bt-submit', class: 'primary' }, 'Run backtest');
  const result = h('p', { id: 'bt-result', role: 'status' });
  const operator = session.may('operator');
  const form = h('form', { id: 'bt-form', class: 'panel', 'aria-labelledby': 'bt-form-title' },
    h('h3', { id: 'bt-form-title' }, 'New backtest'),
    operator ? null : h('p', {}, 'Starting a backtest needs an operator token.'),
    h('div', { class: 'row' }, h('label', { for: 'bt-strategy' }, 'Strategy'), strategySelect),
    versions,
    h('div', { class: 'row' }, h('label', { for: 'bt-params' }, 'Parameters (k=v, a comma list sweeps)'), params),
    h('div', { class: 'row' }, h('label', { for: 'bt-dataset' }, 'Candles'), datasetSelect,
      h('label', { for: 'bt-from' }, 'From (UTC)'), from, h('label', { for: 'bt-to' }, 'To (UTC)'), to),
    h('div', { class: 'row' }, h('label', { for: 'bt-qty' }, 'Order qty'), orderQty,
      h('label', { for: 'bt-balance' }, 'Quote balance'), balance, h('label', { for: 'bt-fee' }, 'Fee (bps)'), feeBps),
    h('div', { class: 'row' }, submit), result);
  for (const input of form.querySelectorAll('input, select, button')) input.disabled = !operator;

  const list = table('Backtests, newest first', ['Created', 'Strategy', 'Candles', 'State', 'Progress', 'By'], { id: 'backtests' });
  main.replaceChildren(h('h2', { tabindex: '-1' }, 'Backtests'), form, list.table);

  function drawVersions() {
    const entry = catalog.find((s) => s.id === strategySelect.value);
    const boxes = (entry ? entry.versions : []).map((v, i) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'bt-version', value: v.version, checked: i === entry.versions.length - 1, disabled: !operator }),
      ` ${v.version}${v.bad ? ' (bad)' : ''}`));
    versions.replaceChildren(versions.firstChild, ...(boxes.length ? boxes : [h('p', {}, 'No version installed.')]));
  }

  function drawList() {
    const items = [...backtests.values()].filter((b) => b.request).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, LIST);
    rows(list.tbody, items, (b) => [
      h('a', { href: `#/backtests/${seg(b.id)}` }, format.time(b.createdAt)),
      strategyText(b.request.strategy),
      `${b.request.data.exchange}/${b.request.data.symbol}/${b.request.data.interval}`,
      h('span', { dataset: { state: b.state } }, b.state),
      progressText(b.progress), b.actor], 6, 'No backtest yet.');
  }

  function request() {
    const chosen = [...versions.querySelectorAll('input[name="bt-version"]:checked')].map((box) => box.value);
    if (chosen.length === 0) throw new Error('Choose at least one version.');
    const [exchange, symbol, interval] = datasetSelect.value.split('/');
    const data = { exchange, symbol, interval };
    if (from.value) data.from = new Date(`${from.value}Z`).toISOString();
    if (to.value) data.to = new Date(`${to.value}Z`).toISOString();
    const quote = QUOTES.find((coin) => symbol.endsWith(coin) && symbol.length > coin.length) || symbol.slice(-3);
    return {
      strategy: { id: strategySelect.value, version: chosen.length === 1 ? chosen[0] : chosen, params: parseParams(params.value) },
      data,
      risk: { orderQty: orderQty.value.trim() },
      balances: { [quote]: balance.value.trim() },
      feeBps: feeBps.value.trim() || '0',
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.dataset.outcome = 'refused';
    let body;
    try {
      body = request();
    } catch (e) {
      setText(result, e.message);
      return;
    }
    submit.disabled = true;
    setText(result, 'Starting…');
    try {
      const started = await api.post('/v1/backtests', body);
      result.dataset.outcome = 'started';
      setText(result, `Started: ${started.progress.runs} run(s).`);
      location.hash = `#/backtests/${seg(started.id)}`;
    } catch (e) {
      setText(result, `Refused: ${e.message}`);
    } finally {
      submit.disabled = !operator;
    }
  });
  strategySelect.addEventListener('change', drawVersions);

  // an event carries state and progress, not the request: a backtest not listed yet is read once
  const off = stream.on('backtest', (event) => {
    const known = backtests.get(event.id);
    if (known) {
      backtests.set(event.id, { ...known, ...event });
      if (alive) drawList();
      return;
    }
    api.get(`/v1/backtests/${seg(event.id)}`).then((backtest) => {
      backtests.set(backtest.id, backtest);
      if (alive) drawList();
    }).catch(() => null);
  });

  Promise.all([api.get('/v1/strategies'), api.get('/v1/candles'), api.get(`/v1/backtests?limit=${LIST}`)])
    .then(([strategies, sets, recent]) => {
      if (!alive) return;
      catalog = strategies;
      datasets = sets;
      strategySelect.replaceChildren(...catalog.map((s) => h('option', { value: s.id }, s.id)));
      datasetSelect.replaceChildren(...datasets.map((d) => {
        const key = `${d.exchange}/${d.symbol}/${d.interval}`;
        return h('option', { value: key }, `${key} (${d.candles} candles, ${format.time(d.from)} – ${format.time(d.to)})`);
      }));
      if (datasets.length === 0) datasetSelect.append(h('option', { value: '' }, 'no candles uploaded'));
      drawVersions();
      recent.forEach((b) => backtests.set(b.id, b));
      drawList();
      main.dataset.loaded = 'true';
    })
    .catch(notifyError);

  return () => {
    alive = false;
    off();
  };
}
