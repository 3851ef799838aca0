// The incident detail panel (#incident-detail): facts, shortfall, actions, assignments, timeline.
import { api } from './api.js';
import { errorText, partyName, reasonText, unitName } from './phrases.js';
import { fill, h } from './dom.js';
import { ago, clock, label, t } from './i18n.js';
import {
  escalationCountdown, incidentNumber, severityText, statusChip, tickCountdowns, typeBadge,
} from './badges.js';
import {
  ACTIVE_ASSIGNMENT, ACTIVE_INCIDENT, canAct, on, placeName, select, setDetail, stationName, store, upsertIncident,
} from './store.js';
import { notify } from './toasts.js';
import { photosSection } from './photos.js';
import { editedText, notesAndEdits } from './notes.js';

const CANDIDATES = 200;

/** el: the panel; mapView shows units and the incident on the map. */
export function initDetail(el, mapView) {
  let loading = null; // the id being fetched
  let again = false;
  let busy = false;
  let parts = null; // the panel's sections, built once per selected incident

  async function load() {
    const id = store.selectedId;
    if (!id) return;
    if (loading === id) {
      again = true;
      return;
    }
    loading = id;
    try {
      setDetail(await api.get(`/api/incidents/${encodeURIComponent(id)}`));
    } catch (e) {
      if (store.selectedId === id) notify.error(errorText(e));
    } finally {
      loading = null;
      if (again) {
        again = false;
        load();
      }
    }
  }

  function show(id) {
    parts = null;
    el.hidden = id == null;
    if (id == null) return;
    el.dataset.incidentId = id;
    delete el.dataset.status;
    fill(el, h('div', { class: 'detail-loading' }, t('detail.loading')));
    load();
  }

  function render() {
    const incident = store.detail;
    if (!incident) return;
    parts ??= skeleton(incident);
    el.dataset.status = incident.status;
    el.dataset.level = incident.level;
    fill(parts.head, head(incident));
    fill(parts.facts, facts(incident, mapView));
    if (parts.actions) updateActions(parts.actions, incident);
    parts.notes?.update(incident);
    fill(parts.assignments, assignmentsTable(incident));
    fill(parts.timeline, timeline(incident));
    tickCountdowns(el);
  }

  /** The parts that stay while the same incident is shown, so the assign picker keeps its choice. */
  function skeleton(incident) {
    const p = {
      head: h('div', { class: 'detail-head' }),
      facts: h('dl', { class: 'facts' }),
      actions: canAct() ? actionsSection(incident.id) : null,
      notes: canAct() ? notesAndEdits(incident, (updated) => {
        upsertIncident(updated);
        setDetail(updated);
      }) : null,
      assignments: h('div', { class: 'detail-assignments' }),
      timeline: h('ol', { class: 'timeline' }),
    };
    fill(el,
      p.head,
      h('div', { class: 'detail-scroll' },
        p.facts,
        p.actions,
        p.notes?.el,
        incident.source === 'device' ? photosSection(incident.id) : null,
        h('section', {}, h('h3', {}, t('detail.assignments')), p.assignments),
        h('section', {}, h('h3', {}, t('detail.timeline')), p.timeline)));
    return p;
  }

  function actionsSection(id) {
    const run = async (button, name, call) => {
      if (busy) return;
      busy = true;
      button.classList.add('busy');
      try {
        const updated = await call();
        if (updated?.id) upsertIncident(updated);
        notify.ok(t('action.done', { action: name }));
        load();
      } catch (e) {
        notify.error(t('action.failed', { message: errorText(e) }));
      } finally {
        busy = false;
        button.classList.remove('busy');
      }
    };
    const path = (verb) => `/api/incidents/${encodeURIComponent(id)}/${verb}`;
    const button = (verb, cls, confirmKey) => {
      const b = h('button', {
        type: 'button', class: `btn ${cls}`, dataset: { action: verb },
        onclick: () => {
          if (confirmKey && !window.confirm(t(confirmKey))) return;
          run(b, t(`action.${verb}`), () => api.post(path(verb)));
        },
      }, t(`action.${verb}`));
      return b;
    };
    const picker = h('select', { id: 'assign-unit', class: 'assign-picker', onfocus: () => loadCandidates(picker, search) });
    // typing a name (or an id) keeps the units that match, and chooses the first of them
    const search = h('input', {
      id: 'assign-search', type: 'search', class: 'assign-search', autocomplete: 'off', placeholder: t('detail.searchUnit'),
      oninput: () => fillCandidates(picker, search, true),
      onfocus: () => loadCandidates(picker, search),
      onkeydown: (e) => { if (e.key === 'Enter') assign.click(); },
    });
    const assign = h('button', {
      type: 'button', class: 'btn btn-primary', id: 'assign-button', dataset: { action: 'assign' },
      onclick: () => {
        if (!picker.value) {
          picker.focus();
          return;
        }
        run(assign, t('detail.assign'), () => api.post(path('assign'), { unitId: picker.value }));
      },
    }, t('detail.assign'));
    loadCandidates(picker, search);
    return h('section', { class: 'detail-actions' },
      h('h3', {}, t('detail.actions')),
      h('div', { class: 'button-row' },
        button('escalate', 'btn-warning'), button('resolve', 'btn-success'),
        button('close', 'btn-secondary'), button('cancel', 'btn-danger', 'action.confirmCancel')),
      h('div', { class: 'assign-row' }, h('label', { for: 'assign-unit' }, t('detail.assignTo')), picker, assign),
      search);
  }

  function updateActions(section, incident) {
    const active = ACTIVE_INCIDENT.has(incident.status);
    const allowed = { escalate: active && incident.status !== 'cleared', resolve: active, cancel: active, close: incident.status === 'resolved', assign: active };
    section.querySelectorAll('[data-action]').forEach((b) => { b.disabled = !allowed[b.dataset.action]; });
    section.querySelector('.assign-row').hidden = !active;
    section.querySelector('.assign-search').hidden = !active;
  }

  let candidates = []; // GET /api/incidents/{id}/candidates for the incident shown
  let candidatesOf = null;

  /** The available units nearest the incident with their travel time, asked again each time the picker is used. */
  async function loadCandidates(picker, search) {
    const incident = store.detail;
    if (!incident || !ACTIVE_INCIDENT.has(incident.status)) return;
    try {
      const found = await api.get(`/api/incidents/${encodeURIComponent(incident.id)}/candidates?limit=${CANDIDATES}`);
      if (store.detail?.id !== incident.id) return;
      candidates = found;
      candidatesOf = incident.id;
      fillCandidates(picker, search, false);
    } catch (e) {
      if (e.status !== 404) notify.error(errorText(e));
    }
  }

  function fillCandidates(picker, search, chooseFirst) {
    const mine = candidatesOf === store.detail?.id ? candidates : [];
    const text = search.value.trim().toLowerCase();
    const shown = mine.filter((c) => !text || c.unit.name.toLowerCase().includes(text) || c.unit.id.toLowerCase().includes(text));
    const chosen = chooseFirst ? shown[0]?.unit.id ?? '' : picker.value;
    fill(picker,
      h('option', { value: '' }, shown.length ? t('detail.pickUnit') : t('detail.noCandidates')),
      shown.map((c) => h('option', { value: c.unit.id, selected: c.unit.id === chosen },
        t('detail.candidate', { name: c.unit.name, id: c.unit.id, travel: travelText(c.travel) }))));
  }

  function release(incident, unitId, button) {
    if (!window.confirm(t('action.confirmRelease', { unit: unitName(unitId) }))) return;
    button.disabled = true;
    api.del(`/api/incidents/${encodeURIComponent(incident.id)}/assignments/${encodeURIComponent(unitId)}`)
      .then((updated) => {
        if (updated?.id) upsertIncident(updated);
        notify.ok(t('action.done', { action: t('detail.release') }));
        load();
      })
      .catch((e) => {
        button.disabled = false;
        notify.error(t('action.failed', { message: errorText(e) }));
      });
  }

  /** The dispatcher answers for a unit on the phone. */
  function answerFor(incident, unitId, action, button) {
    button.disabled = true;
    api.post(`/api/incidents/${encodeURIComponent(incident.id)}/assignments/${encodeURIComponent(unitId)}/answer`, { action })
      .then((updated) => {
        if (updated?.id) upsertIncident(updated);
        notify.ok(t('action.done', { action: t(`answer.${action}`) }));
        load();
      })
      .catch((e) => {
        button.disabled = false;
        notify.error(t('action.failed', { message: errorText(e) }));
      });
  }

  /** For a unit that is phoned: what the dispatcher may answer for it next, one click each. */
  function answerButtons(incident, a) {
    const next = { offered: ['accept', 'decline'], accepted: ['onscene'], enroute: ['onscene'], on_scene: ['clear'] }[a.status] ?? [];
    return next.map((action) => h('button', {
      type: 'button', class: `btn btn-small ${action === 'decline' ? 'btn-secondary' : 'btn-primary'}`,
      dataset: { action: `answer-${action}` },
      onclick: (e) => answerFor(incident, a.unitId, action, e.currentTarget),
    }, t(`answer.${action}`)));
  }

  /** How far the unit was when offered: "ETA 6 min · 3.2 km by road". */
  function travelText(travel) {
    return t(travel.byRoad ? 'detail.travelByRoad' : 'detail.travelStraight', {
      min: Math.max(1, Math.round(travel.etaMs / 60000)),
      km: (travel.distanceM / 1000).toFixed(1),
    });
  }

  function assignmentsTable(incident) {
    // Assignments still running first, each group newest first.
    const rows = [...(incident.assignments ?? [])].sort((a, b) =>
      Number(ACTIVE_ASSIGNMENT.has(b.status)) - Number(ACTIVE_ASSIGNMENT.has(a.status))
      || (b.updatedAt ?? b.offeredAt ?? 0) - (a.updatedAt ?? a.offeredAt ?? 0));
    if (!rows.length) return h('p', { class: 'muted' }, t('detail.noAssignments'));
    const releasable = canAct() && ACTIVE_INCIDENT.has(incident.status);
    return h('table', { class: 'assignments' },
      h('thead', {}, h('tr', {}, h('th', {}, t('detail.unit')), h('th', {}, t('detail.assignmentStatus')),
        h('th', {}, t('detail.time')), releasable ? h('th', {}) : null)),
      h('tbody', {}, rows.map((a) => {
        const expiring = a.status === 'offered' && a.expiresAt;
        const releaseButton = releasable && ACTIVE_ASSIGNMENT.has(a.status)
          ? h('button', {
            type: 'button', class: 'btn btn-small btn-secondary', dataset: { action: 'release' },
            onclick: (e) => release(incident, a.unitId, e.currentTarget),
          }, t('detail.release'))
          : null;
        const phone = a.byPhone ? store.units.get(a.unitId)?.phone : null;
        return h('tr', { class: `assignment astatus-${a.status}`, dataset: { unitId: a.unitId, status: a.status, byPhone: String(a.byPhone) } },
          h('td', {},
            h('a', { href: '#', class: 'unit-link', onclick: (e) => { e.preventDefault(); mapView.focusUnit(a.unitId); } },
              unitName(a.unitId)),
            h('div', { class: 'muted small' }, a.unitId),
            a.travel ? h('div', { class: 'travel small', dataset: { byRoad: String(a.travel.byRoad) } }, travelText(a.travel)) : null,
            a.byPhone ? h('div', { class: 'by-phone small' }, t('detail.byPhone'), phone ? h('a', { href: `tel:${phone}` }, ` ${phone}`) : null) : null),
          h('td', {}, h('span', { class: `chip astatus-chip-${a.status}` }, label('assignmentStatus', a.status)),
            a.unreachable ? h('span', { class: 'chip chip-unreachable' }, t('detail.unreachable')) : null,
            a.reason ? h('div', { class: 'muted small' }, reasonText(a.reason)) : null),
          h('td', { class: 'small' }, clock(a.updatedAt ?? a.offeredAt),
            expiring ? h('div', { class: 'countdown small', dataset: { expiresAt: a.expiresAt } }) : null),
          releasable ? h('td', { class: 'assignment-actions' },
            a.byPhone && ACTIVE_ASSIGNMENT.has(a.status) ? answerButtons(incident, a) : null, releaseButton) : null);
      })));
  }

  on('selection', show);
  on('detail', render);
  on('incident', (incident) => {
    if (incident.id === store.selectedId && !Array.isArray(incident.timeline)) load();
  });
  on('snapshot', () => {
    if (store.selectedId) load();
  });
  on('lang', () => {
    parts = null;
    render();
  });
}

