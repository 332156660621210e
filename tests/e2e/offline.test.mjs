// Offline after one visit, installable, and updated only when the person says so, in real
// headless Chromium with the real service worker (web/sw.js, shell/loader.js, docs/offline.md).
// Each test deploys its own copy of the built app into a temporary folder, served by the same
// static server as scripts/serve; "the network goes away" is both Chromium's offline mode and
// that server stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launch, openApp, CHROMIUM_ARGS, waitReady, find, click, typeInto, chooseTownship, frames, screenshot, DIST, DESKTOP, TABLET } from './lib/harness.mjs';
import { startServer } from '../../scripts/lib/static-server.mjs';
import { stamp, compress } from '../../scripts/lib/offline.mjs';

const ZHANG_SAN = { name: '张三', id: '500154199001011232', mobile: '13812345678', township: '汉丰街道' };
const LI_SI = { name: '李四', id: '11010519491231002X', mobile: '13987654321', township: '汉丰街道' };

let browser;
const folders = [], servers = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const stop of servers) await stop();   // an open server would keep the test process alive
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

// A deployment: a copy of the built app in its own folder, served on its own port. `requests`
// records every answer (path, status, bytes as sent, encoding).
async function deploy(from = DIST) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-deploy-'));
  folders.push(dir);
  cpSync(from, dir, { recursive: true, preserveTimestamps: true });
  const requests = [];
  const server = await startServer(dir, 0, '127.0.0.1', {
    onResponse: (req, r) => requests.push({ path: req.url, ...r }),
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  let stopped = null;
  const stop = () => stopped ??= new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); });
  servers.push(stop);
  return { dir, url, requests, stop };
}

// A changed build of the same app: the wasm gains a custom section (valid wasm, same code, other
// bytes), then the folder is stamped again as the build does — a new build id, a new sw.js.
function changedBuild(fromDir) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-v2-'));
  folders.push(dir);
  cpSync(fromDir, dir, { recursive: true });
  const wasm = path.join(dir, 'hearth.wasm');
  const name = Buffer.from('hearth.e2e'), payload = Buffer.from(`a changed build, ${Date.now()}`);
  const body = Buffer.concat([Buffer.from([name.length]), name, payload]);
  assert.ok(body.length < 128);
  writeFileSync(wasm, Buffer.concat([readFileSync(wasm), Buffer.from([0, body.length]), body]));   // section id 0 = custom
  return { dir, ...stamp(dir) };
}

const precacheOf = (dir) => JSON.parse(/const PRECACHE = (\{.*?\});\n/.exec(readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1]);
const offlineState = (page) => page.evaluate(() => ({ ...window.hearth.offline, controlled: !!navigator.serviceWorker.controller,
                                                     page: window.HEARTH_BUILD }));
async function until(page, fn, arg, timeout = 60000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 100 });
}
const lastSeq = (page) => page.evaluate(() => window.hearth.store.lastSeq);

async function register(page, w) {
  await click(page, { kind: 'tab', label: '从业人员登记' });
  await typeInto(page, '姓名', w.name);
  await typeInto(page, '身份证号码', w.id);
  await typeInto(page, '手机号码', w.mobile);
  await chooseTownship(page, w.township);
  const before = await lastSeq(page);
  await click(page, { label: '添加', kind: 'button' });
  await find(page, { role: 'success', label: '已保存：' + w.name });
  await until(page, (n) => window.hearth.store.lastSeq > n, before);
}

// ---- 1. offline after one visit ------------------------------------------------------------------

