// Small pieces of incident display shared by the queue, the detail panel and the create form.
import { h } from './dom.js';
import { label, t } from './i18n.js';
import { ACTIVE_INCIDENT, INCIDENT_TYPES } from './store.js';

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

/** A countdown to when the incident escalates unless its units have accepted (null when none runs). */
export function escalationCountdown(incident) {
  return incident.escalatesAt && ACTIVE_INCIDENT.has(incident.status)
    ? h('span', { class: 'badge badge-countdown', dataset: { escalatesAt: incident.escalatesAt } })
    : null;
}

/** Brings every countdown under root up to date: offers' deadlines and escalation deadlines. */
export function tickCountdowns(root = document) {
  const left = (at) => Math.max(0, Math.round((Number(at) - Date.now()) / 1000));
  root.querySelectorAll('[data-expires-at]').forEach((c) => {
    c.textContent = t('detail.expiresIn', { s: left(c.dataset.expiresAt) });
  });
  root.querySelectorAll('[data-escalates-at]').forEach((c) => {
    const s = left(c.dataset.escalatesAt);
    c.textContent = t('detail.escalatesIn', { time: `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` });
  });
}
