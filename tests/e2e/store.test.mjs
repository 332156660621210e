// The browser store, end to end in real Chromium: a first-version database opens in this
// version; a district-sized ledger opens from its snapshot; a damaged snapshot costs time, not
// data; two windows never fork the ledger (Web Locks, and the localStorage fallback); the
// browser killed in a burst of saves loses nothing acknowledged; a full disk keeps the input;
// a backup restores on another device.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, launch, openApp, find, absent, click, typeInto, chooseTownship, waitReady, frames, screenshot, plantLedger, openWithLedger,
         demoLedger, nativeLedger, dumpDatabase, residentId, ROOT, CHROMIUM_ARGS, DESKTOP, TABLET } from './lib/harness.mjs';

let app, browser;
const folders = [];
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); folders.forEach((d) => rmSync(d, { recursive: true, force: true })); });

// SIGKILL each process whose command line contains `text`; how many there were.
function killProcessesWith(text) {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (Number(pid) !== process.pid && cmd.includes(text)) { try { process.kill(Number(pid), 'SIGKILL'); n++; } catch { /* gone */ } }
  }
  return n;
}

const store = (page) => page.evaluate(() => window.hearth.store);

async function register(page, name, id, mobile = '13812345678', township = '汉丰街道') {
  await typeInto(page, '姓名', name);
  await typeInto(page, '身份证号码', id);
  await typeInto(page, '手机号码', mobile);
  if (township) await chooseTownship(page, township);
  await click(page, { label: '添加', kind: 'button' });
}

// valid ID numbers: 5001541990 + MMDD + 3-digit sequence
const idFor = (i) => residentId(`50015419900${1 + (i % 9)}${String(10 + (i % 18)).padStart(2, '0')}${String(100 + i).padStart(3, '0')}`);

test('a database written by the first version opens in this one, keeps every record, and gains a head', async () => {
  const fixture = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/idb-v1.json'), 'utf8'));
  assert.equal(fixture.version, 1);
  const hex = (h) => Buffer.from(h, 'hex');
  const ledger = { device: hex(fixture.stores.meta.find(([k]) => k === 'device')[1]), events: fixture.stores.events.map(([, v]) => hex(v)), head: null };
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger, { schema: 1 });
  await find(page, { role: 'count', label: '共 2 人' });
  await find(page, { kind: 'row', includes: '张三 500154********1232' });
  await find(page, { kind: 'row', includes: '李四 110105********002X' });
  assert.equal((await store(page)).damage, 0);
  // upgraded in place: schema 3, the same events, and the head recorded once the chain checked out
  let db = await dumpDatabase(page);
  for (let i = 0; i < 20 && !db.meta.head; i++) { await frames(page, 2); db = await dumpDatabase(page); }
  assert.equal(db.version, 3);
  assert.deepEqual(db.events, [1, 2]);
  assert.equal(db.meta.device, fixture.stores.meta[0][1]);
  assert.equal(db.meta.head.slice(0, 16), '0200000000000000', 'head: seq 2');
  // and it carries on
  await register(page, '王五', idFor(1));
  await find(page, { role: 'success', label: '已保存：王五' });
  assert.deepEqual((await dumpDatabase(page)).events, [1, 2, 3]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a database written by a newer version is not touched, and the page says why', async () => {
  const ledger = nativeLedger([['孙八', '500154199001011232', '13800001111', 500154104]]);
  folders.push(ledger.dir);
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger, { schema: 4 });
  const err = await find(page, { role: 'error', includes: '更新版本' });
  assert.match(err.label, /无法打开本地数据库/);
  const db = await dumpDatabase(page);
  assert.equal(db.version, 4, 'left as the newer version wrote it');
  assert.deepEqual(db.events, [1]);
  await context.close();
});

test('a district ledger opens from its snapshot plus the events after it', async () => {
  const ledger = demoLedger({ divisor: 100, after: 30 });
  folders.push(ledger.dir);
  assert.equal(ledger.snapshots.length, 1);
  const total = ledger.events.length;
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger);
  const s = await store(page);
  assert.equal(s.lastSeq, total);
  assert.equal(s.damage, 0);
  assert.equal(s.open.eventsAfter, 30, 'only the events after the snapshot were folded');
  assert.ok(s.open.snapshotBytes > 0);
  await find(page, { role: 'status', includes: `本机已保存 ${total} 条记录` });
  await find(page, { kind: 'row', includes: '演示' });  // the newest workers, saved after the snapshot
  await context.close();
});

