// QR scanning in real headless Chromium through a fake camera (docs/scanning.md): a card's QR
// code (Base45 text) is read with the polyfill and its wasm from our own origin, and nothing
// is ever asked of another origin; Cancel, stop() and Escape close the camera; no camera, a
// refused camera, an insecure page and a missing detector each end in their own error, never
// in the page's error screen. Screenshots of the overlay: landscape and portrait tablet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { serve, launch, launchWithCamera, openApp, frames, ARTIFACTS, CHROMIUM_ARGS, DESKTOP, TABLET } from './lib/harness.mjs';
import { writeY4m, rgbaFromPage } from './lib/fake_camera.mjs';

// What a card's QR code holds (docs/card-credential.md): "HJZ1:" and Base45 text, 251
// characters in the QR alphanumeric set, every character of Base45's alphabet in it.
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const CARD_TEXT = 'HJZ1:' + Array.from({ length: 246 }, (_, i) => BASE45[(i * 7 + 3) % 45]).join('');
const LABELS = { title: '扫描家政服务卡', hint: '请将服务卡上的二维码放入框内，保持稳定', cancel: '取消' };

let app, dir, cardY4m, blankY4m;
before(async () => {
  app = await serve();
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-camera-'));
  // the card's QR code, drawn by the page from SVG, on a white 640×480 camera picture
  const qr = qrcode(0, 'M');
  qr.addData(CARD_TEXT, 'Alphanumeric');
  qr.make();
  assert.equal(qr.getModuleCount(), 53, 'version 9, as the card\'s own code');
  const browser = await launch();
  const page = await browser.newPage();
  const img = await rgbaFromPage(page, qr.createSvgTag({ cellSize: 5, margin: 20 }));
  await browser.close();
  cardY4m = writeY4m(path.join(dir, 'card.y4m'), img.rgba, img.width, img.height).path;
  blankY4m = writeY4m(path.join(dir, 'blank.y4m'), new Uint8Array([235, 238, 240, 255]), 1, 1).path;  // a plain grey wall
});
after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Every request the context makes: any to another origin fails (and is listed); those the page
// makes to our origin are listed with their answer's status.
async function guardOrigin(context, origin) {
  const foreign = [], ours = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) { foreign.push(url); return route.abort('blockedbyclient'); }
    return route.continue();
  });
  // the page's own requests: the service worker fetches every file of the build for offline use
  // (docs/offline.md), the scanner's too, which says nothing of when the page loads them
  context.on('requestfinished', async (r) => {
    if (r.serviceWorker()) return;
    if (new URL(r.url()).origin === origin) ours.push({ url: r.url(), status: (await r.response().catch(() => null))?.status() });
  });
  context.on('requestfailed', (r) => { if (!r.serviceWorker() && new URL(r.url()).origin === origin) ours.push({ url: r.url(), status: 'failed' }); });
  return { foreign, ours };
}

// Keeps every camera stream the page opens, to check that each one is stopped afterwards.
const keepStreams = (context) => context.addInitScript(() => {
  window.__streams = [];
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return;
  const gum = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => gum(c).then((s) => { window.__streams.push(s); return s; });
});
const liveTracks = (page) => page.evaluate(() => window.__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);
const overlayShown = (page) => page.evaluate(() => !!document.getElementById('hearth-scan'));
const scanner = (page) => page.evaluate(() => ({ state: hearth.scanner.state(), error: hearth.scanner.error(),
  detector: hearth.scanner.detector(), stats: hearth.scanner.stats() }));

async function waitState(page, states, timeout = 30000) {
  await page.waitForFunction((s) => s.includes(window.hearth.scanner.state()), states, { timeout, polling: 50 }).catch(async () => {
    throw new Error(`scanner state ${JSON.stringify(await scanner(page))}, expected one of ${states}`);
  });
  return scanner(page);
}

