// The page's one alert region: errors (the server's problem detail) and confirmations.

let timer = null;

export function notify(message, kind = 'info') {
  const el = document.getElementById('notice');
  clearTimeout(timer);
  el.dataset.kind = kind;
  el.textContent = message;
  if (kind !== 'error') timer = setTimeout(() => { el.textContent = ''; }, 6000);
}

export const notifyError = (error) => notify(error.message || String(error), 'error');

export function clearNotice() {
  document.getElementById('notice').textContent = '';
}