test('a damaged snapshot is rebuilt from the events: a notice, and nothing missing', async () => {
  const ledger = demoLedger({ divisor: 400, after: 3 });
  folders.push(ledger.dir);
  ledger.snapshots[0].bytes[200] ^= 0x10;
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger);
  const notice = await find(page, { role: 'notice', includes: '快照' });
  assert.match(notice.label, /已从记录重建，没有丢失数据/);
  const s = await store(page);
  assert.equal(s.lastSeq, ledger.events.length);
  assert.equal(s.damage, 0);
  assert.equal(s.readOnly, false);
  await context.close();
});

test('compaction waits for the district\'s receipt: exported events stay without one; a damaged newest snapshot still loses nothing', async () => {
  const ledger = demoLedger({ divisor: 400, after: 30 });
  folders.push(ledger.dir);
  const oldSnapshot = ledger.snapshots[0].seq, total = ledger.events.length;
  ledger.exported = oldSnapshot - 100;  // as if a bundle had carried everything up to here
  const context = await browser.newContext(DESKTOP);
  let page = await openWithLedger(context, app.url, ledger);
  await page.evaluate(() => Module._hearth_debug_write_snapshot());  // the app writes one every 2,000 events
  await page.waitForFunction(() => window.hearth.store.snapshot.storeMs > 0);
  let db = await dumpDatabase(page);
  assert.deepEqual([...new Set(db.snapshots.map(([seq]) => seq))].sort((a, b) => a - b), [oldSnapshot, total]);
  // exported is not enough (a bundle on a lost USB stick must be exportable again): without a
  // receipt nothing is dropped (the receipt's side is covered natively, tests/core/test_session.cpp)
  assert.equal(db.events[0], 1, 'exported events are kept until the district confirms them');
  assert.equal(db.events.at(-1), total);
  // the newest snapshot damaged: the older one and the events kept after it give everything
  await page.evaluate((seq) => new Promise((resolve, reject) => {
    const r = indexedDB.open('hearth');
    r.onsuccess = () => {
      const tx = r.result.transaction('snapshots', 'readwrite'), s = tx.objectStore('snapshots');
      s.get([seq, 0]).onsuccess = (ev) => { const b = new Uint8Array(ev.target.result); b[300] ^= 0x10; s.put(b.buffer, [seq, 0]); };
      tx.oncomplete = () => { r.result.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  }), total);
  await page.reload();
  await waitReady(page);
  const s = await store(page);
  assert.equal(s.damage, 0);
  assert.equal(s.lastSeq, total);
  assert.equal(s.open.eventsAfter, 30, 'folded from the older snapshot');
  await find(page, { role: 'notice', includes: '已从记录重建' });
  await context.close();
});

async function twoWindows(context) {
  const first = await openApp(context, app.url);
  await first.waitForFunction(() => window.hearth.store && window.hearth.store.role === 'writer');
  const second = await openApp(context, app.url);
  await second.waitForFunction(() => window.hearth.store && window.hearth.store.role !== 'unknown');
  return [first, second];
}

for (const locks of ['Web Locks', 'the localStorage fallback']) {
  test(`two windows never fork the ledger (${locks}): one writes, the other follows and takes over`, async () => {
    const context = await browser.newContext(DESKTOP);
    if (locks !== 'Web Locks') await context.addInitScript(() => { window.hearthNoWebLocks = true; });
    const [first, second] = await twoWindows(context);
    assert.equal((await store(second)).role, 'follower');
    const banner = await find(second, { role: 'notice', includes: '另一个窗口' });
    assert.match(banner.label, /本窗口只读/);
    assert.equal((await find(second, { label: '添加', kind: 'button' })).disabled, true);
    await screenshot(second, `desktop-zh-second-window-${locks === 'Web Locks' ? 'locks' : 'fallback'}.png`);

    // a window in the background draws no frames: bring each to the front, as a person would
    await first.bringToFront();
    await register(first, '张三', idFor(1));
    await find(first, { role: 'success', label: '已保存：张三' });
    await second.bringToFront();
    await find(second, { kind: 'row', includes: '张三' });  // the follower follows

    await first.close();
    await second.waitForFunction(() => window.hearth.store.role === 'writer', null, { timeout: 15000 });
    assert.ok(await absent(second, { role: 'notice', includes: '另一个窗口' }));
    await register(second, '李四', idFor(2));
    await find(second, { role: 'success', label: '已保存：李四' });
    assert.deepEqual((await dumpDatabase(second)).events, [1, 2], 'one ledger, no fork');
    assert.equal((await store(second)).damage, 0);
    await context.close();
  });
}

test('the browser killed during a burst of saves loses nothing that was acknowledged', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'hearth-profile-'));
  folders.push(profile);
  const launchProfile = () => chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, ...DESKTOP });
  let context = await launchProfile();
  let page = await openApp(context, app.url);
  // the burst: each save is typed as soon as the form takes it (it is locked while a write is
  // in flight); `acked` is the ledger's acknowledged length, which grows only once a write is
  // durable. The browser is killed the instant the last save is sent: mid-transaction.
  const kKilledAt = 8;
  let acked = 0;
  for (let i = 1; i <= kKilledAt; i++) {
    if (i === 1) await chooseTownship(page, '汉丰街道');  // kept for the next person
    await typeInto(page, '姓名', '工' + '一二三四五六七八九十'[i % 10]);
    await typeInto(page, '身份证号码', idFor(i));
    await typeInto(page, '手机号码', '13812345678');
    acked = await page.evaluate(() => window.hearth.store.lastSeq);
    await page.keyboard.press('Enter');
    if (i === kKilledAt) break;
    await page.waitForFunction((n) => window.hearth.store.lastSeq > n, acked, { timeout: 15000 });
  }
  // SIGKILL every process of this browser: no unload, no clean shutdown
  const killed = killProcessesWith(`--user-data-dir=${profile}`);
  assert.ok(killed > 0, 'the browser was found and killed');
  await context.close().catch(() => { /* already dead */ });
  assert.equal(acked, kKilledAt - 1, 'every save before the last was acknowledged');

  context = await launchProfile();
  page = await openApp(context, app.url);
  const s = await store(page);
  assert.equal(s.damage, 0, 'the hash chain and the head check out');
  assert.ok(s.lastSeq >= acked, `every acknowledged save is there: ${s.lastSeq} ≥ ${acked}`);
  const db = await dumpDatabase(page);
  assert.deepEqual(db.events, Array.from({ length: s.lastSeq }, (_, i) => i + 1), 'no gap');
  assert.equal(db.meta.head.slice(0, 2), s.lastSeq.toString(16).padStart(2, '0'));
  await context.close();
});

