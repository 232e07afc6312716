// The live stream (GET /api/v1/stream, Server-Sent Events). One connection for the page; views
// subscribe to event names and unsubscribe when they leave. EventSource cannot send headers, so
// the token travels as the HttpOnly cookie the server set at login (never in the URL), and the
// browser reconnects by itself with Last-Event-ID, receiving what it missed.

const NAMES = ['bot', 'fill', 'order', 'swap', 'error', 'backtest'];
const RETRY_MS = 5000;
const handlers = new Map(NAMES.map((name) => [name, new Set()]));
let source = null;
let retryTimer = null;
let received = 0;

function status(state, text) {
  const el = document.getElementById('stream-status');
  if (!el) return;
  el.dataset.state = state;
  if (el.textContent !== text) el.textContent = text;
}

function dispatch(name, message) {
  let data;
  try {
    data = JSON.parse(message.data);
  } catch {
    return; // not JSON: not an event of the contract
  }
  received += 1;
  if (received % 50 === 0) document.getElementById('stream-status').dataset.events = received; // for the load driver
  for (const handler of handlers.get(name)) {
    try {
      handler(data);
    } catch (e) {
      console.warn(`stream ${name} handler failed`, e);
    }
  }
}

export function connect() {
  disconnect();
  status('connecting', 'Live updates: connecting…');
  source = new EventSource('/api/v1/stream');
  source.onopen = () => status('live', 'Live updates: on');
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      // refused (e.g. the token was revoked): try again later rather than give up for good
      status('offline', 'Live updates: off (retrying)');
      retryTimer = setTimeout(connect, RETRY_MS);
    } else {
      status('connecting', 'Live updates: reconnecting…');
    }
  };
  for (const name of NAMES) source.addEventListener(name, (message) => dispatch(name, message));
}

export function disconnect() {
  clearTimeout(retryTimer);
  if (source) source.close();
  source = null;
  status('offline', 'Live updates: off');
}

/** Subscribes to one event name; returns the function that unsubscribes. */
export function on(name, handler) {
  handlers.get(name).add(handler);
  return () => handlers.get(name).delete(handler);
}

/** Events received since the page loaded (for the status line and the load driver). */
export const receivedCount = () => received;
