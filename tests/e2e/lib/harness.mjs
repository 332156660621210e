// End-to-end harness: serves build/wasm/dist, drives Debian's Chromium with playwright-core,
// and finds the app's items through its automation hook (window.hearth.items, docs/testing.md),
// so tests click and type where a person would.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
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

// A page of the app, loaded and showing its first frame. Console errors are collected.
export async function openApp(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  await waitReady(page);
  return page;
}

export async function waitReady(page) {
  // ready = first frame drawn and the local database opened (no "loading" line on screen)
  await page.waitForFunction(() => window.hearth && (window.hearth.fatal ||
    (window.hearth.ready && window.hearth.items && !window.hearth.items.some((i) => i.role === 'loading'))), null, { timeout: 60000 });
  const fatal = await page.evaluate(() => window.hearth.fatal);
  if (fatal) throw new Error(`the app showed its error screen: ${fatal.kind} ${fatal.detail}`);
}

export async function frames(page, n = 2) {
  const start = await page.evaluate(() => window.hearth.frame);
  await page.waitForFunction((s) => window.hearth.frame >= s, start + n, { timeout: 30000 });
}

export const items = (page) => page.evaluate(() => window.hearth.items || []);

// The first published item that matches: { label } exactly, or { includes }, optionally of a kind/role/field.
const matches = (it, q) => (q.label === undefined || it.label === q.label) && (q.includes === undefined || it.label.includes(q.includes)) &&
  (q.kind === undefined || it.kind === q.kind) && (q.role === undefined || it.role === q.role) && (q.field === undefined || it.field === q.field);

// The first published item that matches: { label } exactly, or { includes }, optionally of a kind/role/field.
export async function find(page, q, { timeout = 15000 } = {}) {
  const handle = await page.waitForFunction(([q, matchesSrc]) => {
    const m = new Function('return ' + matchesSrc)();
    return (window.hearth.items || []).find((it) => m(it, q)) || null;
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
  await (touch ? page.touchscreen.tap(c.x, c.y) : page.mouse.click(c.x, c.y));
  await frames(page, 2);
  return it;
}
export const click = (page, q) => press(page, q, false);
export const tap = (page, q) => press(page, q, true);

// Focus a text field by its label and enter text the way an input method commits it.
export async function typeInto(page, label, text, { touch = false } = {}) {
  await (touch ? tap : click)(page, { label, kind: 'input' });
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime', null, { timeout: 5000 });
  await page.keyboard.insertText(text);
  await frames(page, 2);
}

export async function chooseTownship(page, name, { touch = false } = {}) {
  await (touch ? tap : click)(page, { kind: 'combo' });
  await (touch ? tap : click)(page, { label: name, kind: 'option' });
}

// Everything stored in the app's IndexedDB for this origin.
export function storedEvents(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('hearth');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('events')) { db.close(); resolve([]); return; }
      const g = db.transaction('events').objectStore('events').getAllKeys();
      g.onsuccess = () => { db.close(); resolve(g.result); };
      g.onerror = () => reject(g.error);
    };
  }));
}

export async function screenshot(page, name) {
  await frames(page, 3);
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

// A ledger written by the native command-line tool (build/native/src/hearth) in a new folder:
// { device: [16 bytes], events: [[bytes]…] }, exactly as its events.log frames them.
// people: [[name, id, mobile, townshipCode]…]
export function nativeLedger(people) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-ledger-'));
  for (const [name, id, mobile, township] of people)
    execFileSync(path.join(ROOT, 'build/native/src/hearth'), ['--data', dir, 'add-worker', '--name', name, '--id', id, '--mobile', mobile, '--township', String(township)]);
  const device = [...Buffer.from(readFileSync(path.join(dir, 'device'), 'utf8').trim(), 'hex')];
  const log = readFileSync(path.join(dir, 'events.log'));
  const events = [];
  for (let o = 0; o < log.length;) { const n = log.readUInt32LE(o); events.push([...log.subarray(o + 4, o + 4 + n)]); o += 4 + n; }
  return { dir, device, events };
}

// Puts a ledger into the origin's IndexedDB as the app lays it out (web/idb_store.js), from a
// page of the same origin that does not start the app, then opens the app.
export async function openWithLedger(context, url, ledger) {
  const seed = await context.newPage();
  await seed.goto(url + 'not-the-app');
  await seed.evaluate((l) => new Promise((resolve, reject) => {
    const r = indexedDB.open('hearth', 1);
    r.onupgradeneeded = () => { r.result.createObjectStore('meta'); r.result.createObjectStore('events'); };
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const tx = r.result.transaction(['meta', 'events'], 'readwrite');
      tx.objectStore('meta').put(new Uint8Array(l.device).buffer, 'device');
      l.events.forEach((e, i) => tx.objectStore('events').put(new Uint8Array(e).buffer, i + 1));
      tx.oncomplete = () => { r.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { device: ledger.device, events: ledger.events });
  await seed.close();
  return openApp(context, url);
}

// A valid resident ID number: 17 digits plus their GB 11643 check character.
export function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((s, d, k) => s + Number(d) * w[k], 0) % 11];
}
