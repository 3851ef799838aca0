// "My day": what the unit did today as the server counts it (GET /api/device/day): the offers it
// answered, its time on post and in each village, the ledger entries it filed, and the hazards of
// its village still waiting to be put right.
import { lang, t } from './i18n.js';

/** The day, or an error with the answer's status (0 without a network). */
export async function fetchDay(token) {
  let response;
  try {
    response = await fetch('/api/device/day', { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw Object.assign(new Error(t('error.network')), { status: 0 });
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.message ?? String(response.status)), { status: response.status });
  return body;
}

const item = (text, data = {}) => {
  const li = document.createElement('li');
  li.textContent = text;
  Object.assign(li.dataset, data);
  return li;
};

const clock = (at) => new Date(at).toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit' });
const date = (at) => new Date(at).toLocaleString(lang(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Fills the day's view; lists left empty say so. */
export function renderDay(root, day) {
  const $ = (selector) => root.querySelector(selector);
  const { offers } = day;
  Object.assign($('#day-offers').dataset, { accepted: offers.accepted, declined: offers.declined });
  $('#day-offers').textContent = t('day.offers', { accepted: offers.accepted, declined: offers.declined });
  fill($('#day-answers'), offers.answers.map((a) => item([clock(a.at), a.incidentNumber ? t('offer.number', { number: a.incidentNumber }) : '',
    t(`type.${a.type}`), t(`day.answer.${a.answer}`), a.reason ?? ''].filter(Boolean).join(' · '),
  { answer: a.answer, number: a.incidentNumber ?? '' })));

  const post = day.postVillages.map((v) => v.villageName).join('、');
  $('#day-post').dataset.minutes = day.onPostMinutes;
  $('#day-post').textContent = t('day.onPost', { post, minutes: day.onPostMinutes });
  $('#day-duty').textContent = t('day.onDuty', { minutes: day.onDutyMinutes, km: (day.distanceM / 1000).toFixed(1),
    visits: day.visits });
  fill($('#day-villages'), day.villages.map((v) => item(t('day.village', { name: v.villageName, minutes: v.minutes,
    visits: v.visits }) + (v.onPost ? ` · ${t('day.post')}` : ''), { village: v.village, minutes: v.minutes })));

  fill($('#day-ledger'), day.ledger.map((l) => item(t('day.entries', { what: t(`ledger.${l.kind}`), entries: l.entries,
    count: l.count }), { kind: l.kind, entries: l.entries, count: l.count })));

  fill($('#day-hazards'), day.hazards.map((h) => item([t(`ledger.${h.kind}`), h.villageName ?? h.village,
    t(`day.hazard.${h.status}`), h.deadline != null ? t('day.deadline', { at: date(h.deadline) }) : '',
    h.overdue ? t('day.overdue') : '', h.description].filter(Boolean).join(' · '),
  { status: h.status, overdue: String(h.overdue) })));
}

function fill(list, items) {
  list.replaceChildren(...(items.length ? items : [item(t('day.none'), { empty: 'true' })]));
}
