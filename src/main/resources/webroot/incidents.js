// Incidents: the live queue in the sidebar, or the history of a day with its filters and export.
import { api } from './api.js';
import { errorText } from './phrases.js';
import {
  escalationCountdown, incidentNumber, severityText, statusChip, tickCountdowns, typeBadge,
} from './badges.js';
import { h, patchList, throttle } from './dom.js';
import { ago, clock, label, t } from './i18n.js';
import {
  ACTIVE_ASSIGNMENT, ACTIVE_INCIDENT, INCIDENT_TYPES, on, placeName, select, stationName, store,
} from './store.js';
import { notify } from './toasts.js';

const STATUSES = ['new', 'dispatching', 'assigned', 'on_scene', 'cleared', 'resolved', 'closed', 'cancelled'];

const SORTS = {
  newest: (a, b) => b.createdAt - a.createdAt,
  oldest: (a, b) => a.createdAt - b.createdAt,
  severity: (a, b) => b.severity - a.severity || b.level - a.level || a.createdAt - b.createdAt,
};

/**
 * queueEl: the list; sortEl: its sort selector; countEl: the tab's count of active incidents;
 * history: {viewEl, toolbarEl, dayEl, statusEl, typeEl, stationEl, exportEl}, the history's
 * controls; timeZone: the county's, in which its days begin; mapView focuses the map on a picked incident. Returns pick(id), which selects an
 * incident and shows it on the map.
 */
export function initIncidents({ queueEl, sortEl, countEl, history, timeZone, mapView }) {
  let past = null; // the history's incidents while it is shown, else null (the live queue)
  const renderQueue = throttle(() => drawQueue(queueEl, countEl, sortEl.value, pick, past), 200);

  function pick(id) {
    select(id);
    mapView.focusIncident(id);
  }

  /** The history's query: the day, with the filters not left at "all". */
  function historyQuery(format) {
    const q = new URLSearchParams({ status: history.statusEl.value || 'all', from: history.dayEl.value });
    if (history.typeEl.value) q.set('type', history.typeEl.value);
    if (history.stationEl.value) q.set('station', history.stationEl.value);
    if (format) q.set('format', format);
    return `/api/incidents?${q}`;
  }

  let asked = 0;
  async function loadHistory() {
    const mine = ++asked;
    try {
      const found = await api.get(historyQuery());
      if (mine === asked && past) {
        past = found;
        renderQueue();
      }
    } catch (e) {
      notify.error(errorText(e));
    }
  }

  function showView() {
    const historic = history.viewEl.value === 'history';
    history.toolbarEl.hidden = !historic;
    if (historic) {
      fillFilters(history);
      past = [];
      loadHistory();
    } else {
      past = null;
    }
    renderQueue();
  }

  history.dayEl.value = countyDay(new Date(), timeZone);
  history.viewEl.addEventListener('change', showView);
  [history.dayEl, history.statusEl, history.typeEl, history.stationEl]
    .forEach((el) => el.addEventListener('change', loadHistory));
  history.exportEl.addEventListener('click', () => api.download(historyQuery('csv'), 'incidents.csv')
    .catch((e) => notify.error(errorText(e))));
  sortEl.addEventListener('change', renderQueue);
  ['snapshot', 'incident', 'selection', 'lang'].forEach((topic) => on(topic, renderQueue));
  on('lang', () => { if (past) fillFilters(history); });
  setInterval(renderQueue, 15_000); // keeps "5 minutes ago" true

  return pick;
}

/** The filters' choices, in the console's language, keeping what is chosen. */
function fillFilters({ statusEl, typeEl, stationEl }) {
  const choices = (el, values, text) => {
    const chosen = el.value;
    el.replaceChildren(h('option', { value: '' }, t('history.all')),
      ...values.map((v) => h('option', { value: v, selected: v === chosen }, text(v))));
  };
  choices(statusEl, STATUSES, (s) => label('incidentStatus', s));
  choices(typeEl, INCIDENT_TYPES, (ty) => label('incidentType', ty));
  choices(stationEl, [...store.org.stations.keys()], (id) => stationName(id));
}

/** The day it is in the county, as YYYY-MM-DD. */
function countyDay(d, timeZone) {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(d);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---------------------------------------------------------------- queue

/** The live queue, or the history's incidents (past) when it is shown, with their clock times. */
function drawQueue(queueEl, countEl, sort, pick, past) {
  const live = [...store.incidents.values()];
  const incidents = [...(past ?? live)].sort((a, b) =>
    Number(!ACTIVE_INCIDENT.has(a.status)) - Number(!ACTIVE_INCIDENT.has(b.status)) || SORTS[sort](a, b));
  countEl.textContent = live.filter((i) => ACTIVE_INCIDENT.has(i.status)).length;
  const empty = h('li', { class: 'empty' }, t(past ? 'history.empty' : 'queue.empty'));
  patchList(queueEl, incidents.length ? incidents.map((i) => queueRow(i, pick, past != null)) : [empty],
    (el) => el.dataset.incidentId);
  tickCountdowns(queueEl);
}

function queueRow(incident, pick, historic) {
  const assignments = incident.assignments ?? [];
  const committed = assignments.filter((a) => ['accepted', 'enroute', 'on_scene', 'cleared'].includes(a.status)).length;
  const active = assignments.filter((a) => ACTIVE_ASSIGNMENT.has(a.status)).length;
  const classes = ['incident-row', `istatus-${incident.status}`];
  if (incident.level > 1) classes.push('escalated');
  if (incident.id === store.selectedId) classes.push('selected');
  return h('li', {
    class: classes.join(' '),
    tabindex: 0,
    dataset: { incidentId: incident.id, status: incident.status, level: incident.level },
    onclick: () => pick(incident.id),
    onkeydown: (e) => { if (e.key === 'Enter') pick(incident.id); },
  },
  typeBadge(incident),
  h('div', { class: 'row-main' },
    h('div', { class: 'row-title' },
      h('span', { class: 'incident-number', title: t('detail.number') }, incidentNumber(incident)),
      h('strong', {}, label('incidentType', incident.type)),
      h('span', { class: `severity severity-${incident.severity}` }, severityText(incident.severity)),
      statusChip(incident.status)),
    h('div', { class: 'row-desc' }, incident.description || t('detail.noDescription')),
    h('div', { class: 'row-meta' },
      incident.place ? h('span', { class: 'row-place' }, placeName(incident.place)) : null,
      h('span', {}, stationName(incident.stationId)),
      h('span', {}, historic ? clock(incident.createdAt) : ago(incident.createdAt)),
      h('span', { class: 'row-units' }, unitsText(incident.status, active, committed)),
      incident.level > 1 ? h('span', { class: 'badge badge-level' }, t('queue.level', { n: incident.level })) : null,
      escalationCountdown(incident),
      incident.shortfall ? h('span', { class: 'badge badge-shortfall' }, label('shortfall', incident.shortfall)) : null)));
}

/** Who is on it; once it is over, who took part. */
function unitsText(status, active, committed) {
  if (!ACTIVE_INCIDENT.has(status)) return committed ? t('queue.unitsTookPart', { n: committed }) : t('queue.noUnitsTookPart');
  return active || committed ? t('queue.units', { accepted: committed, total: Math.max(active, committed) }) : t('queue.noUnits');
}