test('after one visit the app opens, works and keeps what is typed with no network at all', async (t) => {
  const site = await deploy();
  const context = await browser.newContext(DESKTOP);
  const requested = [];
  context.on('request', (r) => requested.push(r.url()));
  const page = await openApp(context, site.url);
  const firstFrameOnline = await page.evaluate(() => window.hearth.firstFrameMs);

  // the worker takes this build's files and the page: every file of the build, checked
  await until(page, () => window.hearth.offline.state === 'ready' && !!navigator.serviceWorker.controller);
  const precache = precacheOf(site.dir);
  const state = await offlineState(page);
  assert.equal(state.build, precache.build);
  assert.equal(state.files, precache.files.length);
  const cached = await page.evaluate(async (build) => (await (await caches.open('hearth-' + build)).keys()).map((r) => new URL(r.url).pathname.slice(1)),
                                     precache.build);
  assert.deepEqual(cached.sort(), precache.files.map((f) => f.url).sort(), 'every file of the build is kept, nothing else');
  for (const must of ['index.html', 'hearth.js', 'hearth.wasm', 'fonts/cjk-full.ttf', 'scan/zxing-wasm/zxing_reader.wasm', 'manifest.webmanifest'])
    assert.ok(cached.includes(must), must);
  assert.deepEqual(requested.filter((u) => !u.startsWith(site.url) && !u.startsWith('data:') && !u.startsWith('blob:')), [], 'nothing from another origin');
  // the worker found the loader's files in the browser's cache: the wasm went over the wire once
  assert.equal(site.requests.filter((r) => r.path.startsWith('/hearth.wasm') && r.status === 200).length, 1, 'hearth.wasm downloaded once');
  const sent = site.requests.reduce((n, r) => n + r.bytes, 0);
  const packed = site.requests.some((r) => r.encoding) ? 'the folder has compressed copies' : 'the folder as built, nothing compressed';
  t.diagnostic(`first visit: ${site.requests.length} answers, ${(sent / 1048576).toFixed(2)} MB sent (${packed}), first frame at ${Math.round(firstFrameOnline)} ms`);

  await click(page, { kind: 'tab', label: '本机数据' });
  await find(page, { role: 'success', includes: '可以离线使用' });
  await screenshot(page, 'desktop-zh-offline-ready.png');

  // no network: Chromium offline, and the server gone
  await context.setOffline(true);
  await site.stop();
  await page.reload();
  await waitReady(page);
  const repeat = await page.evaluate(() => ({ firstFrameMs: window.hearth.firstFrameMs, build: window.HEARTH_BUILD }));
  assert.equal(repeat.build, precache.build);
  await until(page, () => window.hearth.offline.state === 'ready', undefined, 30000);   // and it says so, offline
  t.diagnostic(`repeat visit offline: first frame at ${Math.round(repeat.firstFrameMs)} ms`);
  // the lazily loaded parts come from the worker too: the full CJK font, and the QR reader
  // (asked for as ponyfill.js?retry=N after a failure: matched without its query)
  await until(page, () => window.hearth.fullFont === true, undefined, 30000);
  const reader = await page.evaluate(async () => {
    const m = await import('./scan/barcode-detector/ponyfill.js?retry=3');
    return typeof m.BarcodeDetector;
  });
  assert.equal(reader, 'function');

  await register(page, ZHANG_SAN);
  const seq = await lastSeq(page);
  await page.reload();
  await waitReady(page);
  assert.equal(await lastSeq(page), seq, 'what was saved offline is there after a reload offline');
  await find(page, { kind: 'row', includes: ZHANG_SAN.name });
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});

// ---- 2. updates ----------------------------------------------------------------------------------

