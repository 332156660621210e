// End-to-end harness: serves build/wasm/dist, drives Debian's Chromium with playwright-core,
// and finds the app's items through its automation hook (window.hearth.items, docs/testing.md),
// so tests click and type where a person would.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../../scripts/lib/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../../..');
export const DIST = process.env.HEARTH_DIST || path.join(ROOT, 'build/wasm/dist');
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const TABLET = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

export async function serve(port = 0) {
  const server = await startServer(DIST, port);
  return { server, url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// A browser whose camera plays a Y4M file (tests/e2e/lib/fake_camera.mjs writes one), and
// whose camera prompt is answered "allow". The file is per browser: launch one per picture.
// `y4m: null`: the prompt is still allowed, but the browser has no camera at all.
// `allow: false`: nobody answers the prompt, so headless Chromium refuses the camera.
export async function launchWithCamera(y4m, { allow = true } = {}) {
  const camera = allow ? ['--use-fake-ui-for-media-stream'] : [];
  if (y4m) camera.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`);
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
                           args: [...CHROMIUM_ARGS, ...camera] });
}

// A page of the app, loaded and showing its first frame. Console errors are collected.
// `keepSetup`: leave the first-run screen up (tests of the first run); otherwise a fresh device's
// first-run screen is passed with "set up later", as a person who only wants to look would.
export async function openApp(context, url, { keepSetup = false } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  // HEARTH_E2E_ALWAYS_DRAW=1: draw every frame, even one identical to the last (the app skips
  // those), to compare run times or to rule the skipping out when a test fails
  if (process.env.HEARTH_E2E_ALWAYS_DRAW === '1') await page.addInitScript(() => { window.hearth = Object.assign(window.hearth || {}, { alwaysDraw: true }); });
  await page.goto(url);
  await waitReady(page, { keepSetup });
  return page;
}

export const SETUP_LATER = ['以后再设置', 'Set up later'];

export async function waitReady(page, { keepSetup = false } = {}) {
  // ready = first frame drawn and the local database opened (no "loading" line on screen)
  await page.waitForFunction(() => window.hearth && (window.hearth.fatal ||
    (window.hearth.ready && window.hearth.items && !window.hearth.items.some((i) => i.role === 'loading'))), null, { timeout: 60000 });
  const fatal = await page.evaluate(() => window.hearth.fatal);
  if (fatal) throw new Error(`the app showed its error screen: ${fatal.kind} ${fatal.detail}`);
  if (keepSetup) return;
  await frames(page, 2);
  const later = (await items(page)).find((i) => i.kind === 'button' && SETUP_LATER.includes(i.label));
  if (later) {
    await click(page, { kind: 'button', label: later.label });
    await page.waitForFunction(() => !(window.hearth.items || []).some((i) => i.role === 'setup'), null, { timeout: 10000 });
  }
}

export async function frames(page, n = 2) {
  // right after a reload the new page may not count frames yet: count from 0 then; and a click
  // that reloads the page (a restart into a new version) ends the wait: that page is gone
  const [start, doc] = await page.evaluate(() => [window.hearth && Number.isFinite(window.hearth.frame) ? window.hearth.frame : 0,
                                                  performance.timeOrigin]);
  await page.waitForFunction(([s, d]) => performance.timeOrigin !== d || (window.hearth && window.hearth.frame >= s), [start + n, doc],
                             { timeout: 30000 });
}

export const items = (page) => page.evaluate(() => window.hearth.items || []);

// The first published item that matches: { label } exactly, or { includes }, optionally of a kind/role/field.
const matches = (it, q) => (q.label === undefined || it.label === q.label) && (q.includes === undefined || it.label.includes(q.includes)) &&
  (q.kind === undefined || it.kind === q.kind) && (q.role === undefined || it.role === q.role) && (q.field === undefined || it.field === q.field);

// The first published item that matches: { label } exactly, or { includes }, optionally of a kind/role/field.
// Only an item that stays put is returned: seen at the same place in two different frames, as a
// person clicks what has stopped moving (a layout may settle over a frame or two).
export async function find(page, q, { timeout = 15000 } = {}) {
  const handle = await page.waitForFunction(([q, matchesSrc]) => {
    const m = new Function('return ' + matchesSrc)();
    const h = window.hearth;
    const it = (h.items || []).find((x) => m(x, q));
    const seen = it ? `${JSON.stringify(q)} ${it.x},${it.y},${it.w},${it.h}` : '';
    const last = window.__hearthFind;
    if (it && last && last.seen === seen && last.frame < h.frame) return it;
    if (!last || last.seen !== seen) window.__hearthFind = { seen, frame: h.frame };
    return null;
  }, [q, matches.toString()], { timeout, polling: 50 }).catch(() => null);
  if (!handle) {
    const seen = (await items(page)).map((i) => `${i.kind}:${i.label}`).join(' | ');
    throw new Error(`no item ${JSON.stringify(q)} on screen; seen: ${seen}`);
  }
  return handle.jsonValue();
}

export async function absent(page, q) {
  return !(await items(page)).some((it) => matches(it, q));
}

const centre = (it) => ({ x: it.x + it.w / 2, y: it.y + it.h / 2 });

// Press an item's centre with the mouse (click) or a finger (tap), then let the app draw.
async function press(page, q, touch) {
  const it = await find(page, q);
  const c = centre(it);
  if (!touch) {  // the pointer arrives first, as a hand moves a mouse (ImGui tabs select on press: they must be hovered)
    await page.mouse.move(c.x, c.y);
    await frames(page, 1);
  }
  await (touch ? page.touchscreen.tap(c.x, c.y) : page.mouse.click(c.x, c.y));
  await frames(page, 2);
  return it;
}
export const click = (page, q) => press(page, q, false);
export const tap = (page, q) => press(page, q, true);

// Focus a text field by its label and enter text the way an input method commits it.
// The app wants text: its field took the keyboard (the page's hidden textarea has the focus).
// Wait for it after clicking a field and before pressing keys, or the keys may go nowhere.
// With `label`, that field itself must be the active one (the textarea may still have the focus
// for the field typed in before).
export const typing = (page, label) => page.waitForFunction((l) => document.activeElement && document.activeElement.id === 'ime' &&
  (l === undefined || (window.hearth.items || []).some((i) => i.kind === 'input' && i.label === l && i.focused)), label, { timeout: 15000 });

export async function typeInto(page, label, text, { touch = false } = {}) {
  await (touch ? tap : click)(page, { label, kind: 'input' });
  await typing(page);
  await page.keyboard.insertText(text);
  await frames(page, 2);
}

// Replace everything in a text field (select all, then the new text), and wait until the field
// shows it. ImGui spreads fast input over frames (Ctrl down with A, then the releases, then the
// text), so a fixed number of frames after the text is not enough when frames are quick.
// A password field publishes one '*' per UTF-8 byte.
export async function replaceText(page, label, text, { touch = false, password = false } = {}) {
  await (touch ? tap : click)(page, { label, kind: 'input' });
  await typing(page, label);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  const want = password ? '*'.repeat(Buffer.byteLength(text)) : text;
  const done = await page.waitForFunction(([l, v]) => (window.hearth.items || []).some((i) => i.kind === 'input' && i.label === l && i.value === v),
    [label, want], { timeout: 10000 }).then(() => true, () => false);
  if (!done) {
    const field = (await items(page)).find((i) => i.kind === 'input' && i.label === label);
    throw new Error(`the field ${label} shows ${JSON.stringify(field && field.value)} after replacing its text with ${JSON.stringify(want)}`);
  }
  await frames(page, 2);  // what the edit changes around the field (an error cleared) shows from the next frame
}

export async function chooseTownship(page, name, { touch = false } = {}) {
  await (touch ? tap : click)(page, { kind: 'combo' });
  await (touch ? tap : click)(page, { label: name, kind: 'option' });
}

// The sequence numbers stored in the app's IndexedDB for this origin.
export const storedEvents = (page) => dumpDatabase(page).then((db) => db.events);

export async function screenshot(page, name) {
  await frames(page, 3);
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

const HEARTH_CLI = process.env.HEARTH_CLI || path.join(ROOT, 'build/native/src/hearth');  // the benchmarks may use a release build's

// What a data folder of the native command-line tool holds, as the browser store would hold it:
// { dir, device: Buffer(16), events: [Buffer…] (seq 1…), head: { seq, hash: Buffer(32) },
//   snapshots: [{ seq, bytes: Buffer }] newest first }.
export function readLedgerFolder(dir) {
  const device = Buffer.from(readFileSync(path.join(dir, 'device'), 'utf8').trim(), 'hex');
  const log = readFileSync(path.join(dir, 'events.log'));
  const events = [];
  for (let o = 0; o < log.length;) { const n = log.readUInt32LE(o); events.push(log.subarray(o + 4, o + 4 + n)); o += 4 + n; }
  const verified = execFileSync(HEARTH_CLI, ['--data', dir, '--lang', 'en', 'verify'], { encoding: 'utf8' });
  const hash = Buffer.from(/head hash ([0-9a-f]{64})/.exec(verified)[1], 'hex');
  const snapshots = readdirSync(dir).map((f) => /^snapshot-(\d+)\.bin$/.exec(f)).filter(Boolean)
    .map((m) => ({ seq: Number(m[1]), bytes: readFileSync(path.join(dir, m[0])) })).sort((a, b) => b.seq - a.seq);
  return { dir, device, events, head: { seq: events.length, hash }, snapshots };
}

// A ledger written by the native command-line tool in a new folder, one add-worker per person:
// people: [[name, id, mobile, townshipCode]…]
export function nativeLedger(people) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-ledger-'));
  for (const [name, id, mobile, township] of people)
    execFileSync(HEARTH_CLI, ['--data', dir, 'add-worker', '--name', name, '--id', id, '--mobile', mobile, '--township', String(township)]);
  return readLedgerFolder(dir);
}

// A synthetic district from the native tool (`hearth demo`): every event, a snapshot of their
// fold, and `after` workers saved on top of it.
export function demoLedger({ divisor = 100, after = 0, seed = 20201222 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-demo-'));
  execFileSync(HEARTH_CLI, ['--data', dir, 'demo', '--divisor', String(divisor), '--after', String(after), '--seed', String(seed)]);
  return readLedgerFolder(dir);
}

// The ledger in pieces the page can fetch (no JSON of millions of numbers, and never the whole
// district in one buffer): meta.bin = [16 device][u8 has head][u64 seq][32 hash][u32 exported]
// [u32 n]{[u64 seq][u32 len][snapshot]}; events-K.bin = [u32 n]{[u64 seq][u32 len][event]}.
function packLedger(l, eventsPerPiece = 50000) {
  const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  const item = (seq, bytes) => { const b = Buffer.alloc(12); b.writeBigUInt64LE(BigInt(seq)); b.writeUInt32LE(bytes.length, 8); return [b, bytes]; };
  const head = Buffer.alloc(41);
  if (l.head) { head[0] = 1; head.writeBigUInt64LE(BigInt(l.head.seq), 1); l.head.hash.copy(head, 9); }
  const meta = [l.device, head, u32(l.exported || 0)];
  const snaps = l.snapshots || [];
  meta.push(u32(snaps.length));
  for (const s of snaps) meta.push(...item(s.seq, s.bytes));
  const pieces = [Buffer.concat(meta)];
  const first = l.firstSeq || 1;
  for (let i = 0; i < l.events.length; i += eventsPerPiece) {
    const part = l.events.slice(i, i + eventsPerPiece), bufs = [u32(part.length)];
    part.forEach((e, k) => bufs.push(...item(first + i + k, e)));
    pieces.push(Buffer.concat(bufs));
  }
  return pieces;
}

// Puts a ledger into the origin's IndexedDB, from a page of the same origin that does not
// start the app. Laid out as the app's schema `schema` lays it out (web/idb_store.js):
// 1 = the first version (meta.device + events, no head, no snapshots), 2 = with snapshots (the
// app upgrades both to 3, which adds received and held).
// `ledger.head: null` plants no head; `ledger.exported` sets the exported mark.
export async function plantLedger(context, url, ledger, { schema = 2 } = {}) {
  const pieces = packLedger(ledger);
  await context.route('**/__plant/*', (route) => {
    const k = Number(/__plant\/(\d+)$/.exec(route.request().url())?.[1]);
    return pieces[k] ? route.fulfill({ body: pieces[k], contentType: 'application/octet-stream' }) : route.fulfill({ status: 404 });
  });
  const seed = await context.newPage();
  await seed.goto(url + 'not-the-app');
  await seed.evaluate(async ([schema, count]) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('hearth', schema);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('meta'); r.result.createObjectStore('events');
        if (schema >= 2) r.result.createObjectStore('snapshots');
      };
      r.onerror = () => reject(r.error);
      r.onsuccess = () => resolve(r.result);
    });
    const write = (stores, fill) => new Promise((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      fill(tx);
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    for (let k = 0; k < count; k++) {
      const buf = new Uint8Array(await (await fetch('/__plant/' + k)).arrayBuffer());
      const dv = new DataView(buf.buffer);
      let o = 0;
      const u64 = () => { const v = dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 4294967296; o += 8; return v; };
      const u32 = () => { const v = dv.getUint32(o, true); o += 4; return v; };
      const blob = () => { const n = u32(); const b = buf.slice(o, o + n).buffer; o += n; return b; };
      if (k === 0) {
        const device = buf.slice(0, 16).buffer; o = 16;
        const hasHead = buf[o] === 1, head = buf.slice(o + 1, o + 41).buffer; o += 41;
        const exported = u32();
        const snaps = [];
        for (let n = u32(), i = 0; i < n; i++) snaps.push([u64(), blob()]);
        await write(schema >= 2 ? ['meta', 'snapshots'] : ['meta'], (tx) => {
          tx.objectStore('meta').put(device, 'device');
          if (schema >= 2 && hasHead) tx.objectStore('meta').put(head, 'head');
          if (schema >= 2 && exported) tx.objectStore('meta').put(exported, 'exported');
          if (schema >= 2) for (const [seq, bytes] of snaps) tx.objectStore('snapshots').put(bytes, [seq, 0]);
        });
      } else {
        await write(['events'], (tx) => {
          const events = tx.objectStore('events');
          for (let n = u32(), i = 0; i < n; i++) { const seq = u64(); events.put(blob(), seq); }
        });
      }
    }
    db.close();
  }, [schema, pieces.length]);
  await seed.close();
  await context.unroute('**/__plant/*');
}

export async function openWithLedger(context, url, ledger, options) {
  await plantLedger(context, url, ledger, options);
  return openApp(context, url);
}

// The whole IndexedDB database "hearth": { version, meta: {key: hex|number}, events: [seq…], snapshots: [[seq, part]…] }
export function dumpDatabase(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('hearth');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result, out = { version: db.version, meta: {}, events: [], snapshots: [] };
      const names = [...db.objectStoreNames];
      if (!names.length) { db.close(); resolve(out); return; }
      const tx = db.transaction(names);
      const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
      if (names.includes('meta')) {
        const m = tx.objectStore('meta'), ks = m.getAllKeys(), vs = m.getAll();
        vs.onsuccess = () => ks.result.forEach((k, i) => { out.meta[k] = typeof vs.result[i] === 'number' ? vs.result[i] : hex(vs.result[i]); });
      }
      if (names.includes('events')) tx.objectStore('events').getAllKeys().onsuccess = (ev) => { out.events = ev.target.result; };
      if (names.includes('snapshots')) tx.objectStore('snapshots').getAllKeys().onsuccess = (ev) => { out.snapshots = ev.target.result; };
      tx.oncomplete = () => { db.close(); resolve(out); };
    };
  }));
}

// A valid resident ID number: 17 digits plus their GB 11643 check character.
export function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((s, d, k) => s + Number(d) * w[k], 0) % 11];
}
