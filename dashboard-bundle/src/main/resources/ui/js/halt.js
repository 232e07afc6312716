// The kill switch: the halt banner (on every view while a halt is active, with Lift for an
// operator), the halt control of the fleet view (the whole fleet or one account, behind a
// confirmation naming the scope) and the flatten button of the bot view.
import { api, seg } from './api.js';
import { confirmAction } from './confirm.js';
import { h, setText } from './dom.js';
import * as format from './format.js';
import { notify, notifyError } from './notice.js';
import { session } from './session.js';

// Halts change rarely and by hand: a poll keeps every open page's banner current without a stream event.
const POLL_MS = 5000;
let poll = 0;
// What the banner shows now: redrawn only when it changes, so a poll never replaces the Lift
// button under a pointer that is pressing it.
let shown = '';

const scopeText = (exchange, account) => (!exchange ? 'the whole fleet'
  : account ? `account ${exchange}/${account}` : `exchange ${exchange}`);

/** Shows the active halts in the banner; called after each change and every POLL_MS while logged in. */
export async function refreshBanner() {
  const banner = document.getElementById('halt-banner');
  let halts;
  try {
    halts = await api.get('/v1/halt');
  } catch {
    return; // the next poll tries again; a refused token logs the page out elsewhere
  }
  const state = JSON.stringify([halts, session.may('operator')]);
  if (state === shown) return;
  shown = state;
  banner.replaceChildren(...halts.map((halt) => h('p', { class: 'halt', dataset: { scope: halt.scope } },
    h('strong', {}, `Halted: ${halt.scope}`),
    ` by ${halt.actor} since ${format.time(halt.since)}${halt.flatten ? ', positions flattened' : ''}`
      + `${halt.reason ? ` (${halt.reason})` : ''}. No bot in scope opens a position. `,
    h('button', {
      type: 'button', class: 'lift', disabled: !session.may('operator'),
      dataset: { exchange: halt.exchange || '', account: halt.account || '' },
      'aria-label': `Lift the halt of ${halt.scope}`,
    }, 'Lift'))));
  banner.hidden = halts.length === 0;
}

export function startBanner() {
  stopBanner();
  refreshBanner();
  poll = setInterval(refreshBanner, POLL_MS);
}

export function stopBanner() {
  clearInterval(poll);
  const banner = document.getElementById('halt-banner');
  banner.replaceChildren();
  banner.hidden = true;
  shown = '';
}

document.getElementById('halt-banner').addEventListener('click', async (event) => {
  const button = event.target.closest('button.lift');
  if (!button || button.disabled) return;
  const { exchange, account } = button.dataset;
  const scope = scopeText(exchange, account);
  if (!await confirmAction('Lift the halt', `Lift the halt of ${scope}? Its bots return to their desired state.`, 'Lift')) return;
  const query = exchange ? `?exchange=${seg(exchange)}${account ? `&account=${seg(account)}` : ''}` : '';
  try {
    const lifted = await api.del(`/v1/halt${query}`);
    notify(`Halt of ${scope} lifted; ${lifted.bots.length} bot(s) back to their desired state.`);
  } catch (e) {
    notifyError(e);
  }
  refreshBanner();
});

/** The fleet view's halt control: a scope (the fleet or one account), flatten, and the button. */
export function haltControls() {
  const scope = h('select', { id: 'halt-scope' }, h('option', { value: '' }, 'Whole fleet'));
  const flatten = h('input', { id: 'halt-flatten', type: 'checkbox' });
  const button = h('button', { type: 'button', id: 'halt', class: 'danger', disabled: !session.may('operator') }, 'Halt…');
  api.get('/v1/exchanges').then((accounts) => {
    for (const a of accounts) scope.append(h('option', { value: `${a.id}/${a.account}` }, `Account ${a.id}/${a.account}`));
  }).catch(() => null); // the fleet halt still works
  button.addEventListener('click', async () => {
    const [exchange, account] = scope.value ? scope.value.split('/') : [null, null];
    const what = scopeText(exchange, account);
    const closing = flatten.checked ? ' Their open orders are cancelled and their positions closed at market.'
      : ' Their open orders are cancelled; positions are kept.';
    if (!await confirmAction('Halt', `Halt ${what}? No bot in scope opens a position until the halt is lifted.${closing}`,
      'Halt')) return;
    const body = { flatten: flatten.checked };
    if (exchange) Object.assign(body, { exchange, account });
    try {
      const result = await api.post('/v1/halt', body);
      notify(`Halted ${result.halt.scope}: ${result.bots.length} bot(s).`);
    } catch (e) {
      notifyError(e);
    }
    refreshBanner();
  });
  return h('form', { class: 'halt-controls', 'aria-label': 'Kill switch', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'halt-scope' }, 'Halt scope'), scope,
    h('label', { for: 'halt-flatten' }, flatten, ' close positions'), button);
}

/** The bot view's flatten button; `applied(status)` gets the bot's status afterwards. */
export function flattenButton(id, applied) {
  const button = h('button', { type: 'button', id: 'flatten', class: 'danger', disabled: !session.may('operator') }, 'Flatten…');
  button.addEventListener('click', async () => {
    if (!await confirmAction('Flatten', `Flatten ${id}: cancel its open orders and close its position at market?`
      + ' The bot ends PAUSED.', 'Flatten')) return;
    try {
      const status = await api.post(`/v1/bots/${seg(id)}/flatten`);
      notify(`Flatten ${id}: ${status.outcome}; now ${status.state}.`);
      applied(status);
    } catch (e) {
      notifyError(e);
    }
  });
  return button;
}
