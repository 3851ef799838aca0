// Villages coloured on a Leaflet map: on the console's map by hours since their last visit (the
// patrol status layer, kept fresh every minute and on every patrol alert), and in the patrol
// section by the share of days that met their requirement.
/* global L */
import { api } from './api.js';
import { esc } from './dom.js';
import { t } from './i18n.js';
import { on } from './store.js';

const REFRESH_MS = 60_000;
const STATUS_COLOURS = {
  fresh: '#2f9e44', due: '#f59f00', overdue: '#e03131', never: '#862e9c', none: '#adb5bd',
};

/** Where a village stands: within half its window, running out, passed, never visited, or needing none. */
export function patrolState(v) {
  if (v.windowHours == null) return 'none';
  if (v.hoursSince == null) return 'never';
  if (v.overdue) return 'overdue';
  return v.hoursSince > v.windowHours / 2 ? 'due' : 'fresh';
}

/** A colour from red (0) through amber to green (1) for a share of days met; grey without data. */
export function shareColour(share) {
  if (share == null) return '#adb5bd';
  const hue = Math.round(120 * Math.max(0, Math.min(1, share)));
  return `hsl(${hue}, 70%, 45%)`;
}

/**
 * A layer of village polygons filled by style(code) and labelled by tooltip(code), drawn from
 * the basemap's village features; returns it with refresh() to restyle after new figures.
 */
export function villageLayer(style, tooltip) {
  const layer = L.geoJSON(null, {
    style: (f) => ({ color: '#495057', weight: 0.8, fillOpacity: 0.55, ...style(f.properties.id) }),
    onEachFeature: (f, l) => {
      l.bindTooltip(() => esc(tooltip(f.properties.id, f.properties.name)), { sticky: true });
      l.on('add', () => l.getElement()?.setAttribute('data-village', f.properties.id));
    },
  });
  return {
    layer,
    setVillages(geojson) {
      layer.clearLayers();
      layer.addData({ type: 'FeatureCollection', features: (geojson.features ?? []).filter((f) => f.properties?.layer === 'village') });
    },
    refresh() {
      layer.eachLayer((l) => {
        l.setStyle({ color: '#495057', weight: 0.8, fillOpacity: 0.55, ...style(l.feature.properties.id) });
        l.getElement()?.setAttribute('data-state', style(l.feature.properties.id).state ?? '');
      });
    },
  };
}

/** The patrol status layer of the console's map, off until switched on in the layer control. */
export function initPatrolStatusLayer(mapView) {
  const status = new Map();
  const villages = villageLayer(
    (code) => {
      const state = status.has(code) ? patrolState(status.get(code)) : 'none';
      return { fillColor: STATUS_COLOURS[state], state };
    },
    (code, name) => {
      const v = status.get(code);
      if (!v || v.hoursSince == null) return t('patrolStatus.tooltipNever', { name });
      return t('patrolStatus.tooltip', { name, hours: v.hoursSince, window: v.windowHours ?? '—' });
    });
  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend patrol-legend');
    div.innerHTML = `<div class="legend-title">${esc(t('patrolStatus.title'))}</div><ul>${Object.entries(STATUS_COLOURS)
      .map(([state, colour]) => `<li><span class="patrol-swatch" style="background:${colour}"></span>${esc(t(`patrolStatus.${state}`))}</li>`)
      .join('')}</ul>`;
    return div;
  };
  let timer = null;
  const load = () => api.get('/api/coverage/live').then((list) => {
    status.clear();
    list.forEach((v) => status.set(v.village, v));
    villages.refresh();
  }).catch((e) => console.warn('patrol status not loaded:', e.message));
  const map = mapView.map;
  villages.layer.on('add', () => {
    legend.addTo(map);
    load();
    timer = setInterval(load, REFRESH_MS);
  });
  villages.layer.on('remove', () => {
    legend.remove();
    clearInterval(timer);
  });
  on('alert', (alert) => {
    if (alert?.kind === 'patrol_inactivity' && map.hasLayer(villages.layer)) load();
  });
  on('lang', () => {
    if (map.hasLayer(villages.layer)) {
      legend.remove();
      legend.addTo(map);
    }
  });
  mapView.onBasemap((geojson) => {
    villages.setVillages(geojson);
    villages.refresh();
  });
  mapView.addOverlay('layer.patrolStatus', villages.layer);
  return villages;
}
