// The Leaflet map: optional intranet raster tiles, the built-in vector basemap, units, incidents
// and the lines between them. It redraws itself from the store's events.
/* global L */
import { ago, clock, label, t } from './i18n.js';
import { esc, throttle } from './dom.js';
import { gridClusters } from './unit-clusters.js';
import {
  ACTIVE_ASSIGNMENT, INCIDENT_TYPES, canAct, officeName, on, stationName, store,
} from './store.js';

const LABEL_ZOOM = { stations: 12, villages: 13.5 };
const LEGEND_KEY = 'lamplight.legend';
const SMALL_SCREEN = '(max-width: 1440px), (max-height: 800px)';
// Units that need attention are drawn above the rest (Leaflet adds the marker's pixel y).
const UNIT_Z = { offered: 7000, assigned: 6000, enroute: 6000, on_scene: 6000, available: 3000, off_duty: 1000, offline: 0 };
const SOS_Z = 9000;
// At county zoom units crowded into one cell of this grid are drawn as one numbered marker.
const CLUSTER_MAX_ZOOM = 13;
const CLUSTER_CELL_PX = 56;
const CLUSTER_MIN_UNITS = 3;
const LOCATED_MS = 4000;
const INCIDENT_SIZE = { 1: 26, 2: 32, 3: 38 };
const LEGEND_UNITS = [
  ['available', 'unitStatus.available'], ['offered', 'unitStatus.offered'], ['enroute', 'legend.busy'],
  ['on_scene', 'unitStatus.on_scene'], ['off_duty', 'unitStatus.off_duty'], ['offline', 'unitStatus.offline'],
];

/**
 * Creates the map inside el. settings is GET /api/console/settings; onMapClick(latlng) is called
 * for a click on empty map (not the click that merely closes a popup); onIncidentClick(id) for a
 * click on an incident marker; onUnitAction(action, unitId) for a button of a unit's popup
 * (locate, assign, track).
 */
export function createMapView(el, settings, { onMapClick, onIncidentClick, onUnitAction = () => {} }) {
  // Raster tiles look blurred between their zoom levels; the vector map may fit the county closely.
  const map = L.map(el, { attributionControl: false, minZoom: 8, maxZoom: 18, zoomSnap: settings.tileUrl ? 1 : 0.25 });
  const center = settings.county?.center;
  map.setView(center ? [center.lat, center.lon] : [0, 0], center ? 11 : 2);
  new ResizeObserver(() => map.invalidateSize()).observe(el);

  const tiles = settings.tileUrl ? L.tileLayer(settings.tileUrl, { maxZoom: 18 }).addTo(map) : null;
  el.classList.toggle('has-tiles', tiles != null);
  const basemap = createBasemap(map, tiles != null);
  const units = createUnitLayer(map, onUnitAction);
  const links = createLinkLayer(map, units);
  let controls = null;
  // Fitting keeps what matters clear of the legend in the bottom-left corner.
  const fit = (bounds, margin, maxZoom) => map.fitBounds(bounds, {
    paddingTopLeft: [controls.legendWidth() + margin, margin], paddingBottomRight: [margin, margin], maxZoom,
  });
  const incidents = createIncidentLayer(map, links, fit, onIncidentClick);
  const extras = []; // [i18n key, layer] of overlays other sections add
  const basemapListeners = [];
  controls = createControls(map, { tiles, basemap, units, incidents, links, extras });
  watchClicks(map, onMapClick);

  on('snapshot', () => {
    units.syncAll();
    incidents.syncAll();
  });
  on('units', (changed) => {
    changed.forEach(units.sync);
    links.unitsMoved(changed);
  });
  on('incident', (incident) => incidents.sync(store.incidents.get(incident.id) ?? incident));
  on('selection', (id) => incidents.select(id));
  on('lang', () => {
    controls.rebuild();
    incidents.syncAll();
    map.eachLayer((layer) => layer.isPopupOpen?.() && layer.getPopup().update());
  });

  return {
    map,
    showBasemap(geojson) {
      basemap.load(geojson);
      const bounds = basemap.bounds();
      if (bounds.isValid()) fit(bounds, 12);
      basemapListeners.forEach((fn) => fn(geojson));
    },
    /** Adds a layer to the layer control under the text of i18n key. */
    addOverlay(key, layer) {
      extras.push([key, layer]);
      controls.rebuild();
    },
    /** fn(geojson) once the basemap (GET /api/basemap) is drawn. */
    onBasemap: (fn) => basemapListeners.push(fn),
    focusUnit: units.focus,
    /** Draws only the units for which fn(unit) is true (the unit list's filters). */
    filterUnits: units.filter,
    focusIncident: incidents.focus,
    unitsOnMap: units.count,
    incidentsOnMap: incidents.count,
  };
}

