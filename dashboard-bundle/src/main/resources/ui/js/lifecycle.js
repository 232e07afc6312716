// Start / pause / resume / stop: which state each verb is legal in (the runtime's
// LifecycleCommand), the buttons, and the call. Buttons of illegal verbs are disabled; a refusal
// the server still sends (the state moved meanwhile) is shown with its detail.
import { api, seg } from './api.js';
import { h } from './dom.js';
import { notify, notifyError } from './notice.js';
import { session } from './session.js';

const LEGAL_FROM = {
  start: ['CREATED', 'STOPPED', 'FAILED'],
  pause: ['RUNNING', 'STARTING'],
  resume: ['PAUSED'],
  stop: ['STARTING', 'RUNNING', 'PAUSED', 'SUSPENDED', 'FAILED'],
};
export const VERBS = Object.keys(LEGAL_FROM);

export const isLegal = (verb, state) => LEGAL_FROM[verb].includes(state);

const label = (verb) => verb[0].toUpperCase() + verb.slice(1);

/** The four buttons of one bot, in a group; clicks are handled by `handleClick` (delegation). */
export function buttons(bot) {
  return h('div', { class: 'verbs', role: 'group', 'aria-label': `Lifecycle of ${bot.id}` },
    VERBS.map((verb) => h('button', {
      type: 'button', class: `verb ${verb}`, dataset: { verb, bot: bot.id }, 'aria-label': `${label(verb)} ${bot.id}`,
    }, label(verb))));
}

/** Enables exactly the verbs legal in `state`, and none for a viewer or while a call runs. */
export function update(group, state, busy = false) {
  const allowed = session.may('operator');
  for (const button of group.querySelectorAll('button[data-verb]')) {
    const disabled = busy || !allowed || !isLegal(button.dataset.verb, state);
    if (button.disabled !== disabled) button.disabled = disabled;
  }
}

/**
 * For a click listener on any ancestor: runs the verb of a clicked lifecycle button, and calls
 * `applied(status)` with the bot's new status.
 */
export async function handleClick(event, applied) {
  const button = event.target.closest('button[data-verb]');
  if (!button || button.disabled) return;
  const { verb, bot } = button.dataset;
  const group = button.closest('.verbs');
  update(group, '', true);
  try {
    const status = await api.post(`/v1/bots/${seg(bot)}/${verb}`);
    notify(`${label(verb)} ${bot}: now ${status.state}.`);
    applied(status);
  } catch (e) {
    notifyError(e);
    applied(null);
  }
}
