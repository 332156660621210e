// node bench/store_open.mjs [divisor] [runs] [after]: the browser store with the district data
// set (÷divisor; 1 = the whole district) in headless Chromium. Figures only; never fails.
//
//   usable      opening the app on the district, from navigation to the first frame drawn with
//               the data           vs  a bare page that fetches and instantiates the same wasm and
//                                      reads the same bytes from IndexedDB
//   open        the app's Session::open, IndexedDB to ready: the newest snapshot + the `after`
//               events saved since it (default 1000: half the snapshot interval), every link
//               checked          vs  a bare read of the same bytes from IndexedDB in the same page
//   memory      at rest with the district loaded: wasm memory, malloc'ed part of it, JS heap
//   save        one edit, submit → durable (strict)   vs  a bare single-put transaction (strict)
//   bytes       stored per record (navigator.storage.estimate) and per event (raw)
//   snapshot    encoding and storing a snapshot of the whole state
//
// The data comes from the native tool (`hearth demo`), planted in IndexedDB byte for byte.
// Each figure is also printed as an @figure line (bench/lib/figures.mjs) for bench/run.mjs.
import { rmSync } from 'node:fs';
import { serve, launch, openApp, plantLedger, demoLedger, typeInto, chooseTownship, residentId, frames, DESKTOP } from '../tests/e2e/lib/harness.mjs';
import { stats, once, figure, fmt, MiB } from './lib/figures.mjs';

const divisor = Number(process.argv[2] || 10);
const runs = Number(process.argv[3] || 5);
const after = Number(process.argv[4] || 1000);

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

// What a page must do at the least before it can show the data: fetch and instantiate the app's
// wasm (imports stubbed: nothing runs), then read the same bytes from IndexedDB.
const bareStart = (page, wasmUrl) => page.evaluate(async (url) => {
  const t = performance.now();
  const bytes = await fetch(url).then((r) => r.arrayBuffer());
  const module = await WebAssembly.compile(bytes);
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const stub = imp.kind === 'function' ? () => 0 : imp.kind === 'memory' ? new WebAssembly.Memory({ initial: 256 })
      : imp.kind === 'table' ? new WebAssembly.Table({ initial: 0, element: 'anyfunc' }) : new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
    (imports[imp.module] = imports[imp.module] || {})[imp.name] = stub;
  }
  await WebAssembly.instantiate(module, imports);
  return performance.now() - t;
}, wasmUrl);

const open = { total: [], db: [], read: [], restore: [], fold: [], lease: [] }, reopen = { total: [], read: [], restore: [], fold: [] }, bare = [], bareInApp = [];
const usable = [], bareUsable = [];
let page, figures, bareBytes = 0;
for (let i = 0; i < runs; i++) {
  page = await openApp(context, app.url);
  figures = await page.evaluate(() => window.hearth.store);
  usable.push(await page.waitForFunction(() => window.hearth.usableMs, null, { timeout: 60000 }).then((h) => h.jsonValue()));
  const wasmUrl = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((n) => /\/hearth\.wasm/.test(n)));
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
  bareUsable.push(await bareStart(p2, wasmUrl) + (await bareRead(p2)).ms);
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
console.log(`  navigation → first frame with the data   ${fmt(stats(usable))}`);
console.log(`  baseline: fetch + instantiate the wasm, then the bare read   ${fmt(stats(bareUsable))}   ratio ${(stats(usable).median / stats(bareUsable).median).toFixed(1)}`);
const events = [figures.lastSeq, 'events'];
figure('browser.usable', `open the app on ${figures.lastSeq} events, navigation to the first frame with the data`, stats(usable),
       { baseline: ['fetch + instantiate the same wasm, then a bare IndexedDB read of the same bytes', stats(bareUsable)], count: events });
figure('browser.open', 'the store opens (IndexedDB to ready: snapshot + events after it, every link checked)', stats(open.total),
       { baseline: ['a bare IndexedDB read of the same bytes, in an empty page', stats(bare)], count: events });
figure('browser.open_idle', 'the same open again, the app idle', stats(reopen.total),
       { baseline: ["the same bare read, in the app's page", stats(bareInApp)], count: events });

// ---- memory: at rest with the district loaded, and after writing a snapshot ---------------------
// wasm memory never shrinks: what the open needed at its peak stays with the page
async function memory(page) {
  await frames(page, 8);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await cdp.detach();
  const m = await page.evaluate(() => ({ wasm: Module._hearth_debug_heap_bytes(), inUse: Module._hearth_debug_heap_in_use() }));
  return { ...m, js: metrics.JSHeapUsedSize || 0 };
}
const MiBs = (b) => once(b / 1048576);

// ---- one durable save vs a bare single put --------------------------------------------------------
page = await openApp(context, app.url);
const rest = await memory(page);
console.log(`\nmemory at rest with the district loaded: wasm memory ${MiB(rest.wasm)} (malloc'ed ${MiB(rest.inUse)}), JS heap ${MiB(rest.js)}`);
figure('browser.memory_wasm', 'memory at rest, district loaded: wasm memory', MiBs(rest.wasm), { unit: 'MiB',
       baseline: ["of which malloc'ed now (the state, ImGui, buffers)", MiBs(rest.inUse)] });
figure('browser.memory_js', 'memory at rest, district loaded: JS heap', MiBs(rest.js), { unit: 'MiB' });
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
figure('browser.save', 'durable save of one edit (submit to durable, strict)', stats(save),
       { baseline: ['a bare single-put IndexedDB transaction (strict)', stats(put)] });

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
figure('browser.snapshot_write', `write a snapshot of the state (${MiB(snap.bytes)})`, once(snap.encodeMs + snap.storeMs), { count: [snap.seq, 'events'] });

const afterSnapshot = await memory(page);
console.log(`memory after writing a snapshot: wasm memory ${MiB(afterSnapshot.wasm)} (malloc'ed ${MiB(afterSnapshot.inUse)})`);
figure('browser.memory_wasm_after_snapshot', 'memory after writing a snapshot: wasm memory', MiBs(afterSnapshot.wasm), { unit: 'MiB',
       baseline: ['at rest before it', MiBs(rest.wasm)] });

await browser.close();
await app.close();
