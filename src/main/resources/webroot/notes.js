// The incident detail's notes and corrections: a dispatcher's note goes to the timeline; the
// report's type, severity, place and description are corrected, each change kept in the
// timeline with the old and new value. Both until the incident is closed.
import { api } from './api.js';
import { severityText } from './badges.js';
import { h } from './dom.js';
import { label, t } from './i18n.js';
import { errorText } from './phrases.js';
import { placeSearch } from './places.js';
import { INCIDENT_TYPES } from './store.js';
import { notify } from './toasts.js';

/** Posts to the incident and hands the answer (the incident with its timeline) to changed. */
async function send(button, path, body, changed) {
  button.disabled = true;
  try {
    changed(await api.post(path, body));
    return true;
  } catch (e) {
    notify.error(t('action.failed', { message: errorText(e) }));
    return false;
  } finally {
    button.disabled = false;
  }
}

/** incident: as shown now; changed(updated) with the server's answer. Returns {el, update(incident)}. */
export function notesAndEdits(incident, changed) {
  const base = `/api/incidents/${encodeURIComponent(incident.id)}`;

  const text = h('textarea', { id: 'note-text', rows: 2, maxlength: 2000, placeholder: t('note.placeholder') });
  const add = h('button', { type: 'submit', id: 'note-add', class: 'btn btn-small btn-primary' }, t('note.add'));
  const noteForm = h('form', {
    id: 'note-form', class: 'note-form',
    onkeydown: (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        noteForm.requestSubmit();
      }
    },
    onsubmit: async (e) => {
      e.preventDefault();
      if (!text.value.trim()) {
        text.focus();
        return;
      }
      if (await send(add, `${base}/notes`, { text: text.value.trim() }, changed)) text.value = '';
    },
  }, h('label', { for: 'note-text' }, t('note.heading')), text, h('div', { class: 'button-row' }, add));

  let moved = null; // the place picked for the correction, else null
  const type = h('select', { id: 'edit-type' }, INCIDENT_TYPES.map((ty) => h('option', { value: ty }, label('incidentType', ty))));
  const severity = h('select', { id: 'edit-severity' }, [1, 2, 3].map((n) => h('option', { value: String(n) }, severityText(n))));
  const description = h('textarea', { id: 'edit-description', rows: 2, maxlength: 2000 });
  const where = h('div', { id: 'edit-where', class: 'muted small' });
  const { input: place, results } = placeSearch({
    id: 'edit-place',
    placeholder: t('intake.placePlaceholder'),
    onError: (message) => notify.error(message),
    onPick: (p) => {
      moved = p;
      where.textContent = [p.name, p.township].filter(Boolean).join(' · ');
    },
  });
  const save = h('button', { type: 'submit', id: 'edit-save', class: 'btn btn-small btn-primary' }, t('edit.save'));
  let shown = incident;

  function reset(current) {
    shown = current;
    type.value = current.type;
    severity.value = String(current.severity);
    description.value = current.description ?? '';
    moved = null;
    place.value = '';
    where.textContent = '';
  }

  const editForm = h('form', {
    id: 'edit-form', class: 'edit-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = {};
      if (type.value !== shown.type) body.type = type.value;
      if (Number(severity.value) !== shown.severity) body.severity = Number(severity.value);
      if (description.value.trim() !== (shown.description ?? '')) body.description = description.value.trim();
      if (moved) Object.assign(body, { lat: moved.lat, lon: moved.lon });
      if (!Object.keys(body).length) return;
      await send(save, `${base}/edit`, body, (updated) => {
        reset(updated);
        changed(updated);
      });
    },
  },
  h('div', { class: 'intake-pair' },
    h('label', {}, t('create.type'), type),
    h('label', {}, t('create.severity'), severity)),
  h('label', {}, t('edit.place'), place),
  results,
  where,
  h('label', {}, t('create.description'), description),
  h('div', { class: 'button-row' }, save));
  reset(incident);

  const el = h('section', { class: 'detail-notes' },
    noteForm,
    h('details', { id: 'incident-edit' }, h('summary', {}, t('edit.heading')), editForm));
  return {
    el,
    /** The incident changed elsewhere: a form not being edited follows it; a closed one takes nothing. */
    update(current) {
      el.hidden = current.status === 'closed';
      if (!el.querySelector('#incident-edit').open) reset(current);
    },
  };
}

/** An `edited` timeline entry: "等级：一般 → 较大", a place by its village names. */
export function editedText({ field, from, to }) {
  const value = {
    type: (v) => label('incidentType', v),
    severity: (v) => severityText(v),
    place: (v) => (v ? [v.name, v.township].filter(Boolean).join(' · ') : t('detail.noPlace')),
    description: (v) => v || t('detail.noDescription'),
  }[field] ?? String;
  return `${t(`edit.field.${field}`)}：${value(from)} → ${value(to)}`;
}
