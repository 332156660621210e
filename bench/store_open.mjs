// node bench/store_open.mjs [divisor] [runs] [after]: the browser store with the district data
// set (÷divisor; 1 = the whole district) in headless Chromium. Figures only; never fails.
//
//   open        the app's Session::open, IndexedDB to ready: the newest snapshot + the `after`
//               events saved since it (default 1000: half the snapshot interval), every link
//               checked          vs  a bare read of the same bytes from IndexedDB in the same page
//   save        one edit, submit → durable (strict)   vs  a bare single-put transaction (strict)
//   bytes       stored per record (navigator.storage.estimate) and per event (raw)
//   snapshot    encoding and storing a snapshot of the whole state
//
// The data comes from the native tool (`hearth demo`), planted in IndexedDB byte for byte.
import { rmSync } from 'node:fs';
import { serve, launch, openApp, plantLedger, demoLedger, typeInto, chooseTownship, residentId, frames, DESKTOP } from '../tests/e2e/lib/harness.mjs';

const divisor = Number(process.argv[2] || 10);
const runs = Number(process.argv[3] || 5);
const after = Number(process.argv[4] || 1000);
const stats = (xs) => { const s = [...xs].sort((a, b) => a - b); return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] }; };
const fmt = (f, unit = 'ms', digits = 0) => `${f.median.toFixed(digits)} ${unit} (${f.min.toFixed(digits)}–${f.max.toFixed(digits)})`;
const MiB = (b) => (b / 1048576).toFixed(1) + ' MiB';

