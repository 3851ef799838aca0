// The console's keyboard: N takes a call, / searches, J/K (or the arrow keys) move through the
// queue, E escalates, R resolves (after a confirmation), A acknowledges the newest alert, ?
// shows the list; Esc closes what is open. Ignored while the dispatcher types in a field.
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { canAct, on, select, store } from './store.js';

const SHORTCUTS = [
  ['N', 'keys.newIncident'], ['/', 'keys.search'], ['J / ↓', 'keys.next'], ['K / ↑', 'keys.previous'],
  ['E', 'keys.escalate'], ['R', 'keys.resolve'], ['A', 'keys.acknowledge'], ['Ctrl + Enter', 'keys.submit'],
  ['?', 'keys.help'], ['Esc', 'keys.close'],
];

/**
 * takeCall() opens the intake; search() focuses the unit and place search; pick(id) selects an
 * incident and shows it on the map; acknowledgeNewest() the newest alert not yet acknowledged.
 */
export function initKeys({ takeCall, search, pick, acknowledgeNewest }) {
  const help = h('div', { id: 'shortcut-help', class: 'overlay', role: 'dialog', 'aria-modal': 'true', hidden: true });
  const confirmBox = h('div', { id: 'confirm-dialog', class: 'overlay', role: 'alertdialog', 'aria-modal': 'true', hidden: true });
  document.body.append(help, confirmBox);
  let confirmed = null; // what the open confirmation does
  let returnTo = null; // where focus goes back to when an overlay closes

  function drawHelp() {
    fill(help, h('div', { class: 'overlay-card' },
      h('h2', {}, t('keys.heading')),
      h('table', { class: 'shortcut-list' }, SHORTCUTS.map(([key, text]) =>
        h('tr', {}, h('td', {}, h('kbd', {}, key)), h('td', {}, t(text))))),
      h('p', { class: 'muted small' }, t('keys.typing')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-secondary', id: 'shortcut-help-close', onclick: closeOverlays }, t('detail.close')))));
  }

  function openOverlay(el) {
    returnTo = document.activeElement;
    el.hidden = false;
    el.querySelector('button')?.focus();
  }

  function closeOverlays() {
    const open = !help.hidden || !confirmBox.hidden;
    help.hidden = true;
    confirmBox.hidden = true;
    confirmed = null;
    if (open && returnTo?.isConnected) returnTo.focus();
    return open;
  }

  /** A confirmation the keyboard answers: Enter on the focused "yes", Esc for no. */
  function confirmThen(question, yes, action) {
    confirmed = action;
    fill(confirmBox, h('div', { class: 'overlay-card' },
      h('p', {}, question),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-primary', id: 'confirm-yes', onclick: () => {
          const run = confirmed;
          closeOverlays();
          run?.();
        } }, yes),
        h('button', { type: 'button', class: 'btn btn-secondary', id: 'confirm-no', onclick: closeOverlays }, t('create.cancel')))));
    openOverlay(confirmBox);
  }

  /** The queue's rows as drawn, and the selected one's place among them. */
  function move(step) {
    const rows = [...document.querySelectorAll('#incident-list [data-incident-id]')];
    if (!rows.length) return;
    const at = rows.findIndex((r) => r.dataset.incidentId === store.selectedId);
    const next = rows[at < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, at + step))];
    pick(next.dataset.incidentId);
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: 'nearest' });
  }

  /** Presses the detail's action button when the selected incident allows it. */
  function detailAction(action) {
    const button = document.querySelector(`#incident-detail [data-action='${action}']`);
    if (!button || button.disabled) return null;
    return button;
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && closeOverlays()) {
      e.preventDefault();
      return;
    }
    if (!confirmBox.hidden || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest('input, textarea, select, [contenteditable]')) return;
    const act = canAct();
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const handlers = {
      '?': () => {
        if (!closeOverlays()) {
          drawHelp();
          openOverlay(help);
        }
      },
      '/': () => search(),
      j: () => move(1),
      ArrowDown: () => move(1),
      k: () => move(-1),
      ArrowUp: () => move(-1),
      n: () => act && takeCall(),
      e: () => act && detailAction('escalate')?.click(),
      r: () => {
        const resolve = act && detailAction('resolve');
        if (resolve) confirmThen(t('action.confirmResolve'), t('action.resolve'), () => resolve.click());
      },
      a: () => act && acknowledgeNewest(),
      Escape: () => store.selectedId && select(null),
    };
    // the arrow keys move through the queue only from the queue itself, so they still scroll elsewhere
    if ((key === 'ArrowDown' || key === 'ArrowUp') && !e.target.closest('#incident-list')) return;
    const handler = handlers[key];
    if (!handler || !help.hidden && key !== '?') return;
    e.preventDefault();
    handler();
  });
  document.querySelector('#shortcut-button')?.addEventListener('click', () => {
    drawHelp();
    openOverlay(help);
  });
  on('lang', () => { if (!help.hidden) drawHelp(); });
}
