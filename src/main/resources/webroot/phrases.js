// What the server says as a code with parameters (alerts, refusals), in the dispatcher's
// language, with names where the server sent ids: the console knows the units and stations.
import { clock, hasText, label, t } from './i18n.js';
import { stationName, store } from './store.js';

/** A unit's name, or its id when this console does not know it. */
export function unitName(id) {
  return store.units.get(id)?.name ?? id;
}

/** A station's name, else a unit's (an officer told), else the id as it is (119, 122). */
export function partyName(id) {
  if (store.org.stations.has(id)) return stationName(id);
  return store.units.has(id) ? unitName(id) : id;
}

/** A reason is a shortfall code, a code of why an assignment ended, or a unit's own words. */
export function reasonText(reason) {
  const shortfall = label('shortfall', reason);
  return shortfall !== reason ? shortfall : label('assignmentReason', reason);
}

const NAMED = {
  unitId: (v) => ['unit', unitName(v)],
  party: (v) => ['party', partyName(v)],
  stationId: (v) => ['station', stationName(v)],
  reason: (v) => ['reason', reasonText(v)],
  was: (v) => ['was', label('assignmentStatus', v)],
  status: (v) => ['status', label('assignmentStatus', v)],
  incidentStatus: (v) => ['incidentStatus', label('incidentStatus', v)],
  expiresAt: (v) => ['expiresAt', clock(v)],
  at: (v) => ['at', clock(v)],
  windowMs: (v) => ['windowS', Math.round(v / 1000)],
  clearedAt: (v) => ['clearedAt', clock(v)],
};

/** The parameters with a readable twin for each id or code: {unitId: 'aux-0001', unit: '赵敏', ...}. */
function readable(params = {}) {
  const out = { ...params };
  for (const [key, value] of Object.entries(params)) {
    if (value != null && NAMED[key]) {
      const [name, text] = NAMED[key](value);
      out[name] = text;
    }
  }
  return out;
}

function phrase(group, code, params, fallback) {
  const key = `${group}.${code}`;
  return hasText(key) ? t(key, readable(params)) : fallback;
}

/** An alert in the dispatcher's words; the server's English only for a code this console does not know. */
export function alertText(alert) {
  // tracked: only the device that shows the unit's orders went; its positions still come in
  const tracked = `${alert.code}_tracked`;
  const code = alert.params?.tracked && hasText(`alertCode.${tracked}`) ? tracked : alert.code;
  return phrase('alertCode', code, alert.params, alert.message);
}

/** A refused request in the dispatcher's words. */
export function errorText(error) {
  return phrase('errorCode', error.code, error.params, error.message);
}
