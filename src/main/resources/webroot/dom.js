// Small DOM helpers shared by the console's modules.

/**
 * Creates an element: h('div', {class: 'x', dataset: {unitId: 'a'}, onclick: fn}, 'text', child).
 * Attributes with null/false values are left out; children may be strings, nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside el with the given children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Makes list's children the given freshly built elements, but keeps each current child whose
 * markup is unchanged (same key, same HTML). A redraw then replaces only the rows that changed,
 * so a click is not lost to a live update that changed nothing under the pointer.
 */
export function patchList(list, fresh, keyOf) {
  const current = new Map([...list.children].map((el) => [keyOf(el), el]));
  const next = fresh.map((el) => {
    const old = current.get(keyOf(el));
    return old && old.outerHTML === el.outerHTML ? old : el;
  });
  const unchanged = next.length === list.children.length && next.every((el, i) => el === list.children[i]);
  if (!unchanged) list.replaceChildren(...next);
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For the few places that need an HTML string (Leaflet divIcons and popups). */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Runs fn at most once per interval, always with the latest state (trailing call guaranteed). */
export function throttle(fn, intervalMs) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + intervalMs - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
  };
}

/** Great-circle distance in metres. */
export function distanceM(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(s));
}
