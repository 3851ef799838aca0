// Track playback (轨迹回放): a unit's positions over a time range from GET /api/units/{id}/track,
// drawn as a path with its stops marked, and a marker that replays the movement at a chosen speed
// along a time slider.
/* global L */
import { api } from './api.js';
import { distanceM, fill, h } from './dom.js';
import { clock, countyMidnight, countyTime, t } from './i18n.js';
import { errorText } from './phrases.js';
import { on, store } from './store.js';
import { notify } from './toasts.js';

const HOUR_MS = 3_600_000;
const RANGES = ['1h', '4h', 'today', 'custom'];
const SPEEDS = [1, 10, 60, 300];
const FRAME_MS = 100;
const SEARCH_DELAY_MS = 250;
/** A stop: the unit stayed within STOP_RADIUS_M of where it halted for at least STOP_MIN_MS. */
export const STOP_MIN_MS = 3 * 60_000;
export const STOP_RADIUS_M = 50;

/**
 * The places a track stayed: each run of consecutive points within radiusM of the run's first
 * point that lasts at least minMs. points are {lat, lon, ts}, oldest first; each stop is
 * {lat, lon (the run's centre), from, to (epoch ms), durationMs, first, last (indices)}.
 */
export function findStops(points, minMs = STOP_MIN_MS, radiusM = STOP_RADIUS_M) {
  const stops = [];
  let i = 0;
  while (i < points.length) {
    let j = i;
    while (j + 1 < points.length && distanceM(points[i], points[j + 1]) <= radiusM) j++;
    const durationMs = points[j].ts - points[i].ts;
    if (durationMs >= minMs) {
      const run = points.slice(i, j + 1);
      stops.push({
        lat: run.reduce((s, p) => s + p.lat, 0) / run.length,
        lon: run.reduce((s, p) => s + p.lon, 0) / run.length,
        from: points[i].ts, to: points[j].ts, durationMs, first: i, last: j,
      });
      i = j + 1;
    } else {
      i++;
    }
  }
  return stops;
}

/** Where the track was at time ts: between the two fixes around it, in proportion to the time. */
export function positionAt(points, ts) {
  if (!points.length) return null;
  if (ts <= points[0].ts) return points[0];
  const last = points[points.length - 1];
  if (ts >= last.ts) return last;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].ts <= ts) lo = mid;
    else hi = mid;
  }
  const a = points[lo];
  const b = points[hi];
  const f = b.ts === a.ts ? 0 : (ts - a.ts) / (b.ts - a.ts);
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f, ts };
}

/** "3 分 30 秒" / "1 小时 5 分". */
export function durationText(ms) {
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 60) return t('tracks.hoursMinutes', { h: Math.floor(minutes / 60), min: minutes % 60 });
  return t('tracks.minutesSeconds', { min: minutes, s: Math.floor((ms % 60_000) / 1000) });
}

/**
 * panel: the element the player is drawn in (inside the map area); map: the Leaflet map.
 * Returns {open(unitId?), close()}.
 */
