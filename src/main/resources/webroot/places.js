// A place search box: a village, a committee, a township or a station by name or pinyin
// initials (wzc → 王庄村), picked with the arrow keys and Enter or the mouse. Taking a call and
// correcting an incident's place both use it.
import { api } from './api.js';
import { h } from './dom.js';
import { label, t } from './i18n.js';
import { errorText } from './phrases.js';

const RESULTS = 8;
const SEARCH_DELAY_MS = 150;

/**
 * id: the input's id (the list's is id + 's'); onPick(place) once one is chosen; onError(message)
 * when the search fails. Returns {input, results, dispose()}.
 */
export function placeSearch({ id, placeholder, onPick, onError }) {
  let found = []; // the places listed for the query
  let active = -1; // the one the arrow keys are on
  let asked = 0; // the number of the last search sent; older answers are dropped
  let timer = null;

  const results = h('ul', { id: `${id}s`, class: 'intake-places', role: 'listbox', hidden: true });
  const input = h('input', {
    id, type: 'search', autocomplete: 'off', role: 'combobox', 'aria-controls': `${id}s`,
    'aria-expanded': 'false', placeholder,
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(search, SEARCH_DELAY_MS);
    },
    onkeydown: (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (found.length) showResults(Math.max(0, Math.min(found.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1))));
      } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault(); // Enter picks a place; it never submits the form from here
        if (found.length) pick(found[Math.max(active, 0)]);
      }
    },
  });

  async function search() {
    const q = input.value.trim();
    const mine = ++asked;
    if (!q) {
      found = [];
      showResults(-1);
      return;
    }
    try {
      const answer = await api.get(`/api/places?q=${encodeURIComponent(q)}&limit=${RESULTS}`);
      if (mine !== asked) return;
      found = answer;
      showResults(found.length ? 0 : -1);
    } catch (e) {
      if (mine === asked) onError(errorText(e));
    }
  }

  function showResults(index) {
    active = index;
    results.replaceChildren(...(input.value.trim() && !found.length
      ? [h('li', { class: 'empty' }, t('intake.noMatch'))]
      : found.map((p, i) => h('li', {
        role: 'option', class: i === active ? 'active' : null, 'aria-selected': String(i === active),
        dataset: { placeId: p.id, kind: p.kind },
        onmousedown: (e) => { e.preventDefault(); pick(p); },
      },
      h('strong', {}, p.name), ' ',
      h('span', { class: 'muted' }, [label('placeKind', p.kind), p.township ? ` · ${p.township}` : ''].join('')),
      h('span', { class: 'initials' }, p.initials)))));
    results.hidden = !input.value.trim();
    input.setAttribute('aria-expanded', String(!results.hidden));
  }

  function pick(p) {
    input.value = p.name;
    found = [];
    showResults(-1);
    onPick(p);
  }

  return { input, results, dispose: () => clearTimeout(timer) };
}
