// The auxiliary's field app. It is a Lamplight device: it logs in with its device id and secret,
// then speaks the device protocol over /device/ws (link.js): duty and SOS on `status`, its
// position on `position`, replies, reports and ledger entries on `events`, and it receives its
// orders. What cannot be sent now waits on the phone (outbox.js) and goes out in order, once.
import { createLink } from './link.js';
import { Outbox, newId } from './outbox.js';
import { scaled, upload } from './photo.js';
import { createJobMap } from './jobmap.js';
import { canScan, scan, setupOf } from './scan.js';
import { fetchDay, renderDay } from './day.js';
import { lang, switchLanguage, t, translate } from './i18n.js';

const $ = (selector) => document.querySelector(selector);
const STORE = 'lamplight.field.';
const INCIDENT_TYPES = ['fire', 'traffic', 'security', 'rescue', 'other'];
const SEVERITIES = [1, 2, 3];
const LEDGER_KINDS = ['household_visit', 'fire_hazard', 'traffic_hazard', 'security_hazard', 'dispute_mediated',
  'safety_talk'];
const DECLINE_REASONS = ['busy', 'far', 'vehicle', 'other'];
/** The reply that follows each state of a job. */
const NEXT_STEP = { accepted: 'enroute', enroute: 'onscene', onscene: 'clear' };
const POSITION_EVERY_MS = 15_000;
const POSITION_MOVED_M = 25;
const ROUTE_MOVED_M = 200;
const SOS_HOLD_MS = 2000;
const HANDLED_KEPT = 200;
const REFUSED_KEPT = 20;

function kept(name, fallback) {
  const value = localStorage.getItem(STORE + name);
  return value == null ? fallback : JSON.parse(value);
}

function keep(name, value) {
  if (value == null) localStorage.removeItem(STORE + name);
  else localStorage.setItem(STORE + name, JSON.stringify(value));
}

const state = {
  session: kept('session', null), // {token, deviceId, unitId, name, dutyPhone}
  onDuty: kept('onDuty', false),
  job: kept('job', null), // {order, status}: the incident the unit accepted
  offer: null, // {order, way}: an offer waiting for an answer
  handled: kept('handled', []), // delivery ids acted on, and order ids answered
  refused: kept('refused', []), // what the server did not accept, to show
  fix: null, // the phone's latest position
  sentFix: null,
  route: null, // {points, byRoad, distanceM, etaMs} to the job
  routeFrom: null,
  serverOffsetMs: 0,
  connection: 'connecting',
};
const outbox = new Outbox();
let link = null;
let jobMap = null;
let pumping = false;
let watch = null;
let audio = null;

// ------------------------------------------------------------------ start and login

function start() {
  translate();
  buildChoices();
  bind();
  const fragment = loginFragment();
  if (fragment) loginWith(fragment.deviceId, fragment.secret);
  else if (state.session) enter();
  else show('login');
  outbox.onChange(render);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
  window.lamplightField = Object.freeze({ dropConnection: () => link?.drop() });
}

/** #login=<deviceId>:<secret> from a QR code: read once, then cleared from the address bar and history. */
function loginFragment() {
  const setup = location.hash.startsWith('#login=') ? setupOf(location.hash) : null;
  if (setup) history.replaceState(null, '', location.pathname + location.search);
  return setup;
}

/** Logs in with a scanned set-up code; one for another server opens the app there. */
function scanToLogin() {
  const overlay = $('#scan-view');
  overlay.hidden = false;
  const scanning = scan($('#scan-video'));
  $('#scan-cancel').onclick = () => {
    scanning.stop();
    overlay.hidden = true;
  };
  scanning.found.then((setup) => {
    overlay.hidden = true;
    // the server may sit under a path behind the county's proxy
    const app = setup.server ? new URL('field/', setup.server.replace(/\/?$/, '/')) : null;
    if (app && app.origin !== location.origin) {
      app.hash = `login=${encodeURIComponent(setup.deviceId)}:${encodeURIComponent(setup.secret)}`;
      location.assign(app.href);
    } else {
      loginWith(setup.deviceId, setup.secret);
    }
  }, () => {
    overlay.hidden = true;
    loginError(t('login.noCamera'));
  });
}

