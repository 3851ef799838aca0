// The unit list: counts per status (which double as the status filter), station and office
// filters, a search box, and one row per unit; a click shows the unit on the map.
import { fill, h, patchList, throttle } from './dom.js';
import { ago, label, lang, t } from './i18n.js';
import { UNIT_STATUSES, officeName, on, stationName, store } from './store.js';

// Units on a job first, then available, then the rest.
const LIST_ORDER = { offered: 0, assigned: 1, enroute: 2, on_scene: 3, available: 4, off_duty: 5, offline: 6 };

/** panel: the units tab; its filter elements are found inside by id. mapView focuses a unit. */
export function initUnits({ panel, mapView }) {
  const chips = panel.querySelector('#unit-status-chips');
  const station = panel.querySelector('#unit-station');
  const office = panel.querySelector('#unit-office');
  const search = panel.querySelector('#unit-search');
  const summary = panel.querySelector('#unit-summary');
  const list = panel.querySelector('#unit-list');
  const filter = { status: '', station: '', office: '', text: '' };
  let filterOptions = ''; // what the selects were last filled with; refilling closes an open one

  const render = throttle(() => {
    if (panel.hidden) return;
    drawFilters();
    drawList();
  }, 500);

  function drawFilters() {
    const stations = new Set();
    const offices = new Set();
    for (const u of store.units.values()) {
      stations.add(u.stationId);
      if (!filter.station || u.stationId === filter.station) offices.add(u.officeId);
    }
    if (!offices.has(filter.office)) filter.office = '';
    const stationIds = [...stations].sort();
    const officeIds = [...offices].sort();
    const options = [lang(), filter.station, filter.office, ...stationIds, '|', ...officeIds].join(',');
    if (options === filterOptions) return;
    filterOptions = options;
    fillSelect(station, t('units.allStations'), stationIds, stationName, filter.station);
    fillSelect(office, t('units.allOffices'), officeIds, officeName, filter.office);
  }

  /** Whether the station, office and search filters let the unit through (the status chips count these). */
  const placedIn = (u) => (!filter.station || u.stationId === filter.station)
    && (!filter.office || u.officeId === filter.office)
    && matches(u, filter.text);
  const shown = (u) => placedIn(u) && (!filter.status || u.status === filter.status);

  /** Redraws the list, and the map with the same units. */
  function changed() {
    mapView.filterUnits(shown);
    render();
  }

  function drawList() {
    const placed = [...store.units.values()].filter(placedIn);
    const counts = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0]));
    placed.forEach((u) => { counts[u.status] = (counts[u.status] ?? 0) + 1; });
    patchList(chips, [
      statusChip('', t('units.all'), placed.length),
      ...UNIT_STATUSES.map((s) => statusChip(s, label('unitStatus', s), counts[s]))], (el) => el.dataset.status);
    const listed = placed.filter(shown).sort(byUrgency);
    summary.textContent = t('units.shown', { shown: listed.length, total: store.units.size });
    patchList(list, listed.length ? listed.map(unitRow) : [h('li', { class: 'empty' }, t('units.empty'))], (el) => el.dataset.unitId);
  }

  function statusChip(status, text, count) {
    return h('button', {
      type: 'button',
      class: `status-filter${filter.status === status ? ' active' : ''}`,
      dataset: { status: status || 'all' },
      'aria-pressed': String(filter.status === status),
      onclick: () => {
        filter.status = filter.status === status ? '' : status;
        changed();
      },
    }, status ? h('span', { class: `dot unit-${status}` }) : null, text, h('span', { class: 'count' }, String(count)));
  }

  function unitRow(u) {
    const p = u.position;
    return h('li', {
      class: `unit-row${p ? '' : ' no-position'}`,
      tabindex: 0,
      dataset: { unitId: u.id, status: u.status },
      onclick: () => mapView.focusUnit(u.id),
      onkeydown: (e) => { if (e.key === 'Enter') mapView.focusUnit(u.id); },
    },
    h('span', { class: `dot unit-${u.status}${u.kind === 'officer' ? ' unit-officer' : ''}` }),
    h('div', { class: 'row-main' },
      h('div', { class: 'row-title' },
        h('strong', {}, u.name), h('span', { class: 'muted small' }, u.id),
        u.sos ? h('span', { class: 'badge badge-sos' }, 'SOS') : null),
      h('div', { class: 'row-meta' },
        h('span', {}, officeName(u.officeId)),
        h('span', {}, p ? ago(u.lastSeen) : t('units.noPosition')),
        p?.batt != null ? h('span', {}, `${Math.round(p.batt)}%`) : null)),
    h('span', { class: `chip unit-chip-${u.status}` }, label('unitStatus', u.status)));
  }

  station.addEventListener('change', () => { filter.station = station.value; changed(); });
  office.addEventListener('change', () => { filter.office = office.value; changed(); });
  search.addEventListener('input', () => { filter.text = search.value.trim().toLowerCase(); changed(); });
  ['snapshot', 'units', 'lang'].forEach((topic) => on(topic, render));
  setInterval(render, 15_000); // keeps "last seen" true

  /** Shows the units of a station (all stations for '') in a status ('' for any), e.g. from the unit board. */
  function show(stationId, status) {
    Object.assign(filter, { station: stationId, office: '', text: '', status });
    search.value = '';
    filterOptions = '';
    changed();
  }

  return { render, show };
}

function matches(unit, text) {
  return !text || unit.name.toLowerCase().includes(text) || unit.id.toLowerCase().includes(text)
    || (unit.deviceId ?? '').toLowerCase().includes(text);
}

function byUrgency(a, b) {
  return Number(b.sos) - Number(a.sos)
    || (LIST_ORDER[a.status] ?? 9) - (LIST_ORDER[b.status] ?? 9)
    || a.id.localeCompare(b.id);
}

function fillSelect(select, allText, ids, nameOf, chosen) {
  fill(select, h('option', { value: '' }, allText),
    ids.map((id) => h('option', { value: id, selected: id === chosen }, nameOf(id))));
}