export function initTracks(panel, map) {
  const layer = L.layerGroup();
  const state = {
    unitId: '', range: '1h', from: '', to: '', speed: 60,
    points: [], stops: [], truncated: false, at: 0, playing: null, marker: null,
  };
  let parts = null;

  function open(unitId) {
    if (unitId) state.unitId = unitId;
    panel.hidden = false;
    build();
    if (!map.hasLayer(layer)) layer.addTo(map);
    if (unitId) load();
  }

  function close() {
    pause();
    panel.hidden = true;
    panel.replaceChildren();
    parts = null;
    layer.clearLayers();
    layer.remove();
    state.points = [];
    state.stops = [];
  }

  function build() {
    const choice = (value, text, chosen) => h('option', { value, selected: value === chosen }, text);
    const units = [...store.units.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const unitChoices = (list) => [choice('', t('tracks.pickUnit'), state.unitId),
      ...list.map((u) => choice(u.id, `${u.name} (${u.id})`, state.unitId))];
    const unit = h('select', { id: 'track-unit', 'aria-label': t('tracks.unit') }, unitChoices(units));
    // typing a name or an id narrows the units to choose from, and plays the first that matches
    const find = h('input', { id: 'track-search', type: 'search', autocomplete: 'off', placeholder: t('units.search') });
    let typing = null;
    find.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        const text = find.value.trim().toLowerCase();
        const matching = units.filter((u) => !text || u.name.toLowerCase().includes(text) || u.id.toLowerCase().includes(text));
        if (text && matching.length && !matching.some((u) => u.id === state.unitId)) {
          state.unitId = matching[0].id;
          load();
        }
        fill(unit, unitChoices(matching));
      }, SEARCH_DELAY_MS);
    });
    const range = h('select', { id: 'track-range', 'aria-label': t('tracks.range') },
      RANGES.map((r) => choice(r, t(`tracks.range.${r}`), state.range)));
    const from = h('input', { id: 'track-from', type: 'datetime-local', value: state.from, 'aria-label': t('tracks.from') });
    const to = h('input', { id: 'track-to', type: 'datetime-local', value: state.to, 'aria-label': t('tracks.to') });
    const custom = h('div', { class: 'track-custom', hidden: state.range !== 'custom' },
      h('label', {}, t('tracks.from'), from), h('label', {}, t('tracks.to'), to));
    const play = h('button', { type: 'button', id: 'track-play', class: 'btn btn-small btn-primary', onclick: toggle });
    const speed = h('select', { id: 'track-speed', 'aria-label': t('tracks.speed') },
      SPEEDS.map((s) => choice(String(s), `${s}×`, String(state.speed))));
    const slider = h('input', { id: 'track-slider', type: 'range', min: 0, max: 0, step: 1, value: 0, 'aria-label': t('tracks.time') });
    const time = h('output', { id: 'track-time', class: 'track-time', for: 'track-slider' });
    const summary = h('div', { id: 'track-summary', class: 'track-summary muted small' });
    const stops = h('ol', { id: 'track-stops', class: 'track-stops' });

    unit.addEventListener('change', () => { state.unitId = unit.value; load(); });
    range.addEventListener('change', () => {
      state.range = range.value;
      custom.hidden = state.range !== 'custom';
      if (state.range !== 'custom') load();
    });
    from.addEventListener('change', () => { state.from = from.value; load(); });
    to.addEventListener('change', () => { state.to = to.value; load(); });
    speed.addEventListener('change', () => { state.speed = Number(speed.value); });
    slider.addEventListener('input', () => {
      pause();
      moveTo(state.points.length ? state.points[0].ts + Number(slider.value) * 1000 : 0);
    });

    parts = { play, slider, time, summary, stops };
    fill(panel,
      h('div', { class: 'track-head' },
        h('h3', {}, t('tracks.title')),
        h('button', { type: 'button', class: 'detail-close', title: t('detail.close'), 'aria-label': t('detail.close'), onclick: close }, '×')),
      find,
      h('div', { class: 'track-row' }, unit, range),
      custom,
      summary,
      h('div', { class: 'track-row' }, play, speed, time),
      slider,
      h('h4', {}, t('tracks.stops')),
      stops);
    show();
  }

  /** The range asked for, epoch ms; null for a custom range not filled in yet. */
  function requestedRange() {
    const now = Date.now();
    if (state.range === '1h') return { from: now - HOUR_MS, to: now };
    if (state.range === '4h') return { from: now - 4 * HOUR_MS, to: now };
    if (state.range === 'today') return { from: countyMidnight(now), to: now };
    const from = countyTime(state.from);
    const to = countyTime(state.to);
    return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : null;
  }

  let asked = 0;
  async function load() {
    pause();
    const range = requestedRange();
    if (!state.unitId || !range) return;
    const mine = ++asked;
    panel.dataset.state = 'loading';
    try {
      const track = await api.get(`/api/units/${encodeURIComponent(state.unitId)}/track?from=${range.from}&to=${range.to}`);
      if (mine !== asked || !parts) return;
      state.points = track.points.filter((p) => !p.implausible);
      state.truncated = track.truncated;
      state.stops = findStops(state.points);
      state.at = state.points[0]?.ts ?? 0;
      draw();
      show();
      panel.dataset.state = 'loaded';
    } catch (e) {
      if (mine === asked) {
        panel.dataset.state = 'failed';
        notify.error(errorText(e));
      }
    }
  }

  function draw() {
    layer.clearLayers();
    state.marker = null;
    const points = state.points;
    if (!points.length) return;
    const line = L.polyline(points.map((p) => [p.lat, p.lon]), { className: 'track-path', color: '#1f5fbf', weight: 4, opacity: 0.8 });
    layer.addLayer(line);
    line.getElement()?.setAttribute('data-points', String(points.length));
    state.stops.forEach((s, n) => layer.addLayer(L.marker([s.lat, s.lon], {
      icon: L.divIcon({ className: 'track-stop-icon', iconSize: [20, 20], html: `<div class="track-stop-marker" data-stop="${n}">${n + 1}</div>` }),
      keyboard: false,
    }).bindTooltip(`${clock(s.from)} · ${durationText(s.durationMs)}`, { direction: 'top', offset: [0, -10] })));
    state.marker = L.marker([points[0].lat, points[0].lon], {
      icon: L.divIcon({ className: 'track-marker-icon', iconSize: [18, 18], html: '<div class="track-marker"></div>' }),
      keyboard: false, zIndexOffset: 12000, interactive: false,
    });
    layer.addLayer(state.marker);
    // clear of the legend in the bottom-left corner and of the player on the right-hand side
    const legend = map.getContainer().querySelector('.legend')?.offsetWidth ?? 0;
    map.fitBounds(line.getBounds(), { paddingTopLeft: [legend + 40, 40], paddingBottomRight: [panel.offsetWidth + 80, 40], maxZoom: 17 });
  }

  /** The controls and lists for the track loaded (or none). */
  function show() {
    if (!parts) return;
    const points = state.points;
    panel.dataset.points = String(points.length);
    panel.dataset.stops = String(state.stops.length);
    const loaded = points.length > 0;
    parts.play.disabled = !loaded;
    parts.slider.disabled = !loaded;
    parts.slider.max = loaded ? Math.ceil((points[points.length - 1].ts - points[0].ts) / 1000) : 0;
    parts.summary.textContent = !state.unitId ? t('tracks.hint')
      : loaded ? [t('tracks.summary', { n: points.length, km: (lengthM(points) / 1000).toFixed(1) }),
        state.truncated ? t('tracks.truncated') : ''].filter(Boolean).join(' · ')
        : t('tracks.empty');
    fill(parts.stops, state.stops.length
      ? state.stops.map((s, n) => h('li', {
        class: 'track-stop', tabindex: 0, dataset: { durationMs: s.durationMs },
        onclick: () => { pause(); moveTo(s.from); map.setView([s.lat, s.lon], Math.max(map.getZoom(), 16)); },
      }, h('span', { class: 'track-stop-number' }, String(n + 1)),
      h('span', {}, `${clock(s.from)}–${clock(s.to)}`),
      h('strong', { class: 'track-stop-duration' }, t('tracks.stayed', { duration: durationText(s.durationMs) }))))
      : h('li', { class: 'empty muted' }, loaded ? t('tracks.noStops') : '—'));
    moveTo(state.at);
  }

  function moveTo(ts) {
    state.at = ts;
    const points = state.points;
    const p = positionAt(points, ts);
    if (p && state.marker) state.marker.setLatLng([p.lat, p.lon]);
    if (!parts) return;
    parts.slider.value = points.length ? Math.round((ts - points[0].ts) / 1000) : 0;
    parts.time.textContent = p ? clock(ts) : '';
    parts.time.dataset.at = p ? String(Math.round(ts)) : '';
    parts.play.textContent = state.playing ? t('tracks.pause') : t('tracks.play');
  }

  function toggle() {
    if (state.playing) {
      pause();
      return;
    }
    const points = state.points;
    if (!points.length) return;
    if (state.at >= points[points.length - 1].ts) state.at = points[0].ts; // played to the end: again
    state.playing = setInterval(() => {
      const end = points[points.length - 1].ts;
      const next = Math.min(end, state.at + FRAME_MS * state.speed);
      if (next >= end) pause();
      moveTo(next);
    }, FRAME_MS);
    moveTo(state.at);
  }

  function pause() {
    if (!state.playing) return;
    clearInterval(state.playing);
    state.playing = null;
    moveTo(state.at);
  }

  on('lang', () => {
    if (!parts) return;
    draw();
    build();
  });

  return { open, close };
}

function lengthM(points) {
  let m = 0;
  for (let i = 1; i < points.length; i++) m += distanceM(points[i - 1], points[i]);
  return m;
}
