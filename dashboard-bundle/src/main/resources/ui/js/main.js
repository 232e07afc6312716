// The page: login, header and hash routes (#/fleet, #/bots/<id>, #/strategies, #/backtests,
// #/backtests/<id>, #/nodes). Each view is
// a module whose mount(main, ...) draws it and returns the function that tears it down.
import { api, onUnauthorized } from './api.js';
import * as backtest from './backtest.js';
import * as backtests from './backtests.js';
import * as bot from './bot.js';
import * as fleet from './fleet.js';
import * as halt from './halt.js';
import * as login from './login.js';
import * as nodes from './nodes.js';
import { clearNotice } from './notice.js';
import { session } from './session.js';
import * as strategies from './strategies.js';
import * as stream from './stream.js';

const main = document.getElementById('main');
let unmount = () => {};

function show(view, ...args) {
  unmount();
  delete main.dataset.loaded;
  unmount = view.mount(main, ...args) || (() => {});
}

function header() {
  const who = session.who();
  document.getElementById('who').textContent = who ? `Signed in as ${who.name} (${who.role})` : '';
  document.getElementById('nav').hidden = !who;
  document.getElementById('logout').hidden = !who;
  for (const link of document.querySelectorAll('#nav a')) {
    const current = location.hash.startsWith(link.getAttribute('href'));
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

function route() {
  header();
  if (!session.token()) {
    show(login, started);
    return;
  }
  const hash = location.hash || '#/fleet';
  const botMatch = /^#\/bots\/(.+)$/.exec(hash);
  const backtestMatch = /^#\/backtests\/(.+)$/.exec(hash);
  if (botMatch) show(bot, decodeURIComponent(botMatch[1]));
  else if (backtestMatch) show(backtest, decodeURIComponent(backtestMatch[1]));
  else if (hash === '#/backtests') show(backtests);
  else if (hash === '#/strategies') show(strategies);
  else if (hash === '#/nodes') show(nodes);
  else show(fleet);
  const heading = main.querySelector('h2');
  if (heading && document.activeElement === document.body) heading.focus({ preventScroll: true });
}

function started() {
  clearNotice();
  stream.connect();
  halt.startBanner();
  if (!location.hash) {
    location.hash = '#/fleet'; // routed by the hashchange listener: drawing it here too would draw it twice
    return;
  }
  route();
}

function loggedOut(message) {
  stream.disconnect();
  halt.stopBanner();
  session.clear();
  header();
  show(login, started, message);
}

onUnauthorized(() => loggedOut('The token is no longer accepted; log in again.'));
document.getElementById('logout').addEventListener('click', async () => {
  await api.logout().catch(() => null);
  loggedOut('Logged out.');
});
window.addEventListener('hashchange', () => { clearNotice(); route(); });
// a page left for another keeps no stream open (the server allows a few per token, and a page kept
// in the back-forward cache would hold one); it connects again when shown from that cache
window.addEventListener('pagehide', () => stream.disconnect());
window.addEventListener('pageshow', (event) => { if (event.persisted && session.token()) stream.connect(); });

// A reload keeps the tab's token: check it again (it may have been revoked) and renew the cookie.
const token = session.token();
if (token) {
  api.login(token).then((who) => { session.save(token, who); started(); })
    .catch((e) => loggedOut(e.status === 401 ? 'The token is no longer accepted; log in again.' : e.message));
} else {
  route();
}
