// What a person sees when something is wrong: never a blank canvas, always a reason in their
// language; a refused write keeps what they typed so they can retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, find, click, typeInto, chooseTownship, storedEvents, screenshot, DESKTOP } from './lib/harness.mjs';

let app, browser;
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

async function errorScreen(context, init) {
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(app.url);
  await page.waitForFunction(() => window.hearth && window.hearth.fatal, null, { timeout: 30000 });
  return {
    page,
    kind: await page.evaluate(() => window.hearth.fatal.kind),
    title: await page.textContent('#fatal-title'),
    text: await page.textContent('#fatal-text'),
    visible: await page.isVisible('#fatal'),
    retry: await page.textContent('#fatal-retry'),
  };
}

test('while loading, the page shows progress in the chosen language, never a blank canvas', async () => {
  const context = await browser.newContext(DESKTOP);
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route(/\/hearth\.wasm(\?|$)/, async (route) => { await held; await route.continue(); });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.waitForSelector('#splash', { state: 'visible' });
  assert.equal(await page.textContent('#splash-text'), '正在加载家政通…');
  await page.waitForFunction(() => document.getElementById('bar-fill').style.width !== '', null, { timeout: 10000 });
  assert.match(await page.textContent('#splash-detail'), /MB/, 'bytes loaded are shown');
  assert.equal(await page.evaluate(() => window.hearth.ready), false);
  release();
  await page.waitForFunction(() => window.hearth.ready === true, null, { timeout: 30000 });
  assert.equal(await page.isVisible('#splash'), false, 'the splash gives way to the app');
  await context.close();
});

test('no WebAssembly: a translated explanation, not a blank page', async () => {
  const context = await browser.newContext(DESKTOP);
  const s = await errorScreen(context, () => { delete window.WebAssembly; });
  assert.equal(s.kind, 'no_wasm');
  assert.ok(s.visible);
  assert.equal(s.title, '家政通无法启动');
  assert.match(s.text, /不支持 WebAssembly/);
  assert.equal(s.retry, '重新加载');
  await s.page.screenshot({ path: 'tests/e2e/artifacts/error-no-wasm-zh.png' });
  await context.close();
});

test('no WebGL 2: the error screen says so, in English when that was chosen', async () => {
  const context = await browser.newContext(DESKTOP);
  const s = await errorScreen(context, () => {
    localStorage.setItem('hearth.language', 'en');
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === 'webgl2' ? null : real.call(this, type, ...rest); };
  });
  assert.equal(s.kind, 'no_webgl2');
  assert.equal(s.title, 'Hearth cannot start');
  assert.match(s.text, /does not support WebGL 2/);
  await context.close();
});

test('storage refused: the app says nothing could be saved instead of showing a form', async () => {
  const context = await browser.newContext(DESKTOP);
  const s = await errorScreen(context, () => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked by policy', 'SecurityError'); } });
  });
  assert.equal(s.kind, 'storage');
  assert.match(s.text, /不允许本站在本机保存数据/);
  await s.page.screenshot({ path: 'tests/e2e/artifacts/error-storage-zh.png' });
  await context.close();
});

test('a missing application file is reported with its name', async () => {
  const context = await browser.newContext(DESKTOP);
  await context.route(/\/hearth\.wasm(\?|$)/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const s = await errorScreen(context);
  assert.equal(s.kind, 'load');
  assert.match(s.text, /hearth\.wasm/);
  await context.close();
});

test('a write the browser refuses (storage full) is shown, the input kept, and a retry saves it', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  // the next IndexedDB write transaction aborts as a full disk would make it
  await page.evaluate(() => {
    const realAdd = IDBObjectStore.prototype.add;
    window.__failNextWrite = true;
    IDBObjectStore.prototype.add = function (...args) {
      if (window.__failNextWrite) {
        window.__failNextWrite = false;
        const tx = this.transaction;
        const req = realAdd.apply(this, args);
        queueMicrotask(() => { try { tx.abort(); } catch (e) { /* already done */ } });
        Object.defineProperty(tx, 'error', { get: () => new DOMException('quota exceeded', 'QuotaExceededError') });
        return req;
      }
      return realAdd.apply(this, args);
    };
  });
  await typeInto(page, '姓名', '钱七');
  await typeInto(page, '身份证号码', '500154199001011232');
  await typeInto(page, '手机号码', '13812345678');
  await chooseTownship(page, '文峰街道');
  await click(page, { label: '添加', kind: 'button' });
  const err = await find(page, { role: 'error', includes: '保存失败' });
  assert.match(err.label, /存储空间已满/);
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, '钱七', 'the typed name is still there');
  assert.deepEqual(await storedEvents(page), []);
  await screenshot(page, 'desktop-zh-write-refused.png');
  await click(page, { label: '添加', kind: 'button' });
  await find(page, { role: 'success', label: '已保存：钱七' });
  assert.deepEqual(await storedEvents(page), [1], 'the retry used the same sequence number');
  await context.close();
});
