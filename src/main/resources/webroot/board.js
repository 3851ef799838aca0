// The unit board (警力看板): on wide screens, beside the incident queue, how many units each
// station has in each status. A count is a link: it shows those units in the list and on the map.
import { fill, h, throttle } from './dom.js';
import { label, lang, t } from './i18n.js';
import { UNIT_STATUSES, on, stationName, store } from './store.js';

/**
 * Counts of units per station and status: {rows: [{stationId, counts: {status: n}, total}],
 * totals: {status: n}, total}; rows in the order of the stations' ids.
 */
export function boardCounts(units) {
  const rows = new Map();
  const totals = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0]));
  for (const u of units) {
    if (!rows.has(u.stationId)) {
      rows.set(u.stationId, { stationId: u.stationId, counts: Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0])), total: 0 });
    }
    const row = rows.get(u.stationId);
    row.counts[u.status] = (row.counts[u.status] ?? 0) + 1;
    row.total += 1;
    totals[u.status] = (totals[u.status] ?? 0) + 1;
  }
  const sorted = [...rows.values()].sort((a, b) => String(a.stationId).localeCompare(String(b.stationId)));
  return { rows: sorted, totals, total: units.length };
}

/** el: the board; onPick(stationId, status) when a count is clicked ('' for all stations or any status). */
export function initBoard(el, onPick) {
  let drawn = ''; // the counts and language last drawn: most ticks only move units
  const draw = throttle(() => {
    if (!el.offsetParent) return; // hidden below the wide layout
    const counts = boardCounts([...store.units.values()]);
    const key = lang() + JSON.stringify(counts) + store.org.stations.size;
    if (key === drawn) return;
    drawn = key;
    const { rows, totals, total } = counts;
    const cell = (stationId, status, n) => h('td', { dataset: { station: stationId, status: status || 'all' } },
      n ? h('button', { type: 'button', class: 'board-count', onclick: () => onPick(stationId, status) }, String(n))
        : h('span', { class: 'board-zero' }, '0'));
    fill(el,
      h('h3', {}, t('board.title')),
      h('table', { class: 'board-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('board.station')),
          UNIT_STATUSES.map((s) => h('th', { title: label('unitStatus', s) }, h('span', { class: `dot unit-${s}` }),
            h('span', { class: 'board-status' }, label('unitStatus', s)))),
          h('th', {}, t('board.total')))),
        h('tbody', {}, rows.map((r) => h('tr', { dataset: { station: r.stationId } },
          h('th', {}, stationName(r.stationId)),
          UNIT_STATUSES.map((s) => cell(r.stationId, s, r.counts[s])),
          cell(r.stationId, '', r.total)))),
        h('tfoot', {}, h('tr', { dataset: { station: 'all' } },
          h('th', {}, t('board.county')),
          UNIT_STATUSES.map((s) => cell('', s, totals[s])),
          cell('', '', total)))));
  }, 1000);
  ['snapshot', 'units', 'lang'].forEach((topic) => on(topic, draw));
  window.matchMedia('(min-width: 1900px)').addEventListener('change', draw);
  draw();
}
