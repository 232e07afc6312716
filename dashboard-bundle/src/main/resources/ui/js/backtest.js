// One backtest: its state and live progress (`backtest` stream events), its runs as a table that
// sorts by any figure, the report and equity curve (with trade entries and exits) of the run
// chosen, two runs side by side, and "swap a bot to this version" from a run.
import { api, seg } from './api.js';
import { curveChart } from './charts.js';
import { confirmAction } from './confirm.js';
import { h, rows, setText, table } from './dom.js';
import * as format from './format.js';
import { notify, notifyError } from './notice.js';
import { session } from './session.js';
import * as stream from './stream.js';
import { throttle } from './throttle.js';
import { METRICS, byMetric, metricText, paramsText, progressText, strategyText } from './sweep.js';

const TERMINAL = ['DONE', 'FAILED', 'CANCELLED'];
const EQUITY_POINTS = 600;
const TRADES = 100;
const POLL_MS = 5000;
const COLUMNS = [['#', 'n'], ['Version', null], ['Parameters', null], ['Net PnL', 'netPnl'], ['Return %', 'returnPct'],
  ['Max drawdown %', 'maxDrawdownPct'], ['Sharpe', 'sharpe'], ['Trades', 'trades'], ['Win rate %', 'winRatePct']];

export function mount(main, id) {
  let backtest = null;
  let chosen = null; // the run shown
  const compared = new Set(); // run numbers ticked for comparison (two at most)
  const sort = { key: 'n', dir: 1 };
  let alive = true;
  const path = `/v1/backtests/${seg(id)}`;
  const operator = session.may('operator');

  const title = h('h2', { tabindex: '-1' }, `Backtest ${id}`);
  const facts = h('dl', { id: 'bt-facts', class: 'facts' });
  const cancel = h('button', { type: 'button', id: 'bt-cancel', disabled: !operator }, 'Cancel');
  const headers = COLUMNS.map(([label, key]) => h('th', { scope: 'col', 'aria-sort': key === 'n' ? 'ascending' : (key ? 'none' : null) },
    key ? h('button', { type: 'button', class: 'sort', dataset: { sort: key } }, label) : label));
  const runsBody = h('tbody');
  const runsTable = h('table', { id: 'bt-runs' }, h('caption', {}, 'Runs; column headers sort, tick two runs to compare them'),
    h('thead', {}, h('tr', {}, headers, h('th', { scope: 'col' }, 'Compare'), h('th', { scope: 'col' }, 'Show'))), runsBody);
  const compare = h('section', { id: 'bt-compare', 'aria-label': 'Two runs side by side', hidden: true });
  const runTitle = h('h3', { id: 'bt-run-title' });
  const report = table('Report', ['Figure', 'Value'], { id: 'bt-report' });
  const chartHost = h('div', { class: 'chart', id: 'bt-equity' });
  const trades = table(`Trades, oldest first (first ${TRADES})`, ['Direction', 'Entry', 'Exit', 'Qty', 'Entry price', 'Exit price', 'PnL', 'Fees'], { id: 'bt-trades' });
  const botSelect = h('select', { id: 'bt-swap-bot' });
  const swap = h('button', { type: 'button', id: 'bt-swap' }, 'Swap…');
  const swapPanel = h('div', { class: 'row' }, h('label', { for: 'bt-swap-bot' }, 'Swap bot'), botSelect, swap);
  const runPanel = h('section', { id: 'bt-run', class: 'panel', 'aria-labelledby': 'bt-run-title', hidden: true },
    runTitle, swapPanel,
    h('figure', {}, h('figcaption', {}, 'Equity at each candle close, with trade entries and exits'), chartHost),
    h('div', { class: 'grid' }, report.table, trades.table));

  main.replaceChildren(h('p', {}, h('a', { href: '#/backtests' }, '← Backtests')), title,
    h('section', { class: 'panel', 'aria-label': 'State' }, facts, cancel),
    h('div', { class: 'table-wrap' }, runsTable), compare, runPanel);
  const chart = curveChart(chartHost, 'Equity');

  const FACTS = {
    State: (b) => b.state,
    Strategy: (b) => strategyText(b.request.strategy),
    Candles: (b) => `${b.request.data.exchange}/${b.request.data.symbol}/${b.request.data.interval}`
      + ` ${format.time(b.request.data.from)} – ${format.time(b.request.data.to)}`,
    Progress: (b) => progressText(b.progress),
    Created: (b) => format.time(b.createdAt),
    Started: (b) => format.time(b.startedAt),
    Finished: (b) => format.time(b.finishedAt),
    By: (b) => b.actor,
    Error: (b) => format.text(b.error),
  };
  const factValues = Object.fromEntries(Object.keys(FACTS).map((term) => [term, h('dd', { dataset: { fact: term } })]));
  facts.append(...Object.keys(FACTS).flatMap((term) => [h('dt', {}, term), factValues[term]]));

  function renderFacts() {
    for (const [term, value] of Object.entries(FACTS)) setText(factValues[term], value(backtest));
    factValues.State.dataset.state = backtest.state;
    const finished = TERMINAL.includes(backtest.state);
    setText(cancel, finished ? 'Delete…' : 'Cancel');
  }

  // What the runs table shows now: it is rebuilt only when the runs or their order change, so a
  // reload never replaces a checkbox or button under a pointer pressing it (ticks are kept in place).
  let shownRuns = '';

  function renderRuns() {
    const runs = [...(backtest.runs || [])].sort(byMetric(sort.key, sort.dir));
    const signature = JSON.stringify([runs, sort, backtest.state]);
    if (signature !== shownRuns) {
      shownRuns = signature;
      fillRuns(runs);
    }
    for (const th of headers) {
      const button = th.querySelector('button');
      if (button) th.setAttribute('aria-sort', button.dataset.sort === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
  }

  function fillRuns(runs) {
    rows(runsBody, runs, (run) => [run.n, run.strategy.version,
      run.state === 'FAILED' ? `${paramsText(run.strategy.params)}: FAILED (${run.error})` : paramsText(run.strategy.params),
      ...COLUMNS.slice(3).map(([, key]) => metricText(run.report, key, METRICS.find((m) => m[1] === key)[2])),
      h('input', { type: 'checkbox', 'aria-label': `Compare run ${run.n}`, checked: compared.has(run.n), dataset: { compare: run.n } }),
      h('button', { type: 'button', dataset: { show: run.n } }, 'Show')], COLUMNS.length + 2,
    TERMINAL.includes(backtest.state) ? 'No run finished.' : 'Runs appear here as they finish.');
  }

  function renderCompare() {
    const pair = (backtest.runs || []).filter((run) => compared.has(run.n));
    compare.hidden = pair.length !== 2;
    if (pair.length !== 2) return;
    const [a, b] = pair;
    const side = table('Two runs side by side', ['Figure', `Run ${a.n}: ${a.strategy.version} ${paramsText(a.strategy.params)}`,
      `Run ${b.n}: ${b.strategy.version} ${paramsText(b.strategy.params)}`]);
    rows(side.tbody, METRICS, ([label, key, kind]) => [label, metricText(a.report, key, kind), metricText(b.report, key, kind)], 3);
    compare.replaceChildren(side.table);
  }

  async function show(n) {
    const run = backtest.runs.find((r) => r.n === n);
    if (!run) return;
    chosen = run;
    runPanel.hidden = false;
    setText(runTitle, `Run ${run.n}: ${run.strategy.id} ${run.strategy.version} ${paramsText(run.strategy.params)}`);
    rows(report.tbody, METRICS, ([label, key, kind]) => [label, metricText(run.report, key, kind)], 2);
    const base = `${path}/runs/${run.n}`;
    const [equity, tradeList, bots] = await Promise.all([api.get(`${base}/equity?points=${EQUITY_POINTS}`),
      api.get(`${base}/trades?offset=0&limit=${TRADES}`), api.get('/v1/bots')]);
    if (!alive || chosen !== run) return;
    chart.set(equity.map((p) => Date.parse(p.time) / 1000), equity.map((p) => Number(p.equity)),
      tradeList.map((t) => Date.parse(t.entryTime) / 1000), tradeList.map((t) => Date.parse(t.exitTime) / 1000));
    rows(trades.tbody, tradeList, (t) => [t.direction, format.time(t.entryTime), format.time(t.exitTime), format.qty(t.qty),
      format.money(t.entryPrice), format.money(t.exitPrice), format.money(t.pnl), format.money(t.fees, 4)], 8, 'No trade.');
    const candidates = bots.filter((bot) => bot.strategy.id === run.strategy.id && bot.strategy.version !== run.strategy.version);
    botSelect.replaceChildren(...candidates.map((bot) => h('option', { value: bot.id }, `${bot.id} (${format.strategy(bot)})`)));
    if (candidates.length === 0) botSelect.append(h('option', { value: '' }, `no bot runs another version of ${run.strategy.id}`));
    botSelect.disabled = candidates.length === 0;
    swap.disabled = !operator || candidates.length === 0;
    setText(swap, `Swap to ${run.strategy.version}…`);
    runPanel.dataset.loaded = String(run.n);
  }

  async function load() {
    backtest = await api.get(path);
    if (!alive) return;
    renderFacts();
    renderRuns();
    renderCompare();
    main.dataset.loaded = 'true';
  }

  // a sweep finishes runs faster than a page should redraw its table
  const reload = throttle(() => load().catch(notifyError), 1000);

  runsTable.addEventListener('click', (event) => {
    const sortButton = event.target.closest('button[data-sort]');
    const showButton = event.target.closest('button[data-show]');
    const box = event.target.closest('input[data-compare]');
    if (sortButton) {
      const key = sortButton.dataset.sort;
      sort.dir = sort.key === key ? -sort.dir : (key === 'n' ? 1 : -1); // figures: best first
      sort.key = key;
      renderRuns();
    } else if (showButton) {
      show(Number(showButton.dataset.show)).catch(notifyError);
    } else if (box) {
      const n = Number(box.dataset.compare);
      if (box.checked) compared.add(n); else compared.delete(n);
      while (compared.size > 2) { // the oldest tick goes
        const oldest = compared.values().next().value;
        compared.delete(oldest);
        const other = runsBody.querySelector(`input[data-compare="${oldest}"]`);
        if (other) other.checked = false;
      }
      renderCompare();
    }
  });

  cancel.addEventListener('click', async () => {
    const finished = TERMINAL.includes(backtest.state);
    if (finished && !(await confirmAction('Delete backtest', `Delete backtest ${id} and its results?`, 'Delete'))) return;
    try {
      await api.del(path);
      if (finished) location.hash = '#/backtests';
      else await load();
    } catch (e) {
      notifyError(e);
    }
  });

  swap.addEventListener('click', async () => {
    const bot = botSelect.value;
    const version = chosen.strategy.version;
    if (!bot || !(await confirmAction('Swap strategy version', `Swap ${bot} to ${chosen.strategy.id} ${version}?`, 'Swap'))) return;
    try {
      const status = await api.post(`/v1/bots/${seg(bot)}/strategy`, { version });
      notify(`${bot} now runs ${format.strategy(status)}.`);
      await show(chosen.n);
    } catch (e) {
      notifyError(e);
    }
  });

  const off = stream.on('backtest', (event) => {
    if (event.id !== id || !backtest) return;
    const finishedNow = TERMINAL.includes(event.state) && !TERMINAL.includes(backtest.state);
    backtest = { ...backtest, ...event, runs: backtest.runs };
    renderFacts();
    if (finishedNow || (event.progress && event.progress.runsDone !== (backtest.runs || []).length)) reload();
  });

  // events update the page as they come; a running backtest is also read now and then, so an
  // event missed while the stream was reconnecting (a new connection resumes nothing) is made good
  const poll = setInterval(() => {
    if (backtest && !TERMINAL.includes(backtest.state)) reload();
  }, POLL_MS);

  load().catch((e) => setText(title, `Backtest ${id}: ${e.message}`));
  return () => {
    alive = false;
    clearInterval(poll);
    off();
    chart.destroy();
  };
}