function head(incident) {
  return [
    h('div', { class: 'detail-title' },
      typeBadge(incident),
      h('div', {},
        h('h2', {}, `${label('incidentType', incident.type)} · ${severityText(incident.severity)}`),
        h('div', { class: 'incident-number', title: t('detail.number') }, incidentNumber(incident))),
      h('button', { type: 'button', class: 'detail-close', title: t('detail.close'), 'aria-label': t('detail.close'), onclick: () => select(null) }, '×')),
    h('div', { class: 'detail-badges' },
      statusChip(incident.status),
      incident.level > 1 ? h('span', { class: 'badge badge-level' }, t('queue.level', { n: incident.level })) : null,
      escalationCountdown(incident)),
    incident.shortfall
      ? h('div', { class: 'shortfall', role: 'status' }, h('strong', {}, t('detail.shortfall')), ' ', label('shortfall', incident.shortfall),
        passedOver(incident) ? h('div', { class: 'small' }, passedOver(incident)) : null)
      : null,
  ];
}

const PASSED_OVER = ['busy_units', 'declined_units', 'stale_units', 'outside_units', 'offline_units'];

/** How many units near were passed over for each reason, as the last escalation or shortfall counted them. */
function passedOver(incident) {
  const last = [...(incident.timeline ?? [])].sort((a, b) => b.seq - a.seq)
    .find((e) => e.event === 'escalated' || e.event === 'shortfall');
  const counts = PASSED_OVER.filter((k) => last?.details?.[k]).map((k) => `${label('detailKey', k)} ${last.details[k]}`);
  return counts.length ? t('detail.passedOver', { counts: counts.join('、') }) : '';
}

