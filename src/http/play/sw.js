// The player's service worker: slides are immutable, so they are served from the cache once fetched; the page
// and its script are served from the cache when the network is down, so a reload offline still shows a screen.
const cacheName = "bantin-player-v1";
const shell = ["/play/player.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(shell))
      .then(() => self.skipWaiting()),
  );
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.startsWith("/screen/v1/slides/")) {
    event.respondWith(
      caches.open(cacheName).then(async (cache) => {
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
        const response = await fetch(event.request);
        if (response.ok) await cache.put(url.pathname, response.clone());
        return response;
      }),
    );
    return;
  }
  if (url.pathname.startsWith("/play/")) {
    // network first, the cached copy when offline
    event.respondWith(
      fetch(event.request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(cacheName)).put(url.pathname, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(url.pathname)) ?? Response.error()),
    );
  }
});