test("a card's QR code is read through the camera with the polyfill, its wasm from our origin and nothing from elsewhere", async () => {
  const browser = await launchWithCamera(cardY4m);
  const context = await browser.newContext(DESKTOP);
  const origin = new URL(app.url).origin;
  const net = await guardOrigin(context, origin);
  await keepStreams(context);
  const page = await openApp(context, app.url);
  // headless Chromium on Linux has no BarcodeDetector of its own: the polyfill is what runs here
  assert.equal(await page.evaluate(() => 'BarcodeDetector' in window), false, 'no native BarcodeDetector on Linux');
  assert.ok(!net.ours.some((r) => r.url.includes('/scan/barcode-detector/') || r.url.endsWith('.wasm') && r.url.includes('/scan/')),
    'the polyfill is loaded only when a scan starts');

  const started = Date.now();
  await page.evaluate((labels) => hearth.scanner.start(labels), LABELS);
  const end = await waitState(page, ['done', 'error', 'cancelled']);
  const ms = Date.now() - started;
  assert.equal(end.state, 'done', JSON.stringify(end));
  assert.equal(end.detector, 'polyfill');
  assert.equal(await page.evaluate(() => hearth.scanner.take()), CARD_TEXT);
  assert.equal(await page.evaluate(() => hearth.scanner.state()), 'idle', 'taken once');
  assert.equal(await page.evaluate(() => hearth.scanner.take()), null);
  assert.equal(await overlayShown(page), false, 'the overlay is gone');
  assert.equal(await liveTracks(page), 0, 'the camera is off');
  console.log(`# read in ${ms} ms (camera, polyfill and wasm load included); ${end.stats.frames} detect() calls, ` +
    `mean ${end.stats.meanMs.toFixed(1)} ms`);

  // everything from our origin: the reader's wasm and the polyfill were fetched here, nothing elsewhere
  const wasm = net.ours.find((r) => r.url === `${origin}/scan/zxing-wasm/zxing_reader.wasm`);
  assert.ok(wasm, `the reader's wasm came from our origin: ${net.ours.map((r) => r.url).join(' ')}`);
  assert.equal(wasm.status, 200);
  assert.ok(net.ours.some((r) => r.url === `${origin}/scan/barcode-detector/ponyfill.js` && r.status === 200));
  assert.deepEqual(net.foreign, [], 'no request left the origin');
  // and the app still draws
  await frames(page, 2);
  assert.deepEqual(page.errors, []);
  await browser.close();
});

