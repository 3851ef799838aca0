// Alerts: the list in the alerts tab, an unread count on the tab, a toast (with the optional beep)
// for the alerts a dispatcher must not miss, again while a critical one is not acknowledged, and
// the acknowledge button (who acknowledged it shows on every console). A burst of the same code
// shows as one row with its count, unfolded on demand; an SOS or a critical alert rings until it
// is acknowledged; an SOS offers to take a call at the unit's position.
import { api } from './api.js';
import { fill, h, throttle } from './dom.js';
import { clock, label, t } from './i18n.js';
import { alertText, errorText, unitName } from './phrases.js';
import { canAct, clearAlerts, on, select, store, upsertAlert } from './store.js';
import { beep, notify, toast } from './toasts.js';

const TOAST_KINDS = new Set(['escalation', 'sos', 'unit_offline', 'county', 'phone_task', 'connection_loss', 'reminder']);
const MAX_CATCH_UP_TOASTS = 3;
const BURST_MS = 60_000;
const RING_MS = 4_000;

/**
 * panel: the alerts tab; countEl: the tab's unread badge; mapView shows an alert's subject;
 * createHere(latlng) opens the intake at a point. Returns {render, acknowledgeNewest}.
 */
export function initAlerts({ panel, countEl, mapView, createHere }) {
  const list = panel.querySelector('#alert-list');
  const expanded = new Set(); // the bursts unfolded, by their first alert's id
  let rings = 0; // how often the console rang for unacknowledged alerts; the page shows it
  let lastSeenAt = null; // newest alert this console has already seen (for catching up on reconnect)
  let readUpTo = 0; // newest alert shown to the dispatcher in the panel

  function show(alert) {
    if (alert.incidentId) {
      select(alert.incidentId);
      mapView.focusIncident(alert.incidentId);
    } else if (alert.unitId) {
      mapView.focusUnit(alert.unitId);
    }
  }

  async function acknowledge(alert) {
    try {
      upsertAlert(await api.post(`/api/alerts/${alert.id}/acknowledge`));
    } catch (e) {
      notify.error(t('action.failed', { message: errorText(e) }));
    }
  }

  /** Rings once for the unacknowledged alerts that must not wait, and says on the page whether it does. */
  function ring() {
    const due = store.alerts.some((a) => !a.acknowledged && mustRing(a));
    document.body.dataset.ringing = String(due);
    countEl.closest('[data-tab]')?.classList.toggle('ringing', due);
    if (!due) return;
    rings += 1;
    document.body.dataset.rings = String(rings);
    beep('critical');
  }
  setInterval(ring, RING_MS);

  const rowActions = {
    show,
    acknowledge,
    toggle: (key) => {
      if (!expanded.delete(key)) expanded.add(key);
      render();
    },
    createHere: (alert) => {
      const at = store.units.get(alert.unitId)?.position;
      if (at) createHere({ lat: at.lat, lng: at.lon });
    },
  };

  function raise(alert) {
    const level = alert.level === 'critical' ? 'critical' : alert.level === 'warning' ? 'warning' : 'info';
    const actions = [];
    if (alert.incidentId || alert.unitId) actions.push({ label: t('alerts.view'), run: () => show(alert) });
    if (canAct() && !alert.acknowledged) actions.push({ label: t('alerts.acknowledge'), run: () => acknowledge(alert) });
    if (canAct() && alert.kind === 'sos') actions.push({ label: t('alerts.createHere'), run: () => rowActions.createHere(alert) });
    toast({ level, title: label('alertKind', alert.kind), message: alertText(alert), actions });
    beep(level);
  }

  const render = throttle(() => {
    if (!panel.hidden) readUpTo = Math.max(readUpTo, store.alerts[0]?.at ?? 0);
    const unread = store.alerts.filter((a) => a.at > readUpTo).length;
    countEl.textContent = unread ? String(unread) : '';
    countEl.hidden = unread === 0;
    fill(list, store.alerts.length
      ? bursts(store.alerts).flatMap((burst) => burstRows(burst, expanded.has(burst.key), rowActions))
      : h('li', { class: 'empty' }, t('alerts.empty')));
    ring();
  }, 200);

  on('snapshot', () => {
    // After a reconnect, toast what was raised while this console was away.
    if (lastSeenAt != null) {
      store.alerts.filter((a) => a.at > lastSeenAt && mustToast(a)).slice(0, MAX_CATCH_UP_TOASTS).reverse().forEach(raise);
    } else {
      readUpTo = store.alerts[0]?.at ?? 0;
    }
    lastSeenAt = Math.max(lastSeenAt ?? 0, store.alerts[0]?.at ?? 0);
    render();
  });
  on('alert', ({ alert, known, repeat }) => {
    lastSeenAt = Math.max(lastSeenAt ?? 0, alert.at);
    // a new alert, or a critical one nobody has acknowledged yet; an acknowledgement is only shown
    if (!alert.acknowledged && (repeat || !known) && mustToast(alert)) raise(alert);
    render();
  });
  ['alerts', 'lang', 'snapshot', 'units'].forEach((topic) => on(topic, render));
  panel.querySelector('#alerts-clear').addEventListener('click', clearAlerts);

  return {
    render,
    acknowledgeNewest: () => {
      const newest = store.alerts.find((a) => !a.acknowledged);
      if (newest) acknowledge(newest);
    },
  };
}