async function loginWith(deviceId, secret) {
  show('login');
  $('#device-id').value = deviceId;
  // another device's queue must not go out under this one: it is dropped, once the auxiliary agrees
  const foreign = outbox.items.length > 0 && outbox.device !== deviceId;
  const theirs = outbox.actions().length;
  if (foreign && theirs && !window.confirm(t('login.otherWaiting', { n: theirs, device: outbox.device ?? '?' }))) return;
  const button = $('#login-button');
  button.disabled = true;
  button.textContent = t('login.busy');
  loginError(null);
  try {
    const response = await fetch('/api/device/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deviceId, secret }),
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 429) {
      loginError(t('login.wait', { seconds: response.headers.get('retry-after') ?? '60' }));
    } else if (!response.ok) {
      loginError(t('login.failed', { message: data.message ?? response.status }));
    } else {
      state.session = {
        token: data.token, deviceId: data.deviceId, unitId: data.unitId, name: data.name, dutyPhone: data.dutyPhone,
      };
      if (foreign) outbox.clear();
      outbox.claim(data.deviceId);
      state.onDuty = queuedDuty() ?? data.onDuty ?? false;
      keep('session', state.session);
      keep('onDuty', state.onDuty);
      $('#secret').value = '';
      enter();
    }
  } catch {
    loginError(t('login.failed', { message: t('error.network') }));
  } finally {
    button.disabled = false;
    button.textContent = t('login.submit');
  }
}

function loginError(text) {
  $('#login-error').hidden = !text;
  $('#login-error').textContent = text ?? '';
}

function enter() {
  show('home');
  link = createLink(state.session.token, {
    onState(connection) {
      state.connection = connection;
      render();
      if (connection === 'online') pump();
    },
    onHello: hello,
    onOrder: order,
    onEnded: ended,
  });
  outbox.claim(state.session.deviceId);
  startLocation();
  render();
}

/** The token no longer holds (expired, or a new secret): log in again; what waits is kept for this device. */
function ended() {
  const waiting = outbox.actions().length;
  logout(waiting ? t('login.revokedWaiting', { n: waiting }) : t('login.revoked'), true);
}

/** Ends the session; the queue goes too unless kept for the device's next login. */
function logout(message, keepQueue) {
  link?.close();
  link = null;
  if (watch != null) navigator.geolocation.clearWatch(watch);
  watch = null;
  state.session = null;
  state.job = null;
  state.offer = null;
  ['session', 'job', 'onDuty', 'handled'].forEach((name) => keep(name, null));
  if (!keepQueue) outbox.clear();
  show('login');
  loginError(message);
}

// ------------------------------------------------------------------ what the server says

function hello(h) {
  state.serverOffsetMs = h.serverTime - Date.now();
  Object.assign(state.session, { name: h.name, dutyPhone: h.dutyPhone, unitId: h.unitId });
  keep('session', state.session);
  // a duty change still waiting to be sent is the newer word
  if (typeof h.onDuty === 'boolean' && !outbox.items.some((i) => i.topic === 'status')) setDuty(h.onDuty);
  render();
}

function order(deliveryId, o) {
  if (state.handled.includes(deliveryId)) return; // delivered again after a reconnect
  handled(deliveryId);
  if (o.action === 'offer') {
    if (state.handled.includes(o.orderId) || state.job?.order.orderId === o.orderId) return;
    // the travel dispatch ranked by, until the way itself comes
    state.offer = { order: o, way: o.travel ?? null };
    ring();
    route(o).then((way) => {
      if (state.offer?.order === o) {
        state.offer.way = way;
        render();
      }
    });
  } else if (o.action === 'cancel') {
    if (state.offer && sameIncident(state.offer.order, o)) {
      handled(state.offer.order.orderId);
      state.offer = null;
      toast(t('offer.withdrawn'));
    }
    if (state.job && sameIncident(state.job.order, o)) {
      setJob(null);
      toast(t('job.cancelled'));
    }
  } else if (o.action === 'update') {
    const mine = [state.job, state.offer].filter((held) => held && held.order.incidentId === o.incidentId);
    mine.forEach((held) => { held.order = { ...held.order, ...details(o) }; });
    if (state.job) setJob(state.job);
    if (!mine.length) toast(t('order.update', { what: [t(`type.${o.type}`), o.description].filter(Boolean).join(' · ') }));
  } else if (o.action === 'locate' && state.fix) {
    sendPosition(state.fix);
  }
  render();
}