// ---------------------------------------------------------------- basemap

/** The built-in vector map; over raster tiles its township fill becomes a faint tint. */
function createBasemap(map, overTiles) {
  const renderer = L.canvas({ padding: 0.5 });
  const layers = {
    townships: L.geoJSON(null, {
      renderer,
      interactive: false,
      style: (f) => ({
        color: '#8a94a6', weight: 1.2, dashArray: '4 3',
        fillColor: f.properties.kind === 'township' ? '#f7f4ec' : '#efe9f5', fillOpacity: overTiles ? 0.08 : 0.55,
      }),
      // Above the centre, where the township's police station sits with its own label below it.
      onEachFeature: (f, layer) => layer.bindTooltip(esc(f.properties.name),
        { permanent: true, direction: 'top', offset: [0, -10], className: 'map-label township-label' }),
    }),
    roads: L.geoJSON(null, {
      renderer,
      interactive: false,
      style: (f) => (f.properties.kind === 'county'
        ? { color: '#e9b44c', weight: 3.5, opacity: 0.95 }
        : { color: '#b9b3a6', weight: 1.3, opacity: 0.9 }),
    }),
    // Village boundaries in beige, police sites in slate and navy: nothing a unit's status colour could be taken for.
    villages: L.geoJSON(null, {
      renderer,
      interactive: false,
      style: (f) => ({
        color: '#b5ab97', weight: 0.8, fillColor: f.properties.kind === 'committee' ? '#ece6f2' : '#f1ecdf',
        fillOpacity: overTiles ? 0.05 : 0.35,
      }),
      onEachFeature: (f, layer) => layer.bindTooltip(esc(f.properties.name),
        { permanent: true, direction: 'center', className: 'map-label villages-label' }),
    }),
    workstations: pointLayer(renderer, 'workstations', { radius: 2.5, color: '#ffffff', fillColor: '#8a94a6', weight: 1 }),
    offices: pointLayer(renderer, 'offices', { radius: 4, color: '#ffffff', fillColor: '#5b667d', weight: 1.5 }),
    stations: pointLayer(renderer, 'stations', { radius: 6.5, color: '#ffffff', fillColor: '#15213a', weight: 2.5 }),
  };
  const onByDefault = ['townships', 'villages', 'roads', 'offices', 'stations'];
  onByDefault.forEach((name) => layers[name].addTo(map));

  const applyLabelZoom = () => {
    const zoom = map.getZoom();
    map.getContainer().classList.toggle('show-village-labels', zoom >= LABEL_ZOOM.villages);
    map.getContainer().classList.toggle('show-station-labels', zoom >= LABEL_ZOOM.stations);
  };
  map.on('zoomend', applyLabelZoom);
  applyLabelZoom();

  return {
    layers,
    load(geojson) {
      Object.values(layers).forEach((layer) => layer.clearLayers());
      // Drawn in this order so that points sit on roads and roads on villages and townships.
      const byLayer = { township: 'townships', road: 'roads', village: 'villages', workstation: 'workstations', office: 'offices', station: 'stations' };
      for (const feature of geojson.features ?? []) {
        const target = layers[byLayer[feature.properties?.layer]];
        if (target) target.addData(feature);
      }
    },
    bounds: () => layers.townships.getBounds(),
  };
}

function pointLayer(renderer, name, style) {
  const permanent = name === 'stations';
  return L.geoJSON(null, {
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { renderer, fillOpacity: 1, ...style }),
    onEachFeature: (f, layer) => layer.bindTooltip(esc(f.properties.name), {
      permanent,
      direction: name === 'stations' ? 'bottom' : 'right',
      offset: name === 'stations' ? [0, 6] : [6, 0],
      className: permanent ? `map-label ${name}-label` : `${name}-label`,
    }),
  });
}

// ---------------------------------------------------------------- units