// (A write the browser refuses for space is tested in failures.test.mjs: the input stays, a
// retry saves it. Chromium's DevTools quota override changes neither navigator.storage.estimate()
// nor IndexedDB's own limit in this build, so both are simulated at the browser's API.)
test('storage: usage and quota shown, low space warned early on every screen', async () => {
  const context = await browser.newContext(DESKTOP);
  await context.addInitScript(() => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = () => (window.__estimate ? Promise.resolve(window.__estimate) : real());
  });
  const page = await openApp(context, app.url);
  await click(page, { kind: 'tab', label: '本机数据' });
  const usage = await find(page, { role: 'status', includes: '已用' });
  // the browser's real figures: the data, and the app's offline copy once the worker has it (MB)
  assert.match(usage.label, /^已用 \d+(\.\d)? [KM]B，上限 \d+(\.\d)? GB（0%）$/, 'the browser\'s real figures');
  assert.ok(await absent(page, { role: 'error', includes: '存储空间即将用完' }));
  // the device fills up: 980 MB of a 1 GB quota
  await page.evaluate(() => { window.__estimate = { usage: 980e6, quota: 1000e6 }; });
  await click(page, { kind: 'tab', label: '从业人员登记' });
  await click(page, { kind: 'tab', label: '本机数据' });
  await find(page, { role: 'status', label: '已用 980 MB，上限 1.0 GB（98%）' });
  const low = await find(page, { role: 'error', includes: '存储空间即将用完' });
  assert.equal(low.label, '存储空间即将用完（剩余 20.0 MB）。请先下载备份，再清理本设备上的其他文件。');
  await screenshot(page, 'desktop-zh-data-low-space.png');
  // the warning stays in sight while working in another area
  await click(page, { kind: 'tab', label: '从业人员登记' });
  await find(page, { role: 'error', includes: '存储空间即将用完' });
  await context.close();
});

