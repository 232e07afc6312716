// Display formats. Money comes from the API as decimal strings; it is rounded here for reading
// only, never computed with.

const DASH = '—';

export function money(value, digits = 2) {
  if (value === null || value === undefined || value === '') return DASH;
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(digits) : String(value);
}

export function qty(value) {
  if (value === null || value === undefined || value === '') return DASH;
  const n = Number(value);
  return Number.isFinite(n) ? String(n) : String(value);
}

/** 2026-11-28 19:15:02 (UTC, like the API). */
export function time(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').slice(0, 19);
}

export const text = (value) => (value === null || value === undefined || value === '' ? DASH : String(value));

export const strategy = (bot) => `${bot.strategy.id}@${bot.strategy.version ?? '?'}`;

export const numeric = (value) => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};
