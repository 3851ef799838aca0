// Entry point: the login page, then the console (header, tabs, map, panels) wired to the feed.
import { initAdmin } from './admin.js';
import { api, clearSession, login, onUnauthorized, savedUser, token } from './api.js';
import { initAlerts } from './alerts.js';
import { initBoard } from './board.js';
import { tickCountdowns } from './badges.js';
import { initDetail } from './detail.js';
import { throttle } from './dom.js';
import { connectFeed } from './feed.js';
import { ago, clock, label, otherLang, setLang, setTimeZone, t, translateStatic } from './i18n.js';
import { initIncidents } from './incidents.js';
import { initIntake } from './intake.js';
import { initKeys } from './keys.js';
import { errorText } from './phrases.js';
import { createMapView } from './map.js';
import { initPatrol } from './patrol.js';
import { initPatrolStatusLayer } from './patrol-map.js';
import {
  ACTIVE_INCIDENT, applySnapshot, canAct, emit, mergeUnits, on, select, setOrg, store, upsertAlert, upsertIncident,
} from './store.js';
import { initToasts, notify, setSound, soundOn, toast } from './toasts.js';
import { initTracks } from './tracks.js';
import { openAssignDialog } from './unit-assign.js';
import { initUnits } from './units.js';

const $ = (selector) => document.querySelector(selector);
const LOGIN_MESSAGE_KEY = 'lamplight.loginMessage';

let feed = null;
let reloadCounty = () => {};
let connection = { state: 'connecting', since: null };
let connectionNote = '';

initToasts($('#toasts'));
translateStatic();
document.querySelectorAll('.lang-switch').forEach((b) => b.addEventListener('click', switchLanguage));
onUnauthorized(() => endSession(t('login.expired')));

if (token() && savedUser()) startConsole(savedUser());
else showLogin();

// ---------------------------------------------------------------- login

function showLogin() {
  $('#console-view').hidden = true;
  $('#login-view').hidden = false;
  const message = sessionStorage.getItem(LOGIN_MESSAGE_KEY);
  sessionStorage.removeItem(LOGIN_MESSAGE_KEY);
  showLoginError(message);
  $('#login-form').addEventListener('submit', submitLogin);
  $('#username').focus();
}

function showLoginError(message) {
  const error = $('#login-error');
  error.textContent = message ?? '';
  error.hidden = !message;
}

async function submitLogin(e) {
  e.preventDefault();
  const button = $('#login-button');
  showLoginError(null);
  button.disabled = true;
  button.textContent = t('login.busy');
  try {
    const me = await login($('#username').value.trim(), $('#password').value);
    $('#password').value = '';
    $('#login-form').removeEventListener('submit', submitLogin);
    startConsole(me);
  } catch (err) {
    showLoginError(t('login.failed', { message: errorText(err) }));
  } finally {
    button.disabled = false;
    button.textContent = t('login.submit');
  }
}

/** Ends the session; the page reloads into the login form, showing why when there is a reason. */
function endSession(message) {
  feed?.stop();
  clearSession();
  if (message) sessionStorage.setItem(LOGIN_MESSAGE_KEY, message);
  location.reload();
}

// ---------------------------------------------------------------- console

async function startConsole(me) {
  store.me = me;
  $('#login-view').hidden = true;
  $('#console-view').hidden = false;

  const [settings, org] = await Promise.all([
    api.get('/api/console/settings').catch((e) => { notify.error(e.message); return {}; }),
    api.get('/api/org').catch((e) => { notify.error(e.message); return {}; }),
  ]);
  setOrg(org);
  setTimeZone(settings.timeZone);
  const county = settings.county ?? org.county;
  $('#county-name').textContent = county?.name ?? '';

  let intake = null;
  let unitAction = () => {};
  const mapView = createMapView($('#map'), { ...settings, county }, {
    onMapClick: (latlng) => { if (canAct()) intake.open(latlng); },
    onIncidentClick: (id) => select(id),
    onUnitAction: (action, unitId) => unitAction(action, unitId),
  });
  const pick = initIncidents({
    queueEl: $('#incident-list'), sortEl: $('#incident-sort'), countEl: $('#incident-count'), mapView,
    timeZone: settings.timeZone,
    history: {
      viewEl: $('#incident-view'), toolbarEl: $('#history-toolbar'), dayEl: $('#history-day'),
      statusEl: $('#history-status'), typeEl: $('#history-type'), stationEl: $('#history-station'),
      exportEl: $('#history-export'),
    },
  });
  intake = initIntake($('#intake'), mapView.map, (incident) => {
    upsertIncident(incident);
    pick(incident.id);
  });
  $('#intake-button').addEventListener('click', () => intake.open());
  initDetail($('#incident-detail'), mapView);
  const tracks = initTracks($('#track-player'), mapView.map);
  $('#track-button').addEventListener('click', () => tracks.open());
  initPatrolStatusLayer(mapView);
  initPatrol({ button: $('#patrol-button'), mapView });
  const panels = {
    units: initUnits({ panel: $('#panel-units'), mapView }),
    alerts: initAlerts({
      panel: $('#panel-alerts'), countEl: $('#alert-count'), mapView,
      createHere: (latlng) => { if (canAct()) intake.open(latlng); },
    }),
  };
  unitAction = (action, unitId) => {
    if (action === 'locate') locate(mapView, unitId);
    if (action === 'track') tracks.open(unitId);
    if (action === 'assign') openAssignDialog(unitId, (incident) => pick(incident.id));
  };
  initBoard($('#unit-board'), (stationId, status) => {
    $(".tabs [data-tab='units']").click();
    panels.units.show(stationId, status);
  });
  window.lamplight = Object.freeze({
    map: mapView.map,
    unitsOnMap: mapView.unitsOnMap,
    incidentsOnMap: mapView.incidentsOnMap,
  });

  initHeader();
  initTabs(panels);
  initKeys({
    takeCall: () => intake.open(),
    search: () => {
      $('.tabs [data-tab="units"]').click();
      $('#unit-search').focus();
    },
    pick,
    acknowledgeNewest: panels.alerts.acknowledgeNewest,
  });

  // the county changed (administration, an import): the organisation and the basemap again
  reloadCounty = () => {
    api.get('/api/org').then(setOrg).catch((e) => notify.error(e.message));
    api.get('/api/basemap')
      .then((geojson) => mapView.showBasemap(geojson))
      .catch((e) => notify.error(t('error.basemap', { message: e.message })));
  };
  reloadCounty();
  if (me.role === 'admin') initAdmin({ button: $('#admin-button'), view: $('#admin-view'), consoleView: $('#console-view') });
  loadFirstPicture();
  setInterval(() => tickCountdowns(), 1000);
  feed = connectFeed({ onMessage: handleMessage, onState: showConnection });
}

