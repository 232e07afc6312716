// Calls to the returned function run `fn` at most once every `ms`; calls in between are merged
// into one run at the end of the wait, so the last state is always drawn.
export function throttle(fn, ms) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; last = performance.now(); fn(); }, Math.max(0, last + ms - performance.now()));
  };
}
