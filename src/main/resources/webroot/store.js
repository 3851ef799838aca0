// The console's picture of the county, fed by the WebSocket (and REST at start-up), and a tiny
// publish/subscribe so each view redraws what changed.
//
// Topics: 'snapshot' (everything replaced), 'units' (array of changed units, merged), 'incident' (one
// incident), 'alert' ({alert, known, repeat}: raised, acknowledged or repeated), 'alerts' (list replaced or cleared), 'selection' (selected
// incident id or null), 'detail' (full incident of the selection), 'connection' ({state, since}),
// 'lang' (language switched).

export const ACTIVE_INCIDENT = new Set(['new', 'dispatching', 'assigned', 'on_scene', 'cleared']);
export const ACTIVE_ASSIGNMENT = new Set(['offered', 'accepted', 'enroute', 'on_scene']);
export const UNIT_STATUSES = ['available', 'offered', 'assigned', 'enroute', 'on_scene', 'off_duty', 'offline'];
export const INCIDENT_TYPES = ['fire', 'traffic', 'security', 'rescue', 'other'];
const FINISHED_INCIDENT = new Set(['closed', 'cancelled']);
const MAX_ALERTS = 200;

export const store = {
  me: null, // {username, role, stations}
  org: { stations: new Map(), offices: new Map() },
  units: new Map(),
  incidents: new Map(), // everything not closed or cancelled
  alerts: [], // newest first
  snapshotAt: null,
  selectedId: null,
  detail: null, // the selected incident with assignments and timeline
};

const listeners = new Map();

export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, []);
  listeners.get(topic).push(fn);
}

export function emit(topic, payload) {
  for (const fn of listeners.get(topic) ?? []) {
    try {
      fn(payload);
    } catch (e) {
      console.error(`listener for '${topic}' failed`, e);
    }
  }
}

/** Where an incident is, as its village and township: 王庄村 · 王集镇. */
export function placeName(place) {
  return [place.name, place.township].filter(Boolean).join(' · ');
}

export function canAct() {
  return store.me != null && store.me.role !== 'viewer';
}

/** Organisation names for popups and filters, from GET /api/org. */
export function setOrg(org) {
  store.org.stations.clear();
  store.org.offices.clear();
  for (const s of org.stations ?? []) {
    store.org.stations.set(s.id, { id: s.id, name: s.name });
    for (const o of s.offices ?? []) store.org.offices.set(o.id, { id: o.id, name: o.name, stationId: s.id });
  }
}

export function stationName(id) {
  return store.org.stations.get(id)?.name ?? id ?? '';
}

export function officeName(id) {
  return store.org.offices.get(id)?.name ?? id ?? '';
}

export function applySnapshot(msg) {
  if (msg.you) store.me = { ...store.me, ...msg.you };
  store.units = new Map((msg.units ?? []).map((u) => [u.id, u]));
  store.incidents = new Map();
  for (const i of msg.incidents ?? []) if (!FINISHED_INCIDENT.has(i.status)) store.incidents.set(i.id, i);
  store.alerts = (msg.alerts ?? []).slice(0, MAX_ALERTS);
  store.snapshotAt = msg.at ?? Date.now();
  emit('snapshot', msg);
}

/** The order of a position's fields in a units entry's `fix` array (docs/console-protocol.md). */
const FIX = ['lat', 'lon', 'ts', 'acc', 'spd', 'hdg', 'alt', 'batt', 'source'];

/**
 * A units entry with its `fix` array turned back into the unit's `position`, as the snapshot has
 * it: missing trailing fields are absent, and a missing source is the held position's.
 */
function withPosition(entry, held) {
  if (!('fix' in entry)) return entry;
  const { fix, ...rest } = entry;
  let position = null;
  if (fix) {
    position = {};
    FIX.forEach((field, i) => {
      if (fix[i] != null) position[field] = fix[i];
    });
    position.source ??= held.position?.source;
  }
  return { ...rest, position };
}

/**
 * Merges a tick's changes (each a unit's id and the fields that changed) into the units held and
 * tells the views the merged units. A unit not held is skipped: the next snapshot brings it whole.
 */
export function mergeUnits(changes) {
  const merged = [];
  for (const c of changes) {
    const held = store.units.get(c.id);
    if (!held) continue;
    const unit = { ...held, ...withPosition(c, held) };
    store.units.set(c.id, unit);
    merged.push(unit);
  }
  if (merged.length) emit('units', merged);
}

export function upsertIncident(incident) {
  if (FINISHED_INCIDENT.has(incident.status)) store.incidents.delete(incident.id);
  else store.incidents.set(incident.id, { ...store.incidents.get(incident.id), ...incident });
  if (incident.id === store.selectedId && Array.isArray(incident.timeline)) setDetail(incident);
  emit('incident', incident);
}

/** A raised, acknowledged or repeated alert: replaces the one with its id, or goes first. */
export function upsertAlert(alert, repeat = false) {
  const at = store.alerts.findIndex((a) => a.id === alert.id);
  const known = at >= 0 ? store.alerts[at] : null;
  if (known) store.alerts[at] = alert;
  else {
    store.alerts.unshift(alert);
    store.alerts.length = Math.min(store.alerts.length, MAX_ALERTS);
  }
  emit('alert', { alert, known, repeat });
}

export function clearAlerts() {
  store.alerts = [];
  emit('alerts', store.alerts);
}

export function select(id) {
  if (store.selectedId === id) return;
  store.selectedId = id;
  store.detail = null;
  emit('selection', id);
}

export function setDetail(incident) {
  if (incident.id !== store.selectedId) return;
  store.detail = incident;
  emit('detail', incident);
}
