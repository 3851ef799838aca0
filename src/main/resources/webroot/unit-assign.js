// "Assign to…" from a unit's popup: the open incidents, nearest first, in a dialog; one click
// assigns the unit to the one chosen.
import { api } from './api.js';
import { incidentNumber } from './badges.js';
import { distanceM, fill, h } from './dom.js';
import { label, t } from './i18n.js';
import { errorText } from './phrases.js';
import { ACTIVE_INCIDENT, placeName, store, upsertIncident } from './store.js';
import { notify } from './toasts.js';

let dialog = null;

/** Opens the dialog for the unit; onAssigned(incident) once it is assigned. */
export function openAssignDialog(unitId, onAssigned) {
  const unit = store.units.get(unitId);
  if (!unit) return;
  dialog ??= document.body.appendChild(h('dialog', { id: 'assign-dialog', class: 'assign-dialog' }));
  const open = [...store.incidents.values()]
    .filter((i) => ACTIVE_INCIDENT.has(i.status) && i.status !== 'cleared')
    .map((i) => ({ i, m: unit.position ? distanceM(unit.position, i) : null }))
    .sort((a, b) => (a.m ?? Infinity) - (b.m ?? Infinity) || b.i.createdAt - a.i.createdAt);
  const choose = async (incident, button) => {
    button.disabled = true;
    try {
      const updated = await api.post(`/api/incidents/${encodeURIComponent(incident.id)}/assign`, { unitId });
      if (updated?.id) upsertIncident(updated);
      notify.ok(t('assignDialog.done', { unit: unit.name, number: incidentNumber(incident) }));
      dialog.close();
      onAssigned(updated ?? incident);
    } catch (e) {
      button.disabled = false;
      notify.error(t('action.failed', { message: errorText(e) }));
    }
  };
  fill(dialog,
    h('h3', {}, t('assignDialog.title', { unit: unit.name })),
    open.length
      ? h('ul', { class: 'assign-incidents' }, open.map(({ i, m }) => h('li', {},
        h('button', {
          type: 'button', class: 'assign-incident', dataset: { incidentId: i.id },
          onclick: (e) => choose(i, e.currentTarget),
        },
        h('strong', {}, `${incidentNumber(i)} · ${label('incidentType', i.type)}`),
        h('span', { class: 'muted' }, [i.place ? placeName(i.place) : '', m == null ? '' : t('detail.distance', { km: (m / 1000).toFixed(1) })]
          .filter(Boolean).join(' · '))))))
      : h('p', { class: 'muted' }, t('assignDialog.none')),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => dialog.close() }, t('create.cancel'))));
  dialog.showModal();
}