/**
 * Draws units, incidents and alerts from REST while the feed connects; the feed's snapshot,
 * whenever it arrives, replaces this picture and is never overwritten by it.
 */
async function loadFirstPicture() {
  try {
    const [units, incidents, alerts] = await Promise.all(
      ['/api/units', '/api/incidents', '/api/alerts'].map((path) => api.get(path)));
    if (store.snapshotAt == null) applySnapshot({ units, incidents, alerts });
  } catch (e) {
    console.warn('first picture not loaded; the feed will supply it:', e.message);
  }
}

function handleMessage(message) {
  switch (message.type) {
    case 'snapshot':
      connectionNote = '';
      applySnapshot(message);
      showConnection(connection);
      break;
    case 'units':
      mergeUnits(message.units ?? []);
      break;
    case 'incident':
      upsertIncident(message.incident);
      break;
    case 'alert':
      upsertAlert(message.alert, message.repeat === true);
      break;
    case 'county':
      reloadCounty(); // a snapshot with the units as they are now follows
      break;
    case 'resync':
      connectionNote = t('conn.resync');
      showConnection(connection);
      break;
    case 'bye':
      connectionNote = t('conn.serverStopping');
      showConnection(connection);
      break;
    case 'pong':
      break;
    default:
      console.warn('feed: unknown message type', message.type);
  }
}

function showConnection(next) {
  connection = next;
  const el = $('#connection-status');
  el.dataset.state = next.state;
  el.querySelector('.conn-text').textContent = t(`conn.${next.state}`);
  el.querySelector('.conn-detail').textContent = next.since ? t('conn.staleSince', { time: clock(next.since) }) : connectionNote;
  document.body.classList.toggle('feed-down', next.state !== 'connected');
}

/**
 * Centres the map on the unit and highlights it, saying how old its last fix is, and asks its device
 * for a position now (a dispatcher may; Traccar Client and OsmAnd cannot be asked, which is said).
 */
async function locate(mapView, unitId) {
  const unit = store.units.get(unitId);
  if (!unit) return;
  if (unit.position) {
    mapView.focusUnit(unitId);
    toast({ level: 'info', message: t('unit.lastFix', { unit: unit.name, time: clock(unit.position.ts), ago: ago(unit.position.ts) }) });
  }
  if (!canAct()) return;
  try {
    await api.post(`/api/units/${encodeURIComponent(unitId)}/locate`);
    toast({ level: 'info', message: t('unit.locating', { unit: unit.name }) });
  } catch (e) {
    toast({ level: 'warning', message: t('unit.cannotLocate', { unit: unit.name, message: errorText(e) }) });
  }
}

// ---------------------------------------------------------------- header and tabs

function initHeader() {
  const sound = $('#sound-toggle');
  const drawStatic = () => {
    document.body.classList.toggle('can-act', canAct());
    $('#user-info').textContent = `${store.me.username} · ${label('role', store.me.role)}`;
    sound.textContent = soundOn() ? t('header.soundOn') : t('header.soundOff');
    sound.setAttribute('aria-pressed', String(soundOn()));
    showConnection(connection);
  };
  sound.addEventListener('click', () => {
    setSound(!soundOn());
    drawStatic();
  });
  $('#logout-button').addEventListener('click', () => endSession(null));

  const drawCounts = throttle(() => {
    const active = [...store.incidents.values()].filter((i) => ACTIVE_INCIDENT.has(i.status));
    const units = [...store.units.values()];
    $('#stat-incidents').textContent = active.length;
    $('#stat-escalated').textContent = active.filter((i) => i.level > 1).length;
    $('#stat-escalated').closest('.stat').classList.toggle('hot', active.some((i) => i.level > 1));
    $('#stat-available').textContent = units.filter((u) => u.status === 'available').length;
    $('#stat-online').textContent = `${units.filter((u) => u.online).length} / ${units.length}`;
    $('#unit-count').textContent = units.length;
  }, 500);
  ['snapshot', 'units', 'incident'].forEach((topic) => on(topic, drawCounts));
  // The feed's snapshot says who the server takes this console for; the header follows it.
  ['snapshot', 'lang'].forEach((topic) => on(topic, drawStatic));
  drawStatic();
}

function initTabs(panels) {
  const tabs = document.querySelectorAll('.tabs [data-tab]');
  tabs.forEach((tab) => tab.addEventListener('click', () => {
    tabs.forEach((other) => {
      const chosen = other === tab;
      other.setAttribute('aria-selected', String(chosen));
      $(`#panel-${other.dataset.tab}`).hidden = !chosen;
    });
    panels[tab.dataset.tab]?.render();
  }));
}

function switchLanguage() {
  setLang(otherLang());
  translateStatic();
  if (store.me) emit('lang');
}