function createUnitLayer(map, onUnitAction) {
  const layer = L.layerGroup().addTo(map);
  const markers = new Map(); // unit id -> {marker, key}
  const clusters = new Map(); // grid cell -> {marker, html}
  let shown = () => true; // the unit list's filters
  let pinned = null; // a unit being located: drawn on its own whatever the filters and the zoom
  const regroup = throttle(group, 250);
  map.on('zoomend', regroup);

  function sync(unit) {
    const entry = markers.get(unit.id);
    if (!unit.position) {
      if (entry) layer.removeLayer(entry.marker);
      markers.delete(unit.id);
      regroup();
      return;
    }
    const latlng = [unit.position.lat, unit.position.lon];
    const key = iconKey(unit);
    if (!entry) {
      const marker = L.marker(latlng, { icon: unitIcon(unit), keyboard: false, riseOnHover: true })
        .bindPopup(() => unitPopup(store.units.get(unit.id)), { className: 'unit-popup', minWidth: 220 })
        .bindTooltip(() => esc(store.units.get(unit.id)?.name), { direction: 'top', offset: [0, -8] })
        .on('popupopen', (e) => watchUnitActions(e.popup.getElement(), onUnitAction))
        .on('popupclose', () => {
          if (pinned !== unit.id) return;
          pinned = null;
          regroup();
        });
      marker.setZIndexOffset(zIndex(unit));
      markers.set(unit.id, { marker, key });
      regroup();
      return;
    }
    entry.marker.setLatLng(latlng);
    if (entry.key !== key) {
      entry.key = key;
      entry.marker.setIcon(unitIcon(unit));
      entry.marker.setZIndexOffset(zIndex(unit));
    }
    if (entry.marker.isPopupOpen()) entry.marker.getPopup().update();
    regroup();
  }

  /**
   * Puts on the map the units the filters let through: at county zoom those crowded into one
   * cell of a grid become one numbered marker (never a unit in SOS, nor one being located).
   */
  function group() {
    const zoom = map.getZoom();
    const items = [];
    for (const [id, entry] of markers) {
      const unit = store.units.get(id);
      const visible = unit != null && (id === pinned || shown(unit));
      if (!visible) {
        layer.removeLayer(entry.marker);
        continue;
      }
      if (zoom >= CLUSTER_MAX_ZOOM || unit.sos || id === pinned) {
        layer.addLayer(entry.marker);
        continue;
      }
      const p = map.project(entry.marker.getLatLng(), zoom);
      items.push({ id, x: p.x, y: p.y });
    }
    const { singles, groups } = gridClusters(items, CLUSTER_CELL_PX, CLUSTER_MIN_UNITS);
    singles.forEach((id) => layer.addLayer(markers.get(id).marker));
    const cells = new Set();
    for (const g of groups) {
      cells.add(g.key);
      g.ids.forEach((id) => layer.removeLayer(markers.get(id).marker));
      const latlngs = g.ids.map((id) => markers.get(id).marker.getLatLng());
      const html = clusterHtml(g.ids.map((id) => store.units.get(id)));
      const at = L.latLngBounds(latlngs).getCenter();
      const held = clusters.get(g.key);
      if (held) {
        held.marker.setLatLng(at);
        if (held.html !== html) held.marker.setIcon(clusterIcon(html));
        held.html = html;
        held.latlngs = latlngs;
      } else {
        const entry = { html, latlngs, marker: null };
        entry.marker = L.marker(at, { icon: clusterIcon(html), keyboard: false, zIndexOffset: 2000 })
          .on('click', () => map.fitBounds(L.latLngBounds(entry.latlngs), { padding: [40, 40], maxZoom: CLUSTER_MAX_ZOOM }));
        clusters.set(g.key, entry);
        layer.addLayer(entry.marker);
      }
    }
    for (const [cell, entry] of [...clusters]) {
      if (cells.has(cell)) continue;
      layer.removeLayer(entry.marker);
      clusters.delete(cell);
    }
  }

  return {
    sync,
    syncAll() {
      for (const [id, entry] of [...markers]) {
        if (store.units.has(id)) continue;
        layer.removeLayer(entry.marker);
        markers.delete(id);
      }
      store.units.forEach(sync);
    },
    latLng: (id) => markers.get(id)?.marker.getLatLng(),
    /** Units drawn, on their own or in a numbered marker. */
    count: () => (map.hasLayer(layer)
      ? [...markers.keys()].filter((id) => id === pinned || (store.units.has(id) && shown(store.units.get(id)))).length : 0),
    /** Draws only the units for which fn(unit) is true. */
    filter(fn) {
      shown = fn;
      group();
    },
    focus(id) {
      const entry = markers.get(id);
      if (!entry) return;
      pinned = id;
      group();
      if (!map.hasLayer(layer)) map.addLayer(layer);
      map.invalidateSize();
      map.setView(entry.marker.getLatLng(), Math.max(map.getZoom(), 14));
      entry.marker.openPopup();
      const icon = entry.marker.getElement();
      icon?.classList.add('unit-located');
      setTimeout(() => icon?.classList.remove('unit-located'), LOCATED_MS);
    },
    layer,
  };
}

