// Element building for every view. Text from the API only ever goes in as text nodes or
// attribute values, never through innerHTML, so no bot id or error message can become markup.

/** h('td', {class: 'num'}, 'text', childNode, ...): an element with attributes and children. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Sets text only when it changed: live updates then touch the DOM as little as possible. */
export function setText(el, text) {
  const value = text === undefined || text === null ? '' : String(text);
  if (el.textContent !== value) el.textContent = value;
}

/** A table with a caption and column headers; returns {table, tbody}. */
export function table(caption, columns, attributes = {}) {
  const tbody = h('tbody');
  const table = h('table', attributes,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  return { table, tbody };
}

/** A row for a tbody of `table`, or a single "none" row when there is nothing to show. */
export function rows(tbody, items, toCells, columns, empty = 'None.') {
  if (items.length === 0) {
    tbody.replaceChildren(h('tr', {}, h('td', { colspan: columns }, empty)));
    return;
  }
  tbody.replaceChildren(...items.map((item) => h('tr', {}, toCells(item).map((c) => h('td', {}, c)))));
}
