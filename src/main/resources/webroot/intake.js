// Taking a call (接警): the new-incident form, place first. The dispatcher types a village, a
// committee, a township or a station by name or pinyin initials (wzc → 王庄村) and picks it with
// the arrow keys and Enter, or clicks the map; then the caller, the source, what happened.
/* global L */
import { api } from './api.js';
import { errorText } from './phrases.js';
import { severityText } from './badges.js';
import { h } from './dom.js';
import { label, t } from './i18n.js';
import { placeSearch } from './places.js';
import { INCIDENT_TYPES } from './store.js';

const SOURCES = ['transfer_110', 'transfer_119', 'transfer_122', 'walk_in', 'console'];

/**
 * panel: the element the form is drawn in; map: the Leaflet map a click on which picks the place
 * while the form is open; onCreated(incident) once the incident is reported. Returns
 * {open(latlng?), close(), isOpen()}.
 */
export function initIntake(panel, map, onCreated) {
  let form = null;

  function open(latlng) {
    if (!form) {
      form = buildForm(map, () => close(), (incident) => {
        close();
        onCreated(incident);
      });
      panel.replaceChildren(form.el);
      panel.hidden = false;
    }
    if (latlng) form.pickPoint(latlng);
    else form.focusPlace();
  }

  function close() {
    if (!form) return;
    form.dispose();
    form = null;
    panel.replaceChildren();
    panel.hidden = true;
  }

  return { open, close, isOpen: () => form != null };
}

function buildForm(map, cancel, created) {
  let where = null; // {lat, lon, name?, township?}
  const marker = L.circleMarker([0, 0], { radius: 9, color: '#c92a2a', weight: 3, fillOpacity: 0.25 });

  const option = (value, text, selected) => h('option', { value, selected }, text);
  const { input: place, results, dispose: stopSearch } = placeSearch({
    id: 'intake-place',
    placeholder: t('intake.placePlaceholder'),
    onError: (message) => showError(message),
    onPick: (p) => {
      setWhere({ lat: p.lat, lon: p.lon, name: p.name, township: p.township });
      map.setView([p.lat, p.lon], Math.max(map.getZoom(), 14));
      callerName.focus();
    },
  });
  const chosen = h('div', { id: 'intake-where', class: 'intake-where muted' }, t('intake.noPlace'));
  const source = h('select', { id: 'incident-source' }, SOURCES.map((s, i) => option(s, label('source', s), i === 0)));
  const callerName = h('input', { id: 'incident-caller-name', maxlength: 100, autocomplete: 'off' });
  const callerPhone = h('input', { id: 'incident-caller-phone', type: 'tel', maxlength: 32, autocomplete: 'off' });
  const type = h('select', { id: 'incident-type', required: true },
    INCIDENT_TYPES.map((ty) => option(ty, label('incidentType', ty))));
  const severity = h('select', { id: 'incident-severity', required: true },
    [1, 2, 3].map((n) => option(String(n), severityText(n), n === 1)));
  const description = h('textarea', { id: 'incident-description', rows: 3, maxlength: 2000, placeholder: t('create.descriptionPlaceholder') });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', id: 'incident-submit', class: 'btn btn-primary' }, t('create.submit'));

  function setWhere(w) {
    where = w;
    chosen.classList.remove('muted');
    chosen.textContent = w.name
      ? [w.name, w.township].filter(Boolean).join(' · ')
      : t('intake.pickedOnMap', { lat: w.lat.toFixed(5), lon: w.lon.toFixed(5) });
    chosen.dataset.lat = w.lat;
    chosen.dataset.lon = w.lon;
    marker.setLatLng([w.lat, w.lon]).addTo(map);
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  const el = h('form', {
    id: 'incident-form', class: 'incident-form intake-form', novalidate: true,
    onkeydown: (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        cancel();
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        el.requestSubmit();
      }
    },
    onsubmit: async (e) => {
      e.preventDefault();
      if (!where) {
        showError(t('intake.placeMissing'));
        place.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('create.busy');
      error.hidden = true;
      try {
        created(await api.post('/api/incidents', {
          type: type.value,
          severity: Number(severity.value),
          lat: round6(where.lat),
          lon: round6(where.lon),
          description: description.value.trim(),
          source: source.value,
          callerName: callerName.value.trim(),
          callerPhone: callerPhone.value.trim(),
        }));
      } catch (err) {
        showError(t('create.failed', { message: errorText(err) }));
        submit.disabled = false;
        submit.textContent = t('create.submit');
      }
    },
  },
  h('div', { class: 'intake-head' },
    h('h3', {}, t('create.title')),
    h('button', { type: 'button', class: 'detail-close', 'aria-label': t('create.cancel'), onclick: cancel }, '×')),
  h('label', {}, t('intake.place'), place),
  results,
  chosen,
  h('div', { class: 'muted small' }, t('intake.mapHint')),
  h('div', { class: 'intake-pair' },
    h('label', {}, t('intake.callerName'), callerName),
    h('label', {}, t('intake.callerPhone'), callerPhone)),
  h('label', {}, t('intake.source'), source),
  h('div', { class: 'intake-pair' },
    h('label', {}, t('create.type'), type),
    h('label', {}, t('create.severity'), severity)),
  h('label', {}, t('create.description'), description),
  error,
  h('div', { class: 'button-row' },
    submit,
    h('button', { type: 'button', class: 'btn btn-secondary', onclick: cancel }, t('create.cancel'))));

  return {
    el,
    focusPlace: () => place.focus(),
    pickPoint: (latlng) => {
      setWhere({ lat: latlng.lat, lon: latlng.lng });
      type.focus();
    },
    dispose: () => {
      stopSearch();
      marker.remove();
    },
  };
}

function round6(x) {
  return Math.round(x * 1e6) / 1e6;
}
