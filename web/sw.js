// Hearth's service worker: the app offline after one visit, one version at a time.
// Index of this file
// - PRECACHE: this build's files with their sha256 (stamped in by scripts/lib/offline.mjs)
// - install: every file fetched and checked against its sha256 into this build's own cache;
//   unchanged files are copied from the previous build's cache, not downloaded again. One file
//   that does not match (a server half-way through a deployment) fails the whole install, so a
//   page never gets files of two versions; the browser tries again at its next update check.
// - activate: only when the page asks (the person chose to restart) or when nothing is open;
//   then older builds' caches are deleted
// - fetch: same-origin GETs answered from this build's cache (query ignored: the page asks for
//   hearth.wasm?v=…, the scanner for ponyfill.js?retry=N); the app's address gets index.html
// - messages: build (which build is this), claim (a first visit's page), skip-waiting (restart)
// docs/offline.md explains the whole update cycle.
'use strict';

const PRECACHE = /*@PRECACHE@*/null;
const BUILD = PRECACHE.build;
const CACHE = 'hearth-' + BUILD;
const SHA_HEADER = 'X-Hearth-Sha256';
const PARALLEL = 4;  // downloads at once: enough to fill a slow line, few enough for a weak server

const scoped = (url) => new URL(url, self.registration.scope).href;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function tell(message) {
  const clients = await self.clients.matchAll({ includeUncontrolled: true, type: 'window' });
  for (const c of clients) c.postMessage(Object.assign({ build: BUILD }, message));
}

// A response as stored: the checked bytes, their type and sha256 — nothing of the transfer
// (no Content-Encoding: the body is already decoded).
function stored(bytes, type, sha) {
  return new Response(bytes, { headers: { 'Content-Type': type || 'application/octet-stream', 'Content-Length': String(bytes.byteLength),
                                          [SHA_HEADER]: sha } });
}

// One file into `cache`: from an older build's cache when its bytes are the same, else
// downloaded — first as the page fetched it (the browser's HTTP cache may already hold it),
// then bypassing every cache. Throws when the server's file is not this build's.
async function precacheFile(cache, older, file) {
  const key = scoped(file.url);
  const have = await cache.match(key);
  if (have && have.headers.get(SHA_HEADER) === file.sha256) return 0;   // an earlier, interrupted install got it
  for (const old of older) {
    const r = await old.match(key);
    if (r && r.headers.get(SHA_HEADER) === file.sha256) {
      await cache.put(key, stored(await r.arrayBuffer(), r.headers.get('Content-Type'), file.sha256));
      return 0;
    }
  }
  const versioned = key + '?v=' + file.sha256.slice(0, 12);
  let got = '';
  for (const mode of ['default', 'reload']) {
    const r = await fetch(versioned, { cache: mode, credentials: 'same-origin' });
    if (!r.ok) throw new Error(file.url + ': HTTP ' + r.status);
    const bytes = await r.arrayBuffer();
    got = hex(await crypto.subtle.digest('SHA-256', bytes));
    if (got === file.sha256) {
      await cache.put(key, stored(bytes, r.headers.get('Content-Type'), file.sha256));
      return bytes.byteLength;
    }
  }
  throw new Error(file.url + ': the server has another version of this file (sha256 ' + got.slice(0, 12) + '…, this build expects ' +
                  file.sha256.slice(0, 12) + '…); a deployment may be under way');
}

async function precache() {
  const cache = await caches.open(CACHE);
  const older = [];
  for (const name of await caches.keys()) if (name.startsWith('hearth-') && name !== CACHE) older.push(await caches.open(name));
  const total = PRECACHE.files.reduce((n, f) => n + f.bytes, 0);
  let done = 0, downloaded = 0, next = 0;
  async function worker() {
    while (next < PRECACHE.files.length) {
      const file = PRECACHE.files[next++];
      downloaded += await precacheFile(cache, older, file);
      done += file.bytes;
      tell({ type: 'progress', done, total, downloaded });
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (e) => {
    await tell({ type: 'install-failed', reason: String(e && e.message || e) });
    throw e;   // the install fails: this version is not used, the previous one (if any) stays
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('hearth-') && name !== CACHE) await caches.delete(name);
    await tell({ type: 'activated' });
  })());
});

self.addEventListener('message', (event) => {
  const m = event.data || {};
  if (m.type === 'build') {
    const files = PRECACHE.files.length, bytes = PRECACHE.files.reduce((n, f) => n + f.bytes, 0);
    const reply = { type: 'build', build: BUILD, files, bytes };
    if (event.ports && event.ports[0]) event.ports[0].postMessage(reply);
    else if (event.source) event.source.postMessage(reply);
  } else if (m.type === 'claim' && m.build === BUILD) {
    event.waitUntil(self.clients.claim());   // a first visit's page: it is this build, so serve its later loads
  } else if (m.type === 'skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // the app's own address (…/ or …/index.html, any query) is the page; any other path, even
    // opened directly, is the file of that name
    const page = request.mode === 'navigate' && /\/(index\.html)?$/.test(url.pathname);
    const key = page ? scoped('index.html') : url.origin + url.pathname;
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
    return fetch(request);   // not part of the app (or the cache was cleared): the network, as without us
  })());
});