function facts(incident, mapView) {
  const fact = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  return [
    fact('detail.place', h('span', { class: 'detail-place' }, incident.place ? placeName(incident.place) : t('detail.noPlace'))),
    incident.caller ? fact('detail.caller', [incident.caller.name, incident.caller.phone].filter(Boolean).join(' · ')) : null,
    fact('detail.level', String(incident.level)),
    fact('detail.station', stationName(incident.stationId)),
    fact('detail.created', `${clock(incident.createdAt)} (${ago(incident.createdAt)})`),
    fact('detail.updated', clock(incident.updatedAt)),
    fact('detail.source', [label('source', incident.source), incident.reportedBy ? ` · ${unitName(incident.reportedBy)}` : '']),
    fact('detail.location', h('a', { href: '#', onclick: (e) => { e.preventDefault(); mapView.focusIncident(incident.id); } },
      `${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}`)),
    fact('detail.description', incident.description || t('detail.noDescription')),
  ];
}

function timeline(incident) {
  const entries = [...(incident.timeline ?? [])].sort((a, b) => b.seq - a.seq);
  return entries.map((e) => h('li', { class: `tl-${e.event}`, dataset: { event: e.event } },
    h('time', {}, clock(e.at)),
    h('div', {},
      h('strong', {}, label('event', e.event)),
      e.unitId ? h('span', {}, ` · ${unitName(e.unitId)}`) : null,
      e.actor && e.actor !== e.unitId ? h('span', { class: 'muted' }, ` · ${t('detail.actor', { actor: unitName(e.actor) })}`) : null,
      e.event === 'note_added' ? h('div', { class: 'note-text' }, e.details?.text) : null,
      e.event === 'edited' ? h('div', { class: 'small edit-change' }, editedText(e.details))
        : e.event !== 'note_added' && detailsText(e.details) ? h('div', { class: 'muted small' }, detailsText(e.details)) : null)));
}