function iconKey(unit) {
  const hdg = unit.position?.hdg;
  return `${unit.status}|${unit.kind}|${unit.sos ? 1 : 0}|${hdg == null ? '' : Math.round(hdg / 5) * 5}`;
}

function zIndex(unit) {
  return unit.sos ? SOS_Z : (UNIT_Z[unit.status] ?? 0);
}

function unitIcon(unit) {
  const hdg = unit.position?.hdg;
  const classes = ['unit', `unit-${unit.status}`, unit.kind === 'officer' ? 'unit-officer' : 'unit-auxiliary'];
  if (unit.sos) classes.push('unit-sos');
  const heading = hdg == null ? ''
    : `<span class="unit-heading" style="transform: rotate(${Math.round(hdg / 5) * 5}deg)"></span>`;
  return L.divIcon({
    className: 'unit-icon',
    iconSize: [16, 16],
    html: `<div class="${classes.join(' ')}" data-unit-id="${esc(unit.id)}" data-status="${esc(unit.status)}">${heading}</div>`,
  });
}

function unitPopup(unit) {
  if (!unit) return '';
  const p = unit.position;
  const row = (key, value) => (value == null || value === '' ? '' : `<tr><th>${esc(t(key))}</th><td>${value}</td></tr>`);
  const lastSeen = unit.lastSeen ? `${esc(clock(unit.lastSeen))} <span class="muted">(${esc(ago(unit.lastSeen))})</span>` : esc(t('unit.never'));
  return `<div class="popup-title">${esc(unit.name)}
      ${unit.sos ? `<span class="badge badge-sos">${esc(t('unit.sos'))}</span>` : ''}</div>
    <table class="popup-table">
      ${row('unit.id', esc(unit.id))}
      ${row('unit.kind', esc(label('unitKind', unit.kind)))}
      ${row('unit.station', esc(stationName(unit.stationId)))}
      ${row('unit.office', esc(officeName(unit.officeId)))}
      ${row('unit.status', `<span class="chip unit-chip-${esc(unit.status)}">${esc(label('unitStatus', unit.status))}</span>`)}
      ${row('unit.incident', unit.incidentId ? esc(unit.incidentId) : null)}
      ${row('unit.lastSeen', lastSeen)}
      ${row('unit.battery', p?.batt != null ? `${Math.round(p.batt)}%` : null)}
      ${row('unit.speed', p?.spd != null ? `${(p.spd * 3.6).toFixed(0)} ${esc(t('unit.kmh'))}` : null)}
      ${row('unit.phone', unit.phone ? `<a href="tel:${esc(unit.phone)}" class="unit-phone">${esc(unit.phone)}</a>` : null)}
    </table>
    <div class="popup-actions" data-unit-id="${esc(unit.id)}">
      <button type="button" class="btn btn-small btn-secondary" data-unit-action="locate">${esc(t('unit.locate'))}</button>
      ${canAct() && unit.status === 'available'
    ? `<button type="button" class="btn btn-small btn-primary" data-unit-action="assign">${esc(t('unit.assignTo'))}</button>` : ''}
      <button type="button" class="btn btn-small btn-secondary" data-unit-action="track">${esc(t('tracks.open'))}</button>
    </div>`;
}

/** The buttons of a unit's popup (its content is redrawn as the unit moves; the container stays). */
function watchUnitActions(popupEl, onUnitAction) {
  if (!popupEl || popupEl.dataset.watched) return;
  popupEl.dataset.watched = 'true';
  popupEl.addEventListener('click', (e) => {
    const button = e.target.closest('[data-unit-action]');
    if (button) onUnitAction(button.dataset.unitAction, button.closest('[data-unit-id]').dataset.unitId);
  });
}