/** What an update changes about an incident; the order it belongs to stays the one the unit answers. */
function details(o) {
  const { orderId, action, incidentId, expiresAt, ...rest } = o;
  return rest;
}

function sameIncident(a, b) {
  return a.orderId === b.orderId || a.incidentId === b.incidentId;
}

function handled(id) {
  state.handled = [...state.handled.filter((h) => h !== id), id].slice(-HANDLED_KEPT);
  keep('handled', state.handled);
}

// ------------------------------------------------------------------ what the app sends

/** Queues a message; it is sent now when connected, else when the connection returns. */
function send(topic, payload, label, photo) {
  const id = newId();
  if (topic === 'events' && payload.type) payload.clientId = id;
  const item = { id, topic, payload, label };
  const photoLost = photo != null && !outbox.keepPhoto(id, photo);
  if (photo && !photoLost) item.photo = true;
  outbox.add(item);
  // the entry goes without its photo: the auxiliary must know, to free room or take it again
  if (photoLost) toast(t('photo.noRoom'));
  else if (topic !== 'position' && !link?.isOpen()) toast(t('common.queued'));
  pump();
}

/** Sends what waits, in order, one at a time; an item goes once the server acknowledged it. */
async function pump() {
  if (pumping || !link?.isOpen()) return;
  pumping = true;
  try {
    for (let item = outbox.first(); item && link?.isOpen(); item = outbox.first()) {
      if (item.photo && !item.payload.photoId && !(await attachPhoto(item))) break;
      let ack;
      try {
        ack = await link.publish(item.id, `lamplight/devices/${state.session.deviceId}/${item.topic}`, item.payload);
      } catch {
        break; // the connection went: it is retried, and this item sent again under its id
      }
      if (!ack.ok && (ack.error === 'unavailable' || ack.error === 'rate_limited')) {
        setTimeout(pump, 5000); // sent again later: the server did not take it, nor refuse what it says
        break;
      }
      outbox.remove(item.id);
      if (!ack.ok && item.topic !== 'position') refusedItem(item, refusal(ack));
    }
  } finally {
    pumping = false;
  }
}

/** Uploads the item's photo first; false when it must wait (no network, server busy). */
async function attachPhoto(item) {
  try {
    item.payload.photoId = await upload(state.session.token, item.id, outbox.photo(item.id));
    outbox.update(item);
    return true;
  } catch (e) {
    if (e.status === 0 || e.status >= 500) return false;
    if (e.status === 401) {
      ended();
      return false;
    }
    item.photo = false; // refused for good (too large, not an image, over the day's quota): send without
    outbox.update(item);
    toast(t('photo.refused', { message: e.message }));
    return true;
  }
}

/** Why the server did not take it: dispatch's refusals in the auxiliary's language, others as the server said. */
function refusal(ack) {
  const key = `refusal.${ack.code}`;
  return ack.code && t(key) !== key ? t(key, ack.params ?? {}) : (ack.message ?? ack.error);
}

function refusedItem(item, message) {
  state.refused = [{ label: item.label, message, at: Date.now() }, ...state.refused].slice(0, REFUSED_KEPT);
  keep('refused', state.refused);
  toast(t('error.refused', { message }));
}

/** The duty change still waiting to be sent, the newer word than the server's; undefined when none. */
function queuedDuty() {
  const duty = outbox.items.filter((i) => i.topic === 'status' && i.payload.duty).at(-1)?.payload.duty;
  return duty === undefined ? undefined : duty === 'on';
}