test('a new version downloads in the background, half a deployment is never used, and the restart waits for the person', async (t) => {
  const site = await deploy();
  const v1 = precacheOf(site.dir).build;
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, site.url);
  await until(page, () => window.hearth.offline.state === 'ready' && !!navigator.serviceWorker.controller);
  await register(page, ZHANG_SAN);
  const seq = await lastSeq(page);

  const v2 = changedBuild(site.dir);
  assert.notEqual(v2.build, v1);

  // half a deployment: the new sw.js is there, the new wasm and page are not yet
  cpSync(path.join(v2.dir, 'sw.js'), path.join(site.dir, 'sw.js'));
  await page.evaluate(() => window.hearth.offline.check());
  await until(page, () => window.hearth.offline.updateError !== '');
  const half = await offlineState(page);
  assert.match(half.updateError, /another version of this file/);
  assert.equal(half.state, 'ready', 'the running version stays, and offers nothing');
  await click(page, { kind: 'tab', label: '本机数据' });
  await find(page, { role: 'error', includes: '新版本下载未完成' });
  // what the worker had checked of the new version may stay for the next try, but the file that
  // did not match was never kept, and the running version's cache is untouched
  const kept = await page.evaluate(async ([a, b]) => ({
    running: (await (await caches.open('hearth-' + a)).keys()).length,
    next: (await caches.has('hearth-' + b)) ? (await (await caches.open('hearth-' + b)).keys()).map((r) => new URL(r.url).pathname) : [],
  }), [v1, v2.build]);
  assert.equal(kept.running, precacheOf(v2.dir).files.length);
  assert.ok(!kept.next.includes('/hearth.wasm') && !kept.next.includes('/index.html'), `kept of the half deployment: ${kept.next.join(' ')}`);

  // the deployment completes: the next check downloads it, and the app offers a restart
  cpSync(v2.dir, site.dir, { recursive: true });
  const before = site.requests.length;
  await page.evaluate(() => window.hearth.offline.check());
  await until(page, () => window.hearth.offline.state === 'update_ready');
  const downloaded = site.requests.slice(before).filter((r) => r.status === 200 && !r.path.startsWith('/sw.js')).map((r) => r.path.split('?')[0]);
  assert.deepEqual([...new Set(downloaded)].sort(), ['/hearth.wasm', '/index.html'], 'only what changed is downloaded; the rest is copied from the old cache');
  await find(page, { role: 'notice', includes: '家政通有新版本' });
  await screenshot(page, 'desktop-zh-update-offer.png');

  // the old version keeps working until then
  assert.equal((await offlineState(page)).page, v1);
  await click(page, { kind: 'tab', label: '从业人员登记' });
  await typeInto(page, '姓名', LI_SI.name);
  // typing not saved: the restart asks first, and "keep editing" keeps it
  await click(page, { kind: 'button', label: '重启以更新' });
  await find(page, { role: 'error', includes: '尚未保存的输入' });
  await click(page, { kind: 'button', label: '继续编辑' });
  assert.equal((await find(page, { kind: 'input', label: '姓名' })).value, LI_SI.name);
  assert.equal((await offlineState(page)).page, v1, 'no restart happened');
  await typeInto(page, '身份证号码', LI_SI.id);
  await typeInto(page, '手机号码', LI_SI.mobile);
  await chooseTownship(page, LI_SI.township);
  await click(page, { label: '添加', kind: 'button' });
  await find(page, { role: 'success', label: '已保存：' + LI_SI.name });
  await until(page, (n) => window.hearth.store.lastSeq > n, seq);
  const saved = await lastSeq(page);

  // saved: now the restart goes straight through, into the new version with the same data
  await click(page, { kind: 'button', label: '重启以更新' });
  await page.waitForFunction((v) => window.HEARTH_BUILD && window.HEARTH_BUILD !== v, v1, { timeout: 60000 });
  await waitReady(page);
  const after = await offlineState(page);
  assert.equal(after.page, v2.build);
  await until(page, () => window.hearth.offline.state === 'ready');
  assert.equal(await lastSeq(page), saved, 'the database written by the old version opens in the new one');
  await find(page, { kind: 'row', includes: ZHANG_SAN.name });
  await find(page, { kind: 'row', includes: LI_SI.name });
  assert.deepEqual(await page.evaluate(() => caches.keys()), ['hearth-' + v2.build], 'the old version\'s files are gone');
  // and the new version is what opens offline
  await context.setOffline(true);
  await site.stop();
  await page.reload();
  await waitReady(page);
  assert.equal((await offlineState(page)).page, v2.build);
  t.diagnostic(`update: ${v1} → ${v2.build}, ${downloaded.length} files downloaded for it`);
  await context.close();
});

// ---- 3. installable ------------------------------------------------------------------------------

