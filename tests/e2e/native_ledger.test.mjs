// One ledger format everywhere: events written by the native command-line tool, placed in
// the browser's IndexedDB byte for byte, open in the app with their hash chain intact; and a
// damaged chain is reported on screen rather than silently dropped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, openApp, find, ROOT, DESKTOP } from './lib/harness.mjs';

const CLI = path.join(ROOT, 'build/native/src/hearth');
let app, browser, root;
before(async () => { app = await serve(); browser = await launch(); root = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-')); });
after(async () => { await browser?.close(); await app?.close(); rmSync(root, { recursive: true, force: true }); });

function nativeLedger() {
  const dir = mkdtempSync(path.join(root, 'ledger-'));
  const people = [['孙八', '500154199001011232'], ['周九', '11010519491231002X'], ['吴十', '500154200001010016']];
  for (const [name, id] of people)
    execFileSync(CLI, ['--data', dir, 'add-worker', '--name', name, '--id', id, '--mobile', '13800001111', '--township', '500154104']);
  const device = Buffer.from(readFileSync(path.join(dir, 'device'), 'utf8').trim(), 'hex');
  const log = readFileSync(path.join(dir, 'events.log'));
  const events = [];
  for (let o = 0; o < log.length;) { const n = log.readUInt32LE(o); events.push([...log.subarray(o + 4, o + 4 + n)]); o += 4 + n; }
  return { device: [...device], events };
}

// Writes a ledger into this origin's IndexedDB the way the app lays it out (web/idb_store.js).
async function plant(page, ledger) {
  await page.goto(app.url + 'not-the-app');  // same origin, app not started
  await page.evaluate((l) => new Promise((resolve, reject) => {
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
  }), ledger);
}

test('a ledger written by the native tool opens in the browser', async () => {
  const ledger = nativeLedger();
  assert.equal(ledger.events.length, 3);
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await plant(page, ledger);
  await page.close();
  const appPage = await openApp(context, app.url);
  await find(appPage, { role: 'count', label: '共 3 人' });
  await find(appPage, { kind: 'row', includes: '周九 110105********002X 13800001111 温泉镇' });
  await find(appPage, { role: 'status', includes: '本机已保存 3 条记录' });
  await context.close();
});

test('a damaged ledger is reported with the record it affects, and what is intact still shows', async () => {
  const ledger = nativeLedger();
  ledger.events[1][ledger.events[1].length - 3] ^= 1;  // event 2: one bit of its township code flipped
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await plant(page, ledger);
  await page.close();
  const appPage = await openApp(context, app.url);
  const err = await find(appPage, { role: 'error', includes: '第 3 条记录损坏' });
  assert.match(err.label, /哈希链断开/);
  await find(appPage, { kind: 'row', includes: '孙八' });
  // read-only: saving is refused rather than forking a damaged chain
  assert.equal((await find(appPage, { label: '添加', kind: 'button' })).disabled, true);
  await context.close();
});
