// The login form: the operator pastes a token once; it is checked against the server (which
// also sets the stream cookie) and kept in this tab's sessionStorage.
import { api } from './api.js';
import { h, setText } from './dom.js';
import { session } from './session.js';

export function mount(main, loggedIn, message = '') {
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' }, message);
  const form = h('form', { id: 'login', class: 'panel login', 'aria-labelledby': 'login-title' },
    h('h2', { id: 'login-title', tabindex: '-1' }, 'Log in'),
    h('p', {}, 'Paste an API token. It is kept in this browser tab only and sent to this server only.'),
    h('label', { for: 'token' }, 'API token'), input,
    h('button', { type: 'submit', class: 'primary' }, 'Log in'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return setText(error, 'Enter a token.');
    try {
      const who = await api.login(token);
      session.save(token, who);
      loggedIn();
    } catch (e) {
      setText(error, `Not logged in: ${e.message}`);
      input.select();
    }
  });
  main.replaceChildren(form);
  input.focus();
  return () => {};
}