/** A numbered marker for units drawn as one, ringed in the colour of the most urgent among them. */
function clusterHtml(units) {
  const worst = units.reduce((a, u) => (zIndex(u) > zIndex(a) ? u : a), units[0]);
  const counts = new Map();
  units.forEach((u) => counts.set(u.status, (counts.get(u.status) ?? 0) + 1));
  const title = [...counts].map(([status, n]) => `${label('unitStatus', status)} ${n}`).join(' · ');
  return `<div class="unit-cluster unit-${esc(worst.status)}" data-count="${units.length}" title="${esc(title)}">${units.length}</div>`;
}

function clusterIcon(html) {
  return L.divIcon({ className: 'unit-cluster-icon', iconSize: [30, 30], html });
}

// ---------------------------------------------------------------- incidents

function createIncidentLayer(map, links, fit, onIncidentClick) {
  const layer = L.layerGroup().addTo(map);
  const markers = new Map();

  function sync(incident) {
    const existing = markers.get(incident.id);
    if (!store.incidents.has(incident.id)) {
      if (existing) layer.removeLayer(existing);
      markers.delete(incident.id);
      links.remove(incident.id);
      return;
    }
    const latlng = [incident.lat, incident.lon];
    const icon = incidentIcon(incident, incident.id === store.selectedId);
    if (existing) {
      existing.setLatLng(latlng).setIcon(icon);
    } else {
      const marker = L.marker(latlng, { icon, keyboard: false, zIndexOffset: 10000, riseOnHover: true })
        .on('click', () => onIncidentClick(incident.id))
        .bindTooltip(() => incidentTooltip(store.incidents.get(incident.id)), { direction: 'top', offset: [0, -30] });
      layer.addLayer(marker);
      markers.set(incident.id, marker);
    }
    links.draw(incident);
  }

  return {
    sync,
    syncAll() {
      for (const id of [...markers.keys()]) if (!store.incidents.has(id)) sync({ id });
      store.incidents.forEach(sync);
    },
    select(id) {
      markers.forEach((marker, markerId) => {
        const incident = store.incidents.get(markerId);
        if (incident) marker.setIcon(incidentIcon(incident, markerId === id));
      });
    },
    focus(id) {
      const incident = store.incidents.get(id) ?? (store.detail?.id === id ? store.detail : null);
      if (!incident) return;
      map.invalidateSize(); // the detail panel may have just opened beside the map
      const bounds = L.latLngBounds([[incident.lat, incident.lon]]);
      links.endpoints(id).forEach((p) => bounds.extend(p));
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), Math.max(map.getZoom(), 13));
      } else {
        fit(bounds, 80, 15);
      }
    },
    count: () => (map.hasLayer(layer) ? markers.size : 0),
    layer,
  };
}

function incidentIcon(incident, selected) {
  const size = INCIDENT_SIZE[incident.severity] ?? INCIDENT_SIZE[1];
  const type = INCIDENT_TYPES.includes(incident.type) ? incident.type : 'other';
  const classes = ['incident', `incident-${type}`, `incident-status-${incident.status}`];
  if (incident.level > 1) classes.push('incident-escalated');
  if (selected) classes.push('incident-selected');
  return L.divIcon({
    className: 'incident-icon',
    iconSize: [size, size],
    iconAnchor: [size / 2, Math.round(size * 1.21)],
    html: `<div class="${classes.join(' ')}" style="width:${size}px;height:${size}px;font-size:${Math.round(size * 0.42)}px" data-incident-id="${esc(incident.id)}"
      data-status="${esc(incident.status)}"><span>${esc(label('incidentGlyph', type))}</span></div>`,
  });
}

function incidentTooltip(incident) {
  if (!incident) return '';
  const title = `${label('incidentType', incident.type)} · ${t('severity.label', { n: incident.severity, name: label('severity', incident.severity) })}`;
  const description = incident.description ? `<div class="muted">${esc(incident.description)}</div>` : '';
  return `<strong>${esc(title)}</strong> — ${esc(label('incidentStatus', incident.status))}${description}`;
}

// ---------------------------------------------------------------- offer and assignment lines

