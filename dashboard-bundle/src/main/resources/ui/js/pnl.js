// The equity (PnL) curve of a bot, rebuilt from its fills and marked at each candle's close:
// realized PnL of the closed quantity (average cost), minus fees, plus the open position's
// unrealized PnL. For reading only: the bot's own figures are in its status.

/** Series for the chart: {times (s), pnl} aligned with `candles` (oldest first). */
export function equityCurve(candles, fills) {
  const ordered = [...fills].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  let qty = 0;
  let avg = 0;
  let realized = 0;
  let next = 0;
  const times = [];
  const pnl = [];
  for (const candle of candles) {
    const end = Date.parse(candle.openTime) + intervalMs(candle.interval);
    while (next < ordered.length && Date.parse(ordered[next].time) <= end) {
      ({ qty, avg, realized } = apply(ordered[next], qty, avg, realized));
      next += 1;
    }
    const close = Number(candle.close);
    times.push(Date.parse(candle.openTime) / 1000);
    pnl.push(round(realized + qty * (close - avg)));
  }
  return { times, pnl };
}

function apply(fill, qty, avg, realized) {
  const signed = (fill.side === 'SELL' ? -1 : 1) * Number(fill.qty);
  const price = Number(fill.price);
  let r = realized - Number(fill.fee || 0);
  if (qty === 0 || Math.sign(signed) === Math.sign(qty)) {
    const total = qty + signed;
    return { qty: total, avg: (qty * avg + signed * price) / total, realized: r };
  }
  const closing = Math.min(Math.abs(signed), Math.abs(qty)) * Math.sign(qty);
  r += closing * (price - avg);
  const total = qty + signed;
  if (Math.abs(total) < 1e-12) return { qty: 0, avg: 0, realized: r };
  // a flip opens the rest at the fill price
  return { qty: total, avg: Math.sign(total) === Math.sign(qty) ? avg : price, realized: r };
}

const round = (n) => Math.round(n * 1e6) / 1e6;

const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function intervalMs(code) {
  const match = /^(\d+)([mhdw])$/.exec(code || '');
  return match ? Number(match[1]) * UNITS[match[2]] : 60_000;
}
