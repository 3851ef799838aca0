// Incidents: the queue in the sidebar.
import {
  escalationCountdown, incidentNumber, severityText, statusChip, tickCountdowns, typeBadge,
} from './badges.js';
import { h, patchList, throttle } from './dom.js';
import { ago, label, t } from './i18n.js';
import {
  ACTIVE_ASSIGNMENT, ACTIVE_INCIDENT, on, placeName, select, stationName, store,
} from './store.js';

const SORTS = {
  newest: (a, b) => b.createdAt - a.createdAt,
  oldest: (a, b) => a.createdAt - b.createdAt,
  severity: (a, b) => b.severity - a.severity || b.level - a.level || a.createdAt - b.createdAt,
};

/**
 * queueEl: the list; sortEl: its sort selector; countEl: the tab's count of active incidents;
 * mapView focuses the map on a picked incident. Returns pick(id), which selects an incident and
 * shows it on the map.
 */
export function initIncidents({ queueEl, sortEl, countEl, mapView }) {
  const renderQueue = throttle(() => drawQueue(queueEl, countEl, sortEl.value, pick), 200);

  function pick(id) {
    select(id);
    mapView.focusIncident(id);
  }

  sortEl.addEventListener('change', renderQueue);
  ['snapshot', 'incident', 'selection', 'lang'].forEach((topic) => on(topic, renderQueue));
  setInterval(renderQueue, 15_000); // keeps "5 minutes ago" true

  return pick;
}

// ---------------------------------------------------------------- queue

function drawQueue(queueEl, countEl, sort, pick) {
  const incidents = [...store.incidents.values()].sort((a, b) =>
    Number(!ACTIVE_INCIDENT.has(a.status)) - Number(!ACTIVE_INCIDENT.has(b.status)) || SORTS[sort](a, b));
  countEl.textContent = incidents.filter((i) => ACTIVE_INCIDENT.has(i.status)).length;
  patchList(queueEl, incidents.length ? incidents.map((i) => queueRow(i, pick)) : [h('li', { class: 'empty' }, t('queue.empty'))],
    (el) => el.dataset.incidentId);
  tickCountdowns(queueEl);
}

function queueRow(incident, pick) {
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
      h('span', {}, ago(incident.createdAt)),
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