test('the app can be installed: manifest, icons, and nothing Chromium objects to', async () => {
  const site = await deploy();
  // a profile of its own: Chromium installs nothing from an incognito context, which newContext() is
  const profile = mkdtempSync(path.join(tmpdir(), 'hearth-profile-'));
  folders.push(profile);
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
                                                                    args: CHROMIUM_ARGS, ...TABLET });
  const page = await openApp(context, site.url);
  await until(page, () => window.hearth.offline.state === 'ready');
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'Chromium would offer to install it');
  const { url: manifestUrl, errors: manifestErrors } = await cdp.send('Page.getAppManifest');
  assert.equal(manifestUrl, site.url + 'manifest.webmanifest');
  assert.deepEqual(manifestErrors, []);
  const m = JSON.parse(readFileSync(path.join(site.dir, 'manifest.webmanifest'), 'utf8'));
  assert.equal(m.short_name, '家政通');
  assert.equal(m.display, 'standalone');
  for (const icon of m.icons) {
    const png = readFileSync(path.join(site.dir, icon.src));
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
  }
  assert.ok(m.icons.some((i) => i.purpose === 'maskable'));
  await click(page, { kind: 'tab', label: '本机数据' });
  await find(page, { role: 'success', includes: '可以离线使用' });
  await screenshot(page, 'tablet-zh-offline-ready.png');
  await click(page, { kind: 'button', label: 'English' });
  await find(page, { role: 'success', includes: 'Ready for offline use' });
  await screenshot(page, 'tablet-en-offline-ready.png');
  await context.close();
});

// ---- 4. a first visit on a slow line -------------------------------------------------------------

test('a first visit on a slow line shows its progress and is usable before the full CJK font arrives', async (t) => {
  const site = await deploy();
  // as scripts/serve deploys it, .br and .gz beside each file (brotli at 5, not 11: seconds, not
  // half a minute; 11 is about 10 % smaller)
  const packed = compress(site.dir, { brotliQuality: 5 });
  const raw = packed.reduce((n, r) => n + r.bytes, 0), gz = packed.reduce((n, r) => n + r.gzip, 0), br = packed.reduce((n, r) => n + r.brotli, 0);
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // 4 Mbit/s with 150 ms of latency: a township's 4G on a bad day
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 500 * 1024, uploadThroughput: 128 * 1024 });
  const start = Date.now();
  await page.goto(site.url);
  const widths = new Set();
  while (!(await page.evaluate(() => window.hearth && window.hearth.ready))) {
    widths.add(await page.evaluate(() => document.getElementById('bar-fill').style.width));
    await page.waitForTimeout(100);
    assert.ok(Date.now() - start < 120000, 'the app should start within two minutes at 4 Mbit/s');
  }
  const firstFrame = await page.evaluate(() => window.hearth.firstFrameMs);
  const fullFontAtFirstFrame = await page.evaluate(() => window.hearth.fullFont);
  const shown = [...widths].filter((w) => w && w !== '0%' && w !== '100%' && w !== '100.0%');
  assert.ok(shown.length >= 2, `the loading bar moved (seen: ${[...widths].join(', ')})`);
  assert.equal(fullFontAtFirstFrame, false, 'the first frame does not wait for the full font');
  // usable now: a tab answers while the full font is still on its way
  await waitReady(page);
  await click(page, { kind: 'tab', label: '本机数据' });
  await find(page, { role: 'area', label: '本机数据' });
  const fontStillLoading = await page.evaluate(() => !window.hearth.fullFont);
  await until(page, () => window.hearth.fullFont === true, undefined, 120000);
  const fullFontAt = Date.now() - start;
  await until(page, () => window.hearth.offline.state === 'ready', undefined, 180000);
  const sent = site.requests.reduce((n, r) => n + r.bytes, 0);
  t.diagnostic(`folder: ${(raw / 1048576).toFixed(2)} MB raw, ${(gz / 1048576).toFixed(2)} MB gzip, ${(br / 1048576).toFixed(2)} MB brotli`);
  t.diagnostic(`at 4 Mbit/s + 150 ms: first usable frame ${Math.round(firstFrame)} ms, full font ${fullFontAt} ms (usable before it: ${fontStillLoading}), ` +
               `${(sent / 1048576).toFixed(2)} MB sent in all (offline copy included)`);
  assert.ok(sent < br * 1.15, `the offline copy reuses what the page downloaded: ${sent} bytes sent for ${br} bytes of brotli`);
  await context.close();
});
