// The job on a small map: the incident, the auxiliary's own position and the way there (by road
// where the server found one, else the straight line). No basemap is needed to follow it.
/* global L */

export function createJobMap(el) {
  const map = L.map(el, { attributionControl: false, zoomControl: false, minZoom: 6, maxZoom: 18 });
  map.setView([0, 0], 2);
  new ResizeObserver(() => map.invalidateSize()).observe(el);
  const way = L.polyline([], { className: 'job-route', weight: 6 }).addTo(map);
  const incident = L.circleMarker([0, 0], { className: 'job-incident', radius: 11, weight: 4 });
  const me = L.circleMarker([0, 0], { className: 'job-me', radius: 8, weight: 3 });
  let fitted = null;

  return {
    /** target {lat, lon}; fix {lat, lon} or null; route {points, byRoad} or null. */
    show(target, fix, route) {
      incident.setLatLng([target.lat, target.lon]).addTo(map);
      if (fix) me.setLatLng([fix.lat, fix.lon]).addTo(map);
      else me.remove();
      const points = route?.points ?? (fix ? [[fix.lat, fix.lon], [target.lat, target.lon]] : []);
      way.setLatLngs(points);
      el.classList.toggle('straight', !route?.byRoad);
      const key = `${target.lat},${target.lon},${points.length}`;
      if (fitted !== key) {
        fitted = key;
        const bounds = L.latLngBounds([[target.lat, target.lon], ...points]);
        map.fitBounds(bounds.pad(0.2), { maxZoom: 16, animate: false });
      }
    },
  };
}
