// Small pieces of incident display shared by the queue, the detail panel and the create form.
import { h } from './dom.js';
import { label, t } from './i18n.js';
import { INCIDENT_TYPES } from './store.js';

export function typeBadge(incident) {
  const type = INCIDENT_TYPES.includes(incident.type) ? incident.type : 'other';
  return h('span', { class: `type-badge incident-${type}`, 'aria-hidden': 'true' }, label('incidentGlyph', type));
}

export function severityText(severity) {
  return t('severity.label', { n: severity, name: label('severity', severity) });
}

export function statusChip(status) {
  return h('span', { class: `chip istatus-chip-${status}` }, label('incidentStatus', status));
}

/** What people say on the phone: the incident's number (its id until it has one). */
export function incidentNumber(incident) {
  return incident.number ?? incident.id;
}
