// Zichtbaar's service worker: the whole app, precached, so that after the
// first visit it works with no network at all.
//
// scripts/postbuild.mjs writes this file into dist/sw.js with VERSION, FILES
// and ROUTES filled in from the build; do not edit dist/sw.js by hand.
//
// - install: fetch every file of this build into a cache named after its
//   version (revalidating, so unchanged files cost a 304, not a download);
// - activate: remove the caches of older versions;
// - fetch: answer the app's own files from the cache, the network only for
//   anything else of this origin; never touch another origin;
// - a page navigation to a page folder without its slash ("ontvangst") is
//   redirected to the slash form, as the host would do: the page's relative
//   URLs only work from the folder itself;
// - a new version waits until the page asks it to take over ("skip-waiting"),
//   after the page has written everything pending.
const VERSION = "%VERSION%";
const FILES = %FILES%;
const ROUTES = %ROUTES%;
const CACHE = "zichtbaar-" + VERSION;
const SCOPE = new URL("./", self.location.href).href;
const SCOPE_PATH = new URL(SCOPE).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, SCOPE), { cache: "no-cache" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("zichtbaar-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key, { ignoreSearch: true })) || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE_PATH)) return;
  const path = url.pathname.slice(SCOPE_PATH.length);
  if (request.mode === "navigate") {
    if (ROUTES.includes(path)) {
      event.respondWith(Response.redirect(SCOPE + path + "/" + url.search, 301));
      return;
    }
    event.respondWith(fromCache(path === "index.html" ? SCOPE : SCOPE + path, request));
    return;
  }
  event.respondWith(fromCache(SCOPE + path, request));
});