function mustToast(alert) {
  return TOAST_KINDS.has(alert.kind) || alert.level === 'critical';
}

function mustRing(alert) {
  return alert.kind === 'sos' || alert.level === 'critical';
}

/** Alerts (newest first) in runs of the same code, each within BURST_MS of the one before it. */
function bursts(alerts) {
  const runs = [];
  for (const alert of alerts) {
    const run = runs[runs.length - 1];
    if (run && run.code === alert.code && run.alerts[run.alerts.length - 1].at - alert.at <= BURST_MS) run.alerts.push(alert);
    else runs.push({ code: alert.code, alerts: [alert] });
  }
  // keyed by the oldest, which stays while newer ones join the burst
  return runs.map((run) => ({ ...run, key: String(run.alerts[run.alerts.length - 1].id) }));
}

/** The burst's newest alert with its count; its others below it when unfolded. */
function burstRows(burst, open, actions) {
  const [newest, ...others] = burst.alerts;
  const head = alertRow(newest, actions, {
    ...actions,
    acknowledge: () => burst.alerts.filter((a) => !a.acknowledged).forEach(actions.acknowledge),
  });
  if (others.length) {
    head.classList.add('burst');
    head.dataset.count = String(burst.alerts.length);
    head.querySelector('.row-title').append(
      h('span', { class: 'badge burst-count' }, t('alerts.burst', { n: burst.alerts.length })),
      h('button', {
        type: 'button', class: 'link-button burst-toggle', 'aria-expanded': String(open),
        onclick: () => actions.toggle(burst.key),
      }, t(open ? 'alerts.collapse' : 'alerts.expand')));
  }
  return [head, ...(open ? others.map((a) => {
    const row = alertRow(a, actions, actions);
    row.classList.add('burst-member');
    return row;
  }) : [])];
}

/** What an alert is about: the incident's number, else the unit's name. */
function subject(alert) {
  return alert.params?.incidentNumber ?? (alert.unitId ? unitName(alert.unitId) : alert.incidentId);
}

function alertRow(alert, { show, createHere }, { acknowledge }) {
  const target = alert.incidentId || alert.unitId;
  const classes = ['alert-row', `alert-${alert.level}`];
  if (alert.acknowledged) classes.push('acknowledged');
  return h('li', { class: classes.join(' '), dataset: { alertId: alert.id, kind: alert.kind, code: alert.code, acknowledged: String(alert.acknowledged) } },
    h('div', { class: 'row-title' },
      h('span', { class: `chip level-chip-${alert.level}` }, label('alertLevel', alert.level)),
      h('strong', {}, label('alertKind', alert.kind)),
      h('time', { class: 'muted small' }, clock(alert.at))),
    h('div', { class: 'row-desc alert-text' }, alertText(alert)),
    h('div', { class: 'button-row' },
      target ? h('button', { type: 'button', class: 'btn btn-small btn-secondary', onclick: () => show(alert) },
        `${t('alerts.view')} ${subject(alert)}`) : null,
      alert.kind === 'sos' && canAct() && store.units.get(alert.unitId)?.position
        ? h('button', { type: 'button', class: 'btn btn-small btn-warning', dataset: { action: 'create-here' }, onclick: () => createHere(alert) },
          t('alerts.createHere')) : null,
      alert.acknowledged
        ? h('span', { class: 'muted small acknowledged-by' },
          t('alerts.acknowledgedBy', { who: alert.acknowledgedBy, time: clock(alert.acknowledgedAt) }))
        : canAct() ? h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { action: 'acknowledge' }, onclick: () => acknowledge(alert) },
          t('alerts.acknowledge')) : null));
}
