// Alerts: the list in the alerts tab, an unread count on the tab, and a toast (with the optional
// beep) for the alerts a dispatcher must not miss.
import { fill, h, throttle } from './dom.js';
import { clock, label, t } from './i18n.js';
import { clearAlerts, on, select, store } from './store.js';
import { beep, toast } from './toasts.js';

const TOAST_KINDS = new Set(['escalation', 'sos', 'unit_offline', 'county']);
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

  function raise(alert) {
    const level = alert.level === 'critical' ? 'critical' : alert.level === 'warning' ? 'warning' : 'info';
    const canShow = alert.incidentId || alert.unitId;
    toast({
      level,
      title: label('alertKind', alert.kind),
      message: alert.message,
      actions: canShow ? [{ label: t('alerts.view'), run: () => show(alert) }] : [],
    });
    beep(level);
  }

  const render = throttle(() => {
    if (!panel.hidden) readUpTo = Math.max(readUpTo, store.alerts[0]?.at ?? 0);
    const unread = store.alerts.filter((a) => a.at > readUpTo).length;
    countEl.textContent = unread ? String(unread) : '';
    countEl.hidden = unread === 0;
    fill(list, store.alerts.length ? store.alerts.map((a) => alertRow(a, show)) : h('li', { class: 'empty' }, t('alerts.empty')));
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
  on('alert', (alert) => {
    lastSeenAt = Math.max(lastSeenAt ?? 0, alert.at);
    if (mustToast(alert)) raise(alert);
    render();
  });
  ['alerts', 'lang'].forEach((topic) => on(topic, render));
  panel.querySelector('#alerts-clear').addEventListener('click', clearAlerts);

  return { render };
}

function mustToast(alert) {
  return TOAST_KINDS.has(alert.kind) || alert.level === 'critical';
}

function alertRow(alert, show) {
  const target = alert.incidentId || alert.unitId;
  return h('li', { class: `alert-row alert-${alert.level}`, dataset: { alertId: alert.id, kind: alert.kind } },
    h('div', { class: 'row-title' },
      h('span', { class: `chip level-chip-${alert.level}` }, label('alertLevel', alert.level)),
      h('strong', {}, label('alertKind', alert.kind)),
      h('time', { class: 'muted small' }, clock(alert.at))),
    h('div', { class: 'row-desc' }, alert.message),
    target ? h('button', { type: 'button', class: 'btn btn-small btn-secondary', onclick: () => show(alert) },
      `${t('alerts.view')} ${target}`) : null);
}
