// Keeps the app's own files on the phone, so it starts without a network (its queued actions wait
// in the page's storage). The API and the device socket always go to the network.
const CACHE = 'lamplight-field-v3';
const SHELL = [
  './', 'index.html', 'app.js', 'link.js', 'outbox.js', 'photo.js', 'jobmap.js', 'scan.js', 'day.js', 'i18n.js',
  'field.css',
  'manifest.webmanifest', 'icon-192.png', 'icon-512.png',
  '/vendor/leaflet/leaflet.js', '/vendor/leaflet/leaflet.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// The network first, so an update reaches the phone as soon as it is online; the cache when not.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })));
});