function setDuty(onDuty) {
  state.onDuty = onDuty;
  keep('onDuty', onDuty);
}

function reply(o, action, reason) {
  const payload = { orderId: o.orderId, action };
  if (reason) payload.reason = reason;
  send('events', payload, { key: `item.reply.${action}` });
}

function answerOffer(accept, reason) {
  const o = state.offer.order;
  handled(o.orderId);
  state.offer = null;
  if (accept) {
    reply(o, 'accept');
    setJob({ order: o, status: 'accepted' });
    refreshRoute(true);
  } else {
    reply(o, 'decline', reason);
  }
  $('#decline-reasons').hidden = true;
  render();
}

function nextStep() {
  const step = NEXT_STEP[state.job.status];
  reply(state.job.order, step);
  if (step === 'clear') {
    setJob(null);
    toast(t('job.done'));
  } else {
    setJob({ ...state.job, status: step });
  }
  render();
}

function setJob(job) {
  state.job = job;
  keep('job', job);
  if (!job) state.route = null;
}

// ------------------------------------------------------------------ position and the way

function startLocation() {
  if (!navigator.geolocation || watch != null) return;
  watch = navigator.geolocation.watchPosition(located, () => {}, {
    enableHighAccuracy: true, maximumAge: 5000, timeout: 60_000,
  });
}

function located(p) {
  const c = p.coords;
  const fix = { lat: c.latitude, lon: c.longitude, ts: Math.round(p.timestamp || Date.now()) };
  const extra = { acc: c.accuracy, spd: c.speed, hdg: c.heading, alt: c.altitude };
  for (const [name, value] of Object.entries(extra)) if (Number.isFinite(value)) fix[name] = value;
  state.fix = fix;
  const last = state.sentFix;
  if (!last || fix.ts - last.ts >= POSITION_EVERY_MS || metres(last, fix) >= POSITION_MOVED_M) sendPosition(fix);
  if (state.job && (!state.routeFrom || metres(state.routeFrom, fix) >= ROUTE_MOVED_M)) refreshRoute(false);
  render();
}

function sendPosition(fix) {
  state.sentFix = fix;
  send('position', { ...fix }, { key: 'item.position' });
}

/** The way to a place (distance, ETA, the village), asked of the server; offline, the straight line. */
async function route(target) {
  const from = state.fix;
  const query = new URLSearchParams({ toLat: target.lat, toLon: target.lon });
  if (from) {
    query.set('fromLat', from.lat);
    query.set('fromLon', from.lon);
  }
  try {
    const r = await fetch(`/api/device/route?${query}`, { headers: { Authorization: `Bearer ${state.session.token}` } });
    if (r.ok) return r.json();
  } catch {
    // offline: the straight line below
  }
  return from ? { distanceM: metres(from, target), byRoad: false, points: [[from.lat, from.lon], [target.lat, target.lon]] }
    : null;
}

async function refreshRoute(force) {
  if (!state.job || (!force && !state.fix)) return;
  state.routeFrom = state.fix;
  const way = await route(state.job.order);
  if (state.job) {
    state.route = way;
    render();
  }
}

function metres(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(s));
}

// ------------------------------------------------------------------ alerting

/** Sound and vibration for an offer, so it is noticed with the phone in a pocket. */
function ring() {
  navigator.vibrate?.([400, 200, 400, 200, 400]);
  if (!audio) return;
  const now = audio.currentTime;
  for (let i = 0; i < 3; i++) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.4, now + i * 0.5);
    gain.gain.setValueAtTime(0, now + i * 0.5 + 0.3);
    tone.connect(gain).connect(audio.destination);
    tone.start(now + i * 0.5);
    tone.stop(now + i * 0.5 + 0.3);
  }
}

