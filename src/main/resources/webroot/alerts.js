// Alerts: the list in the alerts tab, an unread count on the tab, a toast (with the optional beep)
// for the alerts a dispatcher must not miss, again while a critical one is not acknowledged, and
// the acknowledge button (who acknowledged it shows on every console).
import { api } from './api.js';
import { fill, h, throttle } from './dom.js';
import { clock, label, t } from './i18n.js';
import { alertText, errorText, unitName } from './phrases.js';
import { canAct, clearAlerts, on, select, store, upsertAlert } from './store.js';
import { beep, notify, toast } from './toasts.js';

const TOAST_KINDS = new Set(['escalation', 'sos', 'unit_offline', 'county', 'phone_task', 'connection_loss', 'reminder']);
const MAX_CATCH_UP_TOASTS = 3;

/** panel: the alerts tab; countEl: the tab's unread badge; mapView shows an alert's subject. */
export function initAlerts({ panel, countEl, mapView }) {
  const list = panel.querySelector('#alert-list');
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

  function raise(alert) {
    const level = alert.level === 'critical' ? 'critical' : alert.level === 'warning' ? 'warning' : 'info';
    const actions = [];
    if (alert.incidentId || alert.unitId) actions.push({ label: t('alerts.view'), run: () => show(alert) });
    if (canAct() && !alert.acknowledged) actions.push({ label: t('alerts.acknowledge'), run: () => acknowledge(alert) });
    toast({ level, title: label('alertKind', alert.kind), message: alertText(alert), actions });
    beep(level);
  }

  const render = throttle(() => {
    if (!panel.hidden) readUpTo = Math.max(readUpTo, store.alerts[0]?.at ?? 0);
    const unread = store.alerts.filter((a) => a.at > readUpTo).length;
    countEl.textContent = unread ? String(unread) : '';
    countEl.hidden = unread === 0;
    fill(list, store.alerts.length
      ? store.alerts.map((a) => alertRow(a, show, acknowledge))
      : h('li', { class: 'empty' }, t('alerts.empty')));
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

  return { render };
}

function mustToast(alert) {
  return TOAST_KINDS.has(alert.kind) || alert.level === 'critical';
}

/** What an alert is about: the incident's number, else the unit's name. */
function subject(alert) {
  return alert.params?.incidentNumber ?? (alert.unitId ? unitName(alert.unitId) : alert.incidentId);
}

function alertRow(alert, show, acknowledge) {
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
      alert.acknowledged
        ? h('span', { class: 'muted small acknowledged-by' },
          t('alerts.acknowledgedBy', { who: alert.acknowledgedBy, time: clock(alert.acknowledgedAt) }))
        : canAct() ? h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { action: 'acknowledge' }, onclick: () => acknowledge(alert) },
          t('alerts.acknowledge')) : null));
}
