// Incidents: the queue in the sidebar, and the create form opened where the map was clicked.
/* global L */
import { api } from './api.js';
import { errorText } from './phrases.js';
import {
  escalationCountdown, incidentNumber, severityText, statusChip, tickCountdowns, typeBadge,
} from './badges.js';
import { h, patchList, throttle } from './dom.js';
import { ago, label, t } from './i18n.js';
import {
  ACTIVE_ASSIGNMENT, ACTIVE_INCIDENT, INCIDENT_TYPES, on, select, stationName, store, upsertIncident,
} from './store.js';

const SORTS = {
  newest: (a, b) => b.createdAt - a.createdAt,
  oldest: (a, b) => a.createdAt - b.createdAt,
  severity: (a, b) => b.severity - a.severity || b.level - a.level || a.createdAt - b.createdAt,
};

/**
 * queueEl: the list; sortEl: its sort selector; countEl: the tab's count of active incidents;
 * mapView focuses the map on a picked incident. Returns {openCreateForm(latlng)}.
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

  return { openCreateForm: (latlng) => openCreateForm(mapView.map, latlng, pick) };
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
      h('span', { class: 'incident-number' }, incidentNumber(incident)),
      h('strong', {}, label('incidentType', incident.type)),
      h('span', { class: `severity severity-${incident.severity}` }, severityText(incident.severity)),
      statusChip(incident.status)),
    h('div', { class: 'row-desc' }, incident.description || t('detail.noDescription')),
    h('div', { class: 'row-meta' },
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

// ---------------------------------------------------------------- create form

function openCreateForm(map, latlng, pick) {
  const option = (value, text, selected) => h('option', { value, selected }, text);
  const type = h('select', { id: 'incident-type', required: true },
    INCIDENT_TYPES.map((ty) => option(ty, label('incidentType', ty))));
  const severity = h('select', { id: 'incident-severity', required: true },
    [1, 2, 3].map((n) => option(String(n), severityText(n), n === 1)));
  const description = h('textarea', { id: 'incident-description', rows: 3, maxlength: 500, placeholder: t('create.descriptionPlaceholder') });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', id: 'incident-submit', class: 'btn btn-primary' }, t('create.submit'));
  const popup = L.popup({ className: 'create-popup', minWidth: 280, maxWidth: 320, autoPanPadding: [40, 40] });
  const form = h('form', {
    id: 'incident-form', class: 'incident-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      submit.textContent = t('create.busy');
      error.hidden = true;
      try {
        const incident = await api.post('/api/incidents', {
          type: type.value,
          severity: Number(severity.value),
          lat: round6(latlng.lat),
          lon: round6(latlng.lng),
          description: description.value.trim(),
          source: 'console',
        });
        map.closePopup(popup);
        upsertIncident(incident);
        pick(incident.id);
      } catch (err) {
        error.textContent = t('create.failed', { message: errorText(err) });
        error.hidden = false;
        submit.disabled = false;
        submit.textContent = t('create.submit');
      }
    },
  },
  h('h3', {}, t('create.title')),
  h('div', { class: 'muted small' }, `${latlng.lat.toFixed(5)}, ${latlng.lng.toFixed(5)}`),
  h('label', {}, t('create.type'), type),
  h('label', {}, t('create.severity'), severity),
  h('label', {}, t('create.description'), description),
  error,
  h('div', { class: 'button-row' },
    submit,
    h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => map.closePopup(popup) }, t('create.cancel'))));
  popup.setLatLng(latlng).setContent(form).openOn(map);
  type.focus();
}

function round6(x) {
  return Math.round(x * 1e6) / 1e6;
}