test('backup and restore: a file from one device restores on another, after a clear warning', async () => {
  const source = await browser.newContext(DESKTOP);
  const a = await openApp(source, app.url);
  await register(a, '张三', idFor(1));
  await find(a, { role: 'success', label: '已保存：张三' });
  await register(a, '李四', idFor(2));
  await find(a, { role: 'success', label: '已保存：李四' });
  await click(a, { kind: 'tab', label: '本机数据' });
  const [download] = await Promise.all([a.waitForEvent('download'), click(a, { kind: 'button', label: '下载备份文件' })]);
  assert.match(download.suggestedFilename(), /^hearth-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.hearth-backup$/);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hearth-backup-')), download.suggestedFilename());
  folders.push(path.dirname(file));
  await download.saveAs(file);
  await find(a, { role: 'success', includes: '已开始下载备份文件 hearth-' });
  const deviceA = (await dumpDatabase(a)).meta.device;

  const target = await browser.newContext(TABLET);  // another device: its own storage
  const b = await openApp(target, app.url);
  await click(b, { kind: 'tab', label: '本机数据' });
  // a file that is not a backup is refused before anything is touched
  const junk = path.join(path.dirname(file), 'notes.hearth-backup');
  writeFileSync(junk, 'not a backup');
  let [chooser] = await Promise.all([b.waitForEvent('filechooser'), click(b, { kind: 'button', label: '从备份文件恢复…' })]);
  await chooser.setFiles(junk);
  await find(b, { role: 'error', includes: '这不是家政通的备份文件' });

  [chooser] = await Promise.all([b.waitForEvent('filechooser'), click(b, { kind: 'button', label: '从备份文件恢复…' })]);
  await chooser.setFiles(file);
  const preview = await find(b, { role: 'notice', includes: '备份文件' });
  assert.match(preview.label, /2 条记录，2 名从业人员，0 家企业/);
  await find(b, { role: 'error', includes: '替换本机上的全部数据' });
  await find(b, { role: 'error', includes: '来自另一台设备' });
  await screenshot(b, 'tablet-zh-restore-warning.png');
  assert.deepEqual((await dumpDatabase(b)).events, [], 'nothing replaced before confirming');
  await click(b, { kind: 'button', label: '替换本机数据' });
  await find(b, { role: 'success', label: '已从备份恢复。' });
  await click(b, { kind: 'tab', label: '从业人员登记' });
  await find(b, { kind: 'row', includes: '张三' });
  await find(b, { kind: 'row', includes: '李四' });
  const db = await dumpDatabase(b);
  assert.equal(db.meta.device, deviceA);
  assert.deepEqual(db.events, [1, 2]);
  // and survives a reload
  await b.reload();
  await waitReady(b);
  await find(b, { role: 'count', label: '共 2 人' });
  await source.close();
  await target.close();
});

test('the data tab in English, on a tablet and on a desktop', async () => {
  for (const [name, device] of [['tablet', TABLET], ['desktop', DESKTOP]]) {
    const context = await browser.newContext(device);
    const page = await openApp(context, app.url);
    await click(page, { kind: 'button', label: 'English' });
    await click(page, { kind: 'tab', label: 'Data on this device' });
    await find(page, { role: 'status', includes: 'used of' });
    await find(page, { kind: 'button', label: 'Download a backup file' });
    await find(page, { kind: 'button', label: 'Restore from a backup file…' });
    await find(page, { role: 'status', label: '0 records; no snapshot yet (one is made as records accumulate, to open faster); exported up to record 0.' });
    await screenshot(page, `${name}-en-data.png`);
    await context.close();
  }
});
