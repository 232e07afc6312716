// Swap and roll back the bot's strategy version, each after a confirmation naming both versions.
import { api, seg } from './api.js';
import { confirmAction } from './confirm.js';
import { h, setText } from './dom.js';
import { notify, notifyError } from './notice.js';
import { session } from './session.js';

/** The version a rollback returns to: as the runtime picks it (StrategySwap.previousVersion). */
export function previousVersion(bot, history) {
  const current = bot.strategy.version;
  const entry = history.find((d) => d.outcome === 'OK' && d.toVersion === current && d.fromVersion);
  return entry ? entry.fromVersion : null;
}

/** The controls; `applied(status)` receives the bot's status after a swap or rollback. */
export function strategyControls(applied) {
  let bot = null;
  let target = null; // rollback target
  let busy = false; // a swap or rollback is under way
  let optionsKey = ''; // the options shown: rebuilt only when they change (an open list would close)
  const current = h('p', { id: 'strategy-current' });
  const select = h('select', { id: 'swap-version' });
  const swap = h('button', { type: 'button', id: 'swap' }, 'Swap…');
  const rollback = h('button', { type: 'button', id: 'rollback' }, 'Roll back…');
  const el = h('section', { class: 'panel', 'aria-labelledby': 'deploy-title' },
    h('h3', { id: 'deploy-title' }, 'Strategy version'),
    current,
    h('div', { class: 'row' }, h('label', { for: 'swap-version' }, 'Swap to version'), select, swap),
    h('div', { class: 'row' }, rollback));

  async function run(path, body, title, text, verb) {
    if (!(await confirmAction(title, text, verb))) return;
    busy = true;
    swap.disabled = true;
    rollback.disabled = true;
    try {
      const status = await api.post(path, body);
      notify(`${bot.id} now runs ${status.strategy.id} ${status.strategy.version}.`);
      applied(status);
    } catch (e) {
      notifyError(e);
      applied(null);
    } finally {
      busy = false;
    }
  }

  swap.addEventListener('click', () => {
    const version = select.value;
    run(`/v1/bots/${seg(bot.id)}/strategy`, { version }, 'Swap strategy version',
      `Swap ${bot.id} from ${bot.strategy.id} ${bot.strategy.version} to ${bot.strategy.id} ${version}?`, 'Swap');
  });
  rollback.addEventListener('click', () => {
    run(`/v1/bots/${seg(bot.id)}/strategy/rollback`, undefined, 'Roll back strategy version',
      `Roll back ${bot.id} from ${bot.strategy.id} ${bot.strategy.version} to ${bot.strategy.id} ${target}?`, 'Roll back');
  });

  /** Shows the bot's version, the other installed versions, and whether a rollback is possible. */
  function refresh(status, history, catalog) {
    bot = status;
    target = previousVersion(status, history);
    setText(current, `Running ${status.strategy.id} ${status.strategy.version}.`
      + (target ? ` A rollback returns to ${target}.` : ' No earlier version to roll back to.'));
    const entry = catalog.find((s) => s.id === status.strategy.id);
    const others = entry ? entry.versions.filter((v) => v.version !== status.strategy.version) : [];
    const key = others.map((v) => `${v.version}:${v.bad}`).join(',');
    if (key !== optionsKey) {
      optionsKey = key;
      const chosen = select.value;
      select.replaceChildren(...others.map((v) => h('option', { value: v.version }, v.bad ? `${v.version} (bad)` : v.version)));
      if (others.some((v) => v.version === chosen)) select.value = chosen;
      if (others.length === 0) select.append(h('option', { value: '' }, 'no other version installed'));
    }
    const operator = session.may('operator');
    select.disabled = others.length === 0;
    swap.disabled = busy || !operator || others.length === 0;
    rollback.disabled = busy || !operator || !target;
  }

  return { el, refresh };
}