function createLinkLayer(map, units) {
  const layer = L.layerGroup().addTo(map);
  const lines = new Map(); // incident id -> Map(unit id -> polyline)

  function remove(incidentId) {
    lines.get(incidentId)?.forEach((line) => layer.removeLayer(line));
    lines.delete(incidentId);
  }

  function draw(incident) {
    remove(incident.id);
    const mine = new Map();
    for (const a of incident.assignments ?? []) {
      const from = units.latLng(a.unitId);
      if (!from || !ACTIVE_ASSIGNMENT.has(a.status)) continue;
      const offered = a.status === 'offered';
      const line = L.polyline([from, [incident.lat, incident.lon]], {
        className: `link link-${a.status}`,
        color: offered ? '#e67700' : (a.status === 'on_scene' ? '#7048e8' : '#1971c2'),
        weight: offered ? 2.5 : 3,
        dashArray: offered ? '7 6' : null,
        interactive: false,
      });
      layer.addLayer(line);
      line.getElement()?.setAttribute('data-unit-id', a.unitId);
      mine.set(a.unitId, line);
    }
    if (mine.size) lines.set(incident.id, mine);
  }

  return {
    remove,
    draw,
    unitsMoved(changed) {
      for (const unit of changed) {
        const from = units.latLng(unit.id);
        let drawn = false;
        for (const mine of lines.values()) {
          const line = mine.get(unit.id);
          if (line && from) line.setLatLngs([from, line.getLatLngs()[1]]);
          drawn ||= line != null;
        }
        // A unit on a job that had no position until now gets its line.
        const incident = store.incidents.get(unit.incidentId);
        if (!drawn && from && incident) draw(incident);
      }
    },
    endpoints: (incidentId) => [...(lines.get(incidentId)?.values() ?? [])].map((line) => line.getLatLngs()[0]),
    layer,
  };
}

// ---------------------------------------------------------------- controls

function createControls(map, { tiles, basemap, units, incidents, links, extras }) {
  L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map);
  let layerControl = null;
  let legend = null;

  function rebuild() {
    layerControl?.remove();
    legend?.remove();
    const overlays = {};
    if (tiles) overlays[t('layer.tiles')] = tiles;
    for (const name of ['townships', 'villages', 'roads', 'workstations', 'offices', 'stations']) {
      overlays[t(`layer.${name}`)] = basemap.layers[name];
    }
    overlays[t('layer.units')] = units.layer;
    overlays[t('layer.incidents')] = incidents.layer;
    overlays[t('layer.links')] = links.layer;
    for (const [key, layer] of extras) overlays[t(key)] = layer;
    layerControl = L.control.layers(null, overlays, { position: 'topright' }).addTo(map);
    legend = legendControl().addTo(map);
  }
  rebuild();
  return { rebuild, legendWidth: () => legend.getContainer().offsetWidth };
}

function legendControl() {
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend');
    // folded by default where the map is small (1280 x 720), until the dispatcher unfolds it
    const chosen = localStorage.getItem(LEGEND_KEY);
    div.classList.toggle('collapsed', chosen ? chosen === 'collapsed' : matchMedia(SMALL_SCREEN).matches);
    const unitItems = LEGEND_UNITS.map(([status, key]) =>
      `<li><span class="unit unit-${status}"></span>${esc(t(key))}</li>`).join('');
    const typeItems = INCIDENT_TYPES.map((type) =>
      `<li><span class="legend-pin incident-${type}">${esc(label('incidentGlyph', type))}</span>${esc(label('incidentType', type))}</li>`).join('');
    div.innerHTML = `
      <button type="button" class="legend-toggle">${esc(t('legend.title'))}</button>
      <div class="legend-body">
        <div class="legend-title">${esc(t('legend.units'))}</div><ul>${unitItems}</ul>
        <div class="legend-title">${esc(t('legend.incidents'))}</div><ul>${typeItems}</ul>
        <ul class="legend-lines">
          <li><span class="legend-line legend-line-offered"></span>${esc(t('legend.offer'))}</li>
          <li><span class="legend-line legend-line-accepted"></span>${esc(t('legend.accepted'))}</li>
        </ul>
      </div>`;
    div.querySelector('.legend-toggle').addEventListener('click', () => {
      const collapsed = div.classList.toggle('collapsed');
      localStorage.setItem(LEGEND_KEY, collapsed ? 'collapsed' : 'open');
    });
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  return control;
}

/** A click on the map opens the create form, except the click that only closes an open popup. */
function watchClicks(map, onMapClick) {
  let openPopups = 0;
  let closingClick = false;
  map.on('popupopen', () => { openPopups += 1; });
  map.on('popupclose', () => { openPopups = Math.max(0, openPopups - 1); });
  // Registered before any popup's own preclick handler, so it sees the popup still open.
  map.on('preclick', () => { closingClick = openPopups > 0; });
  map.on('click', (e) => {
    if (!closingClick) onMapClick(e.latlng);
    closingClick = false;
  });
}
