// Toasts (alerts, confirmations, errors in words) and the optional warning beep.
import { h } from './dom.js';
import { t } from './i18n.js';

const SOUND_KEY = 'lamplight.sound';
const MAX_TOASTS = 5;
const TIMEOUT_MS = { ok: 3_000, info: 8_000, warning: 20_000, error: 12_000 }; // critical: until dismissed

let container = null;
let audio = null;

export function initToasts(el) {
  container = el;
}

/**
 * Shows a toast. level: ok | info | warning | critical | error; actions: [{label, run}] buttons.
 */
export function toast({ level = 'info', title, message, actions = [] }) {
  const close = () => el.remove();
  const el = h('div', { class: `toast toast-${level}`, role: level === 'ok' ? 'status' : 'alert' },
    h('div', { class: 'toast-body' },
      title ? h('div', { class: 'toast-title' }, title) : null,
      message ? h('div', { class: 'toast-message' }, message) : null),
    h('div', { class: 'toast-actions' },
      actions.map((a) => h('button', { type: 'button', class: 'btn btn-small', onclick: () => { a.run(); close(); } }, a.label)),
      h('button', { type: 'button', class: 'toast-close', title: t('alerts.dismiss'), 'aria-label': t('alerts.dismiss'), onclick: close }, '×')));
  container.prepend(el);
  while (container.children.length > MAX_TOASTS) container.lastElementChild.remove();
  const timeout = TIMEOUT_MS[level];
  if (timeout) setTimeout(close, timeout);
}

export const notify = {
  ok: (message) => toast({ level: 'ok', message }),
  error: (message) => toast({ level: 'error', message }),
};

export function soundOn() {
  return localStorage.getItem(SOUND_KEY) === 'on';
}

/** Switches the beep; called from a click, which is what lets the browser start audio. */
export function setSound(on) {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  if (on) {
    audio ??= new AudioContext();
    audio.resume();
    beep('info');
  }
}

/** Two short tones for warnings, three higher ones for critical alerts; silent when switched off. */
export function beep(level) {
  if (!soundOn()) return;
  audio ??= new AudioContext();
  const count = level === 'critical' ? 3 : level === 'warning' ? 2 : 1;
  const frequency = level === 'critical' ? 1046 : 784;
  const start = audio.currentTime + 0.02;
  for (let i = 0; i < count; i++) {
    const at = start + i * 0.22;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + 0.18);
  }
}