let toastTimer = null;
function toast(text) {
  const el = $('#toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

// ------------------------------------------------------------------ the screens

function show(view) {
  for (const v of ['login', 'home', 'report', 'ledger', 'outbox', 'day']) $(`#${v}-view`).hidden = v !== view;
  render();
}

/** Opens "my day" and asks the server for it; what was read last stays until the new one comes. */
async function showDay() {
  show('day');
  const status = $('#day-status');
  status.dataset.state = 'loading';
  status.textContent = t('day.loading');
  try {
    renderDay($('#day-view'), await fetchDay(state.session.token));
    status.dataset.state = 'loaded';
    status.textContent = t('day.asOf', { at: new Date().toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit' }) });
  } catch (e) {
    if (e.status === 401) {
      ended();
      return;
    }
    status.dataset.state = 'failed';
    status.textContent = t('day.failed', { message: e.message });
  }
}

function render() {
  if (!state.session) return;
  $('#who').textContent = state.session.name ?? state.session.unitId;
  $('#unit-id').textContent = state.session.unitId;
  const conn = $('#conn');
  conn.dataset.state = state.connection;
  conn.textContent = t({ online: 'conn.online', connecting: 'conn.connecting', replaced: 'conn.replaced' }[state.connection]
    ?? 'conn.offline');
  const waiting = outbox.actions().length;
  const w = $('#waiting');
  w.dataset.count = String(waiting);
  w.textContent = waiting ? t('outbox.waiting', { n: waiting }) : t('outbox.none');
  const duty = $('#duty-button');
  duty.dataset.on = String(state.onDuty);
  duty.textContent = state.onDuty ? `${t('duty.on')} · ${t('duty.goOff')}` : `${t('duty.off')} · ${t('duty.goOn')}`;
  const call = $('#call-duty');
  call.hidden = !state.session.dutyPhone;
  call.href = `tel:${state.session.dutyPhone ?? ''}`;
  renderJob();
  renderOffer();
  renderOutbox();
  renderPosition();
}

function describe(o) {
  return [t(`type.${o.type}`), t('severity.label', { n: o.severity, name: t(`severity.${o.severity}`) }),
    o.incidentNumber].filter(Boolean).join(' · ');
}

function wayText(way) {
  if (!way) return '';
  const parts = [];
  if (way.distanceM != null) parts.push(t('offer.distance', { km: (way.distanceM / 1000).toFixed(1) }));
  if (way.etaMs != null) parts.push(t('offer.eta', { min: Math.max(1, Math.round(way.etaMs / 60_000)) }));
  if (typeof way.byRoad === 'boolean') parts.push(t(way.byRoad ? 'job.byRoad' : 'job.straight'));
  return parts.join(' · ');
}

/** The village comes from the way (an order carries only coordinates). */
function placeText(o, way) {
  return [way?.place, o.description].filter(Boolean).join(' · ');
}

function renderJob() {
  const job = state.job;
  const el = $('#job');
  el.hidden = !job;
  if (!job) return;
  const o = job.order;
  el.dataset.status = job.status;
  el.dataset.incidentId = o.incidentId;
  $('#job-status').textContent = t(`job.${job.status}`);
  $('#job-title').textContent = describe(o);
  $('#job-facts').textContent = placeText(o, state.route);
  $('#job-way').textContent = wayText(state.route);
  // the caller comes with the update that follows the accept, never with the offer
  const caller = $('#job-call-caller');
  caller.hidden = !o.caller?.phone;
  caller.href = `tel:${o.caller?.phone ?? ''}`;
  caller.textContent = t('job.callCaller', { name: o.caller?.name ?? '', phone: o.caller?.phone ?? '' });
  const step = NEXT_STEP[job.status];
  const button = $('#job-step');
  button.dataset.action = step;
  button.textContent = t(`job.${step}`);
  jobMap ??= createJobMap($('#job-map'));
  jobMap.show(o, state.fix, state.route);
}

function renderOffer() {
  const offer = state.offer;
  const el = $('#offer');
  el.hidden = !offer;
  if (!offer) return;
  const o = offer.order;
  el.dataset.orderId = o.orderId;
  $('#offer-type').textContent = t(`type.${o.type}`);
  $('#offer-severity').textContent = t('severity.label', { n: o.severity, name: t(`severity.${o.severity}`) });
  $('#offer-number').textContent = o.incidentNumber ? t('offer.number', { number: o.incidentNumber }) : '';
  $('#offer-place').textContent = placeText(o, offer.way);
  $('#offer-distance').textContent = wayText(offer.way);
  countdown();
}

/** Seconds left to answer, by the server's clock; a lapsed offer closes. */
function countdown() {
  const offer = state.offer;
  if (!offer?.order.expiresAt) {
    $('#offer-countdown').textContent = '';
    return;
  }
  const left = Math.ceil((offer.order.expiresAt - (Date.now() + state.serverOffsetMs)) / 1000);
  if (left <= 0) {
    handled(offer.order.orderId);
    state.offer = null;
    toast(t('offer.expired'));
    render();
    return;
  }
  $('#offer-countdown').textContent = t('offer.expires', { seconds: left });
}

function renderOutbox() {
  const time = (at) => new Date(at).toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit' });
  const text = (label) => t(label.key, { what: label.what ? t(label.what) : '' });
  const list = $('#outbox-list');
  list.replaceChildren(...outbox.actions().map((item) => {
    const li = document.createElement('li');
    li.textContent = `${time(item.at)} ${text(item.label)}${item.photo ? ` · ${t('photo.attached')}` : ''}`;
    return li;
  }));
  const positions = outbox.positions();
  if (positions) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = t('outbox.positions', { n: positions });
    list.append(li);
  }
  $('#refused-list').replaceChildren(...state.refused.map((r) => {
    const li = document.createElement('li');
    li.textContent = `${time(r.at)} ${text(r.label)}: ${r.message}`;
    return li;
  }));
}

function renderPosition() {
  const fix = state.fix;
  $('#report-position').textContent = fix
    ? t('report.position', { where: `${fix.lat.toFixed(5)}, ${fix.lon.toFixed(5)}${fix.acc ? ` ±${Math.round(fix.acc)} m` : ''}` })
    : t('report.noPosition');
}

function buildChoices() {
  const choices = (el, name, values, label) => el.replaceChildren(...values.map((value, i) => {
    const wrap = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'radio', name, value, checked: i === 0 });
    const span = document.createElement('span');
    span.dataset.i18n = label(value);
    span.textContent = t(label(value));
    wrap.append(input, span);
    return wrap;
  }));
  choices($('#report-types'), 'report-type', INCIDENT_TYPES, (v) => `type.${v}`);
  choices($('#report-severities'), 'report-severity', SEVERITIES, (v) => `severity.${v}`);
  choices($('#ledger-kinds'), 'ledger-kind', LEDGER_KINDS, (v) => `ledger.${v}`);
  $('#decline-reasons').append(...DECLINE_REASONS.map((reason) => {
    const b = Object.assign(document.createElement('button'), { type: 'button', className: 'reason' });
    b.dataset.reason = reason;
    b.dataset.i18n = `offer.reason.${reason}`;
    b.textContent = t(`offer.reason.${reason}`);
    return b;
  }));
}

const checked = (name) => document.querySelector(`input[name="${name}"]:checked`).value;

/** The chosen photo, scaled; a picture the phone cannot read is left out (and said so). */
async function photoOf(input) {
  const file = input.files[0];
  input.value = '';
  if (!file) return null;
  try {
    return await scaled(file);
  } catch {
    toast(t('photo.unreadable'));
    return null;
  }
}

async function sendReport() {
  const fix = state.fix;
  if (!fix) {
    toast(t('report.needPosition'));
    return;
  }
  const type = checked('report-type');
  const payload = {
    type: 'report', incident: type, severity: Number(checked('report-severity')), lat: fix.lat, lon: fix.lon,
    description: $('#report-note').value.trim(),
  };
  send('events', payload, { key: 'item.report', what: `type.${type}` }, await photoOf($('#report-photo')));
  $('#report-note').value = '';
  show('home');
}

async function sendLedger() {
  const kind = checked('ledger-kind');
  const payload = { type: 'ledger', kind, note: $('#ledger-note').value.trim(), count: Math.max(1, Number($('#ledger-count').value) || 1) };
  if (state.fix) Object.assign(payload, { lat: state.fix.lat, lon: state.fix.lon });
  send('events', payload, { key: 'item.ledger', what: `ledger.${kind}` }, await photoOf($('#ledger-photo')));
  $('#ledger-note').value = '';
  $('#ledger-count').value = '1';
  show('home');
}

function bind() {
  document.addEventListener('pointerdown', () => {
    audio ??= window.AudioContext ? new AudioContext() : null;
  }, { once: true });
  $('#scan-button').hidden = !canScan();
  $('#scan-button').addEventListener('click', scanToLogin);
  $('#login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    loginWith($('#device-id').value.trim(), $('#secret').value);
  });
  document.querySelectorAll('.lang-button').forEach((b) => b.addEventListener('click', () => {
    switchLanguage();
    translate();
    render();
  }));
  document.querySelectorAll('.back').forEach((b) => b.addEventListener('click', () => show('home')));
  $('#logout-button').addEventListener('click', () => {
    // what waits to be sent is lost with the session
    if (!outbox.actions().length || window.confirm(t('menu.logoutWaiting', { n: outbox.actions().length }))) {
      logout(null, false);
    }
  });
  $('#waiting').addEventListener('click', () => show('outbox'));
  $('#duty-button').addEventListener('click', () => {
    setDuty(!state.onDuty);
    send('status', { duty: state.onDuty ? 'on' : 'off' }, { key: state.onDuty ? 'item.duty.on' : 'item.duty.off' });
    render();
  });
  $('#report-button').addEventListener('click', () => show('report'));
  $('#ledger-button').addEventListener('click', () => show('ledger'));
  $('#day-button').addEventListener('click', showDay);
  $('#day-refresh').addEventListener('click', showDay);
  $('#report-send').addEventListener('click', sendReport);
  $('#ledger-send').addEventListener('click', sendLedger);
  $('#job-step').addEventListener('click', nextStep);
  $('#offer-accept').addEventListener('click', () => answerOffer(true));
  $('#offer-decline').addEventListener('click', () => { $('#decline-reasons').hidden = false; });
  $('#decline-reasons').addEventListener('click', (e) => {
    const reason = e.target.closest('[data-reason]')?.dataset.reason;
    if (reason) answerOffer(false, t(`offer.reason.${reason}`));
  });
  bindSos();
  $('#conn').addEventListener('click', () => {
    if (state.connection === 'replaced') link?.reconnect();
  });
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault();
    const install = $('#install-button');
    install.hidden = false;
    install.onclick = () => {
      e.prompt();
      install.hidden = true;
    };
  });
  setInterval(countdown, 1000);
}

/** SOS is one long press, then a confirmation, so a phone in a pocket never raises one. */
function bindSos() {
  const button = $('#sos-button');
  let timer = null;
  const release = () => {
    clearTimeout(timer);
    button.classList.remove('holding');
  };
  button.addEventListener('pointerdown', () => {
    button.classList.add('holding');
    timer = setTimeout(() => {
      release();
      navigator.vibrate?.(200);
      $('#sos-dialog').hidden = false;
    }, SOS_HOLD_MS);
  });
  ['pointerup', 'pointerleave', 'pointercancel'].forEach((e) => button.addEventListener(e, release));
  button.addEventListener('contextmenu', (e) => e.preventDefault());
  $('#sos-cancel').addEventListener('click', () => { $('#sos-dialog').hidden = true; });
  $('#sos-confirm').addEventListener('click', () => {
    $('#sos-dialog').hidden = true;
    send('status', { state: 'sos' }, { key: 'item.sos' });
    if (state.fix) sendPosition({ ...state.fix, ts: Date.now() });
    toast(t('sos.sent'));
  });
}

start();