test('the overlay on a tablet, both ways up: live video, hint, a big Cancel; Cancel, stop() and Escape close the camera', async () => {
  const browser = await launchWithCamera(blankY4m);
  const context = await browser.newContext(TABLET);
  const net = await guardOrigin(context, new URL(app.url).origin);
  await keepStreams(context);
  const page = await openApp(context, app.url);
  await page.evaluate((labels) => hearth.scanner.start(labels), LABELS);
  await waitState(page, ['scanning']);
  await page.waitForFunction(() => { const v = document.querySelector('#hearth-scan video'); return v && v.videoWidth > 0 && v.currentTime > 0; });
  const look = () => page.evaluate(() => {
    const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    return { view: { w: innerWidth, h: innerHeight }, video: box('#hearth-scan video'), cancel: box('.hearth-scan-cancel'),
             title: document.querySelector('.hearth-scan-title').textContent, hint: document.querySelector('.hearth-scan-hint').textContent,
             cancelText: document.querySelector('.hearth-scan-cancel').textContent };
  });
  for (const [name, size] of [['landscape', { width: 1280, height: 800 }], ['portrait', { width: 800, height: 1280 }]]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    const l = await look();
    assert.equal(l.title, LABELS.title);
    assert.equal(l.hint, LABELS.hint);
    assert.equal(l.cancelText, LABELS.cancel);
    assert.ok(l.cancel.h >= 48 && l.cancel.w >= 48, `Cancel is at least 48 CSS px: ${JSON.stringify(l.cancel)}`);
    assert.ok(l.cancel.y + l.cancel.h <= l.view.h && l.video.y >= 0, `all on screen (${name}): ${JSON.stringify(l)}`);
    // the video box is large: most of the width or most of the height
    assert.ok(l.video.w >= 0.9 * l.view.w - 40 && l.video.h >= 0.5 * l.view.h, `a large video (${name}): ${JSON.stringify(l.video)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, `tablet-zh-scanner-${name}.png`) });
  }

  // a grey wall: it keeps looking, reads nothing, and at most ten times a second
  const before = await scanner(page), t0 = Date.now();
  await page.waitForTimeout(2000);
  const during = await scanner(page), seconds = (Date.now() - t0) / 1000;
  const calls = during.stats.frames - before.stats.frames;
  assert.equal(during.state, 'scanning');
  // (headless draws the page at a few frames a second at DPR 2 — software GL — and a new video
  // frame is looked at only when the page draws, so "at least" is loose here)
  assert.ok(calls >= 2 && calls <= seconds * 10 + 2, `${calls} detect() calls in ${seconds} s`);
  console.log(`# a 640×480 frame without a code: ${calls} detect() calls in ${seconds.toFixed(1)} s, mean ${during.stats.meanMs.toFixed(1)} ms, ` +
    `max ${during.stats.maxMs.toFixed(1)} ms (grab + decode, polyfill)`);

  // Cancel, tapped
  await page.tap('.hearth-scan-cancel');
  assert.equal((await waitState(page, ['cancelled'])).state, 'cancelled');
  assert.equal(await overlayShown(page), false);
  assert.equal(await liveTracks(page), 0, 'the camera is off');
  assert.equal(await page.evaluate(() => hearth.scanner.take()), null);
  assert.equal(await page.evaluate(() => hearth.scanner.error()), null);

  // stop() from the app, at once while it starts; a second stop() forgets the cancelled scan
  await page.evaluate((labels) => { hearth.scanner.start(labels); hearth.scanner.stop(); }, LABELS);
  assert.equal((await scanner(page)).state, 'cancelled');
  await page.waitForTimeout(500);   // the camera that answered after the cancel is stopped too
  assert.equal(await liveTracks(page), 0);
  assert.equal(await overlayShown(page), false);
  await page.evaluate(() => hearth.scanner.stop());
  assert.equal((await scanner(page)).state, 'idle');

  // Escape, from a keyboard
  await page.evaluate((labels) => hearth.scanner.start(labels), LABELS);
  await waitState(page, ['scanning']);
  await page.keyboard.press('Escape');
  assert.equal((await waitState(page, ['cancelled'])).state, 'cancelled');
  assert.equal(await overlayShown(page), false);
  assert.equal(await liveTracks(page), 0);

  assert.deepEqual(net.foreign, []);
  assert.deepEqual(page.errors, []);
  await browser.close();
});

test('no camera, a refused camera and an insecure page each end in their own error, the overlay closed', async () => {
  const cases = [
    // the prompt is allowed, but there is no camera at all
    { name: 'no camera', kind: 'no_camera', browser: () => launchWithCamera(null), url: app.url },
    // a camera, but nobody answers the prompt "allow" (headless refuses)
    { name: 'refused', kind: 'denied', browser: () => launchWithCamera(cardY4m, { allow: false }), url: app.url },
    // a plain-http address that is not localhost: no camera API at all
    { name: 'insecure', kind: 'insecure', url: `http://hearth.test:${new URL(app.url).port}/`,
      browser: () => chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
        args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP hearth.test 127.0.0.1', '--use-fake-ui-for-media-stream',
               '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${cardY4m}`] }) },
  ];
  for (const c of cases) {
    const browser = await c.browser();
    const context = await browser.newContext(DESKTOP);
    const net = await guardOrigin(context, new URL(c.url).origin);
    const page = await openApp(context, c.url);
    await page.evaluate((labels) => hearth.scanner.start(labels), LABELS);
    const end = await waitState(page, ['error', 'done', 'cancelled'], 20000);
    assert.equal(end.state, 'error', `${c.name}: ${JSON.stringify(end)}`);
    assert.equal(end.error.kind, c.kind, `${c.name}: ${JSON.stringify(end.error)}`);
    assert.ok(end.error.detail, `${c.name}: the browser's words are kept`);
    assert.equal(await overlayShown(page), false, `${c.name}: the overlay closed (the app shows the error)`);
    assert.equal(await page.evaluate(() => hearth.fatal), undefined);
    assert.deepEqual(net.foreign, []);
    assert.deepEqual(page.errors, [], c.name);
    console.log(`# ${c.name}: ${end.error.kind} — ${end.error.detail}`);
    await browser.close();
  }
});

test('a detector that cannot load is "no_detector" (never the CDN, never the page error screen); the next scan loads it', async () => {
  const browser = await launchWithCamera(cardY4m);
  // no service worker: it would answer from the offline copy (docs/offline.md), which is what a
  // page over plain HTTP, or one whose copy the browser dropped, does not have
  const context = await browser.newContext({ ...DESKTOP, serviceWorkers: 'block' });
  const origin = new URL(app.url).origin;
  const net = await guardOrigin(context, origin);
  await keepStreams(context);
  const page = await openApp(context, app.url);
  // the module first (a fresh page has not imported it yet), then the wasm under a loaded module
  for (const missing of ['scan/barcode-detector/ponyfill.js', 'scan/zxing-wasm/zxing_reader.wasm']) {
    await page.route(`${origin}/${missing}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.evaluate((labels) => hearth.scanner.start(labels), LABELS);
    const end = await waitState(page, ['error', 'done', 'cancelled']);
    assert.equal(end.state, 'error', JSON.stringify(end));
    assert.equal(end.error.kind, 'no_detector', `${missing}: ${JSON.stringify(end.error)}`);
    assert.equal(await overlayShown(page), false);
    assert.equal(await liveTracks(page), 0, 'the camera is off');
    assert.equal(await page.evaluate(() => hearth.fatal), undefined, 'no page error screen');
    console.log(`# without ${missing}: ${end.error.kind} — ${end.error.detail}`);
    await page.unroute(`${origin}/${missing}`);
  }
  // the files are back: the next scan reads the card
  await page.evaluate((labels) => hearth.scanner.start(labels), LABELS);
  assert.equal((await waitState(page, ['done', 'error', 'cancelled'])).state, 'done');
  assert.equal(await page.evaluate(() => hearth.scanner.take()), CARD_TEXT);
  assert.deepEqual(net.foreign, [], 'no CDN was tried when our copy failed');
  // only the failures' own messages: the 404s and the wasm loader's complaint
  assert.deepEqual(page.errors.filter((e) => !/404|wasm|Aborted|ponyfill|fetch|ArrayBuffer instantiation/i.test(e)), []);
  await browser.close();
});
