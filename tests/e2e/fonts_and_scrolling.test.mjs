// Fonts: the app is usable before the full CJK font arrives, and rare characters in names
// render once it has. Scrolling: a long register moves by mouse wheel and by a dragging finger,
// and a drag is not mistaken for a tap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { serve, launch, openApp, find, items, frames, typeInto, nativeLedger, openWithLedger, residentId, DESKTOP, TABLET } from './lib/harness.mjs';

let app, browser;
const folders = [];
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); folders.forEach((d) => rmSync(d, { recursive: true, force: true })); });

const hasGlyph = (page, ch) => page.evaluate((cp) => Module._hearth_font_has_glyph(cp) === 1, ch.codePointAt(0));

test('the first frame comes with the common font; the full CJK font follows for rare name characters', async () => {
  const context = await browser.newContext(DESKTOP);
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route(/\/fonts\/cjk-full\.ttf(\?|$)/, async (route) => { await held; await route.continue(); });
  const page = await openApp(context, app.url);
  assert.equal(await page.evaluate(() => window.hearth.fullFont), false);
  assert.equal(await hasGlyph(page, '张'), true, 'common hanzi are in the first font');
  assert.equal(await hasGlyph(page, '堃'), false, '堃 (not in GB 2312) waits for the full font');
  await typeInto(page, '姓名', '王堃');  // typing works meanwhile
  release();
  await page.waitForFunction(() => window.hearth.fullFont === true, null, { timeout: 30000 });
  assert.equal(await hasGlyph(page, '堃'), true);
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, '王堃');
  await context.close();
});

// 40 workers written by the native tool, planted in this origin's IndexedDB.
function longLedger() {
  const surnames = [...'赵钱孙李周吴郑王'], given = [...'明华英芳军'];
  const people = Array.from({ length: 40 }, (_, i) =>
    [surnames[i % 8] + given[Math.floor(i / 8)], residentId('50015419900101' + String(100 + i)), `1380000${1000 + i}`, 500154002]);
  const ledger = nativeLedger(people);
  folders.push(ledger.dir);
  return ledger;
}

const firstRow = async (page) => (await items(page)).find((i) => i.kind === 'row');

let ledger;  // made once, by whichever test runs first
test('a long register scrolls with the mouse wheel', async () => {
  ledger ??= longLedger();
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger);
  await find(page, { role: 'count', label: '共 40 人' });
  const before = await firstRow(page);
  assert.match(before.label, /^王军 /, 'newest first');
  await page.mouse.move(before.x + 200, before.y + 100);
  await page.mouse.wheel(0, 600);
  await frames(page, 4);
  const after = await firstRow(page);
  assert.notEqual(after.label, before.label, 'the list moved');
  assert.ok((await items(page)).filter((i) => i.kind === 'row').length < 40, 'only visible rows are drawn');
  await context.close();
});

test('on a tablet a finger drag scrolls the list and does not select anything', async () => {
  ledger ??= longLedger();
  const context = await browser.newContext(TABLET);
  const page = await openWithLedger(context, app.url, ledger);
  const before = await firstRow(page);
  const focusedBefore = (await items(page)).filter((i) => i.focused).map((i) => i.label);
  assert.deepEqual(focusedBefore, ['姓名'], 'the form starts with the name field active');
  const cdp = await context.newCDPSession(page);
  const x = before.x + 150, y0 = before.y + 300;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  for (let k = 1; k <= 12; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 - k * 25 }] });
    await frames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page, 3);
  const after = await firstRow(page);
  assert.notEqual(after.label, before.label, 'the list followed the finger');
  // a tap on the list would have taken focus away from the form's active field
  assert.deepEqual((await items(page)).filter((i) => i.focused).map((i) => i.label), focusedBefore, 'the drag clicked nothing');
  await context.close();
});

test('an idle app draws at most 4 frames a second, and wakes at once on input', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await page.waitForFunction(() => window.hearth.fullFont === true, null, { timeout: 30000 });
  // let the wake-up budget run out: the full font (and before it the first-run screen's button)
  // woke the app for at most 30 frames, and an answer from storage adds at most 3. Counted, not
  // timed: those frames take 0.5 s at 60 fps but several seconds where software WebGL is slow.
  const woken = await page.evaluate(() => window.hearth.frame);
  await page.waitForFunction((n) => window.hearth.frame >= n, woken + 33, { timeout: 60000 });
  const idle = await page.evaluate(() => new Promise((resolve) => {
    const start = window.hearth.frame;
    setTimeout(() => resolve(window.hearth.frame - start), 2000);
  }));
  assert.ok(idle <= 10, `${idle} frames in 2 s while idle`);
  const before = await page.evaluate(() => window.hearth.frame);
  await typeInto(page, '姓名', '郑');  // waits for the frames that show it
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, '郑');
  assert.ok((await page.evaluate(() => window.hearth.frame)) > before);
  await context.close();
});