// Timeline details are free-form key/value pairs. These repeat the facts above or mean nothing
// to a dispatcher; the rest are shown with translated names, distances in km.
const HIDDEN_DETAILS = new Set(['order_id', 'expires_at_ms', 'type', 'severity', 'lat', 'lon', 'description', 'source']);
const DETAIL_VALUES = {
  reason: (v) => reasonText(v),
  was: (v) => label('assignmentStatus', v),
  distance_m: (v) => t('detail.distance', { km: (v / 1000).toFixed(1) }),
  radius_m: (v) => t('detail.distance', { km: (v / 1000).toFixed(1) }),
  after_ms: (v) => t('detail.seconds', { s: Math.round(v / 1000) }),
  cleared_at_ms: (v) => clock(v),
  reporter_assigned: (v) => t(v ? 'common.yes' : 'common.no'),
  by_phone: (v) => t(v ? 'common.yes' : 'common.no'),
  for_unit: (v) => t(v ? 'common.yes' : 'common.no'),
  mass_disconnect: (v) => t(v ? 'common.yes' : 'common.no'),
  party: (v) => partyName(v),
};

function detailsText(details) {
  if (details == null || details === '') return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details)
    .filter(([k, v]) => v != null && v !== '' && !HIDDEN_DETAILS.has(k))
    .map(([k, v]) => `${label('detailKey', k)}: ${DETAIL_VALUES[k]?.(v) ?? (typeof v === 'object' ? JSON.stringify(v) : v)}`)
    .join(' · ');
}