let t0 = performance.now();
const ledger = demoLedger({ divisor, after });
const eventBytes = ledger.events.reduce((n, e) => n + e.length, 0);
console.log(`district ÷${divisor}: ${ledger.events.length} events (${MiB(eventBytes)}), snapshot at ${ledger.snapshots[0].seq} ` +
            `(${MiB(ledger.snapshots[0].bytes.length)}), ${after} events after it; written by the native tool in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const app = await serve();
const browser = await launch();
const context = await browser.newContext(DESKTOP);
t0 = performance.now();
await plantLedger(context, app.url, ledger);
console.log(`planted in IndexedDB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const snapshotSeq = ledger.snapshots[0].seq;
rmSync(ledger.dir, { recursive: true, force: true });

// ---- open vs a bare read of the same bytes -----------------------------------------------------
const bareRead = (page) => page.evaluate((seq) => new Promise((resolve, reject) => {
  const t = performance.now();
  const r = indexedDB.open('hearth');
  r.onerror = () => reject(r.error);
  r.onsuccess = () => {
    const db = r.result, tx = db.transaction(['snapshots', 'events'], 'readonly');
    let bytes = 0;
    tx.objectStore('snapshots').getAll(IDBKeyRange.bound([seq, 0], [seq, Infinity])).onsuccess = (ev) => { for (const b of ev.target.result) bytes += b.byteLength; };
    const range = IDBKeyRange.lowerBound(seq, true);
    tx.objectStore('events').getAllKeys(range);
    tx.objectStore('events').getAll(range).onsuccess = (ev) => { for (const b of ev.target.result) bytes += b.byteLength; };
    tx.oncomplete = () => { db.close(); resolve({ ms: performance.now() - t, bytes }); };
  };
}), snapshotSeq);

const open = { total: [], db: [], read: [], restore: [], fold: [], lease: [] }, reopen = { total: [], read: [], restore: [], fold: [] }, bare = [], bareInApp = [];
let page, figures, bareBytes = 0;
for (let i = 0; i < runs; i++) {
  page = await openApp(context, app.url);
  figures = await page.evaluate(() => window.hearth.store);
  if (figures.damage || figures.open.eventsAfter !== after) throw new Error('unexpected open: ' + JSON.stringify(figures));
  open.total.push(figures.open.totalMs); open.read.push(figures.open.readMs); open.db.push(figures.open.dbMs); open.lease.push(figures.open.leaseMs);
  open.restore.push(figures.open.restoreMs); open.fold.push(figures.open.foldMs);
  // the same open again once the app is idle: the store's own cost, without start-up's work
  await frames(page, 8);
  const opens = figures.open.opens;
  await page.evaluate(() => Module._hearth_debug_reopen());
  await page.waitForFunction((n) => window.hearth.store.open.opens > n, opens, { timeout: 120000 });
  const again = await page.evaluate(() => window.hearth.store.open);
  bareInApp.push((await bareRead(page)).ms);  // the same bare read beside the running app (software GL shares the 2 cores)
  reopen.total.push(again.totalMs); reopen.read.push(again.readMs); reopen.restore.push(again.restoreMs); reopen.fold.push(again.foldMs);
  await page.close();
  const p2 = await context.newPage();
  await p2.goto(app.url + 'not-the-app');
  const b = await bareRead(p2);
  bare.push(b.ms); bareBytes = b.bytes;
  await p2.close();
}
const ratio = stats(open.total).median / stats(bare).median;
console.log(`\nopen: snapshot ${MiB(figures.open.snapshotBytes)} + ${figures.open.eventsAfter} events, ${figures.lastSeq} events in all`);
console.log(`  app open (IndexedDB → ready)      ${fmt(stats(open.total))}`);
console.log(`    opening the database            ${fmt(stats(open.db))}`);
console.log(`    reading                         ${fmt(stats(open.read))}`);
console.log(`    restoring the snapshot          ${fmt(stats(open.restore))}`);
console.log(`    folding the events after it     ${fmt(stats(open.fold))}`);
console.log(`    learning whether it may write   ${fmt(stats(open.lease))}`);
console.log(`  the same open again, app idle      ${fmt(stats(reopen.total))}   ratio ${(stats(reopen.total).median / stats(bare).median).toFixed(1)}`);
console.log(`    reading                         ${fmt(stats(reopen.read))}`);
console.log(`    restoring the snapshot          ${fmt(stats(reopen.restore))}`);
console.log(`    folding the events after it     ${fmt(stats(reopen.fold))}`);
console.log(`  baseline: bare read, same bytes   ${fmt(stats(bare))}  (${MiB(bareBytes)}) in an empty page   ratio (first open) ${ratio.toFixed(1)}`);
console.log(`            the same, in the app's page   ${fmt(stats(bareInApp))}   ratio (idle open) ${(stats(reopen.total).median / stats(bareInApp).median).toFixed(1)}`);

// ---- one durable save vs a bare single put --------------------------------------------------------
page = await openApp(context, app.url);
const save = [];
for (let i = 0; i < Math.max(3, runs); i++) {
  if (i === 0) await chooseTownship(page, '汉丰街道');
  await typeInto(page, '姓名', '测试');
  await typeInto(page, '身份证号码', residentId(`50015419700101${String(100 + i).padStart(3, '0')}`));
  await typeInto(page, '手机号码', '13812345678');
  const before = await page.evaluate(() => window.hearth.store.lastSeq);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.hearth.store.lastSeq > n, before, { timeout: 30000 });
  save.push(await page.evaluate(() => window.hearth.store.lastWriteMs));
}
const put = await page.evaluate(async (n) => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('bench-put', 1); r.onupgradeneeded = () => r.result.createObjectStore('s'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await new Promise((res, rej) => { const tx = db.transaction('s', 'readwrite', { durability: 'strict' }); tx.objectStore('s').put(new Uint8Array(160).buffer, i); tx.oncomplete = res; tx.onabort = () => rej(tx.error); });
    out.push(performance.now() - t);
  }
  db.close();
  return out;
}, 20);
console.log(`\nsave one edit (submit → durable)   ${fmt(stats(save), 'ms', 1)}`);
console.log(`  baseline: bare single put         ${fmt(stats(put), 'ms', 1)}   ratio ${(stats(save).median / stats(put).median).toFixed(1)}`);

// ---- bytes per record -------------------------------------------------------------------------
const est = await page.evaluate(() => navigator.storage.estimate());
const n = await page.evaluate(() => window.hearth.store.lastSeq);
console.log(`\nstored: ${MiB(est.usageDetails?.indexedDB ?? est.usage)} in IndexedDB for ${n} events: ` +
            `${((est.usageDetails?.indexedDB ?? est.usage) / n).toFixed(0)} B per event (raw event ${(eventBytes / ledger.events.length).toFixed(0)} B; ` +
            `the rest is the snapshot and IndexedDB's own keys and pages)`);

// ---- snapshot write ---------------------------------------------------------------------------
await page.evaluate(() => Module._hearth_debug_write_snapshot());
await page.waitForFunction(() => window.hearth.store.snapshot.storeMs > 0, null, { timeout: 120000 });
const snap = await page.evaluate(() => window.hearth.store.snapshot);
console.log(`snapshot write: encode ${snap.encodeMs.toFixed(0)} ms + store ${snap.storeMs.toFixed(0)} ms for ${MiB(snap.bytes)} (covers ${snap.seq} events)`);
const mem = await page.evaluate(() => Module._hearth_debug_heap_bytes());
if (mem) console.log(`wasm memory at rest with the district loaded: ${MiB(mem)}`);

await browser.close();
await app.close();
