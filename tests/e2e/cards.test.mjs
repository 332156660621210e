// The home-service card (持证上门) end to end in real headless Chromium: the district office's
// device (planted with the demo district, then given its key) records a new health check on a
// worker's profile and renews the worker's expired card there; the card shows a QR code signed
// by the district; the printable page carries the same code; the camera (Chromium's fake camera
// playing that page's QR code) scans it and the app says "valid" with what the card claims; a
// typed code with one character changed says "forged"; the card is revoked and the same code
// then says "revoked".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve, launchWithCamera, openWithLedger, demoLedger, find, click, typeInto, replaceText, screenshot, frames, DESKTOP } from './lib/harness.mjs';
import { writeY4m, rgbaFromPage } from './lib/fake_camera.mjs';

let app, browser, dir, camera;
before(async () => {
  app = await serve();
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-cards-'));
  camera = path.join(dir, 'card.y4m');
  // Chromium opens the camera's file when a page starts the camera, not at launch: the card's
  // picture is written there once the card exists
  browser = await launchWithCamera(camera);
});
after(async () => { await browser?.close(); await app?.close(); });

const store = (page) => page.evaluate(() => window.hearth.store && window.hearth.store.exchange);
async function until(page, predicate, what, timeout = 60000) {
  const start = Date.now();
  for (;;) {
    const ex = await store(page);
    if (ex && predicate(ex)) return ex;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}; exchange: ${JSON.stringify(ex)}`);
    await frames(page, 1);
  }
}
// Scrolls the area under the pointer until the item is on screen, as a person reading down would.
async function scrolledTo(page, q) {
  for (let i = 0; i < 30; i++) {
    const it = await find(page, q, { timeout: 500 }).catch(() => null);
    if (it) return it;
    await page.mouse.move(900, 500);
    await page.mouse.wheel(0, 240);
    await frames(page, 2);
  }
  return find(page, q);
}

test('a card is renewed on the profile, shown with its signed QR code, printed, scanned by the camera, forged and revoked', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, demoLedger({ divisor: 100 }));
  // the district office's key: it signs the cards
  await click(page, { kind: 'tab', label: '数据交换' });
  await click(page, { label: '区联席办' });
  await typeInto(page, '区联席办名称', '开州区家政服务业联席会议办公室');
  await typeInto(page, '口令', '区联席办的口令2026');
  await typeInto(page, '再输一遍口令', '区联席办的口令2026');
  await click(page, { kind: 'button', label: '创建本机密钥' });
  await until(page, (ex) => ex.hasKey && ex.unlocked && ex.enrolled, 'the key');

  // the newest card in the list: the demo district's cards have expired with their health checks
  await click(page, { kind: 'tab', label: '上门服务证' });
  const row = await find(page, { kind: 'row', includes: 'KZ' });
  await page.mouse.move(row.x + 20, row.y + row.h / 2);
  await frames(page, 2);
  await page.mouse.click(row.x + 20, row.y + row.h / 2);
  const name = (await find(page, { role: 'card-name' })).label;
  const number = row.label.split(' ')[0];
  assert.ok(row.label.endsWith(name), `the card shown is the row's (${row.label}, ${name})`);
  await find(page, { role: 'notice', includes: '到期' });

  // a new health check on the worker's profile, and the card is renewed there
  await click(page, { kind: 'button', label: '打开档案' });
  await scrolledTo(page, { kind: 'button', label: '记录健康体检' });
  await click(page, { kind: 'button', label: '记录健康体检' });
  await scrolledTo(page, { kind: 'input', label: '体检机构' });
  await typeInto(page, '体检机构', '开州区人民医院');
  await scrolledTo(page, { kind: 'combo', label: '体检类别' });
  await click(page, { kind: 'combo', label: '体检类别' });
  await click(page, { kind: 'option', label: '母婴照护服务员' });
  await scrolledTo(page, { kind: 'button', label: '保存体检结果' });
  await click(page, { kind: 'button', label: '保存体检结果' });
  await find(page, { role: 'success', label: '已记录健康体检。' });
  await scrolledTo(page, { kind: 'button', label: '换发上门服务证' });
  await click(page, { kind: 'button', label: '换发上门服务证' });
  const issued = await find(page, { role: 'success', includes: `已发证：证号 ${number}` });
  await click(page, { kind: 'button', label: '查看服务证' });
  await find(page, { kind: 'qr' });
  await find(page, { role: 'success', includes: '此证有效' });
  assert.equal((await find(page, { role: 'card-name' })).label, name);
  assert.ok(issued.label.includes('有效期至'));
  await screenshot(page, 'desktop-zh-card.png');

  // the printable page carries the QR code and the typed code
  const [tab] = await Promise.all([context.waitForEvent('page'), click(page, { kind: 'button', label: '打印服务证' })]);
  await tab.waitForLoadState();
  const typed = await tab.evaluate(() => document.getElementById('card-code').textContent);
  assert.match(typed, /^HJZ1: /);
  assert.ok((await tab.content()).includes(number), 'the page shows the card number');
  await tab.screenshot({ path: path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts', 'card-page-zh.png') });
  // the page's QR code, as the camera would see the printed card
  const picture = await rgbaFromPage(tab, '.qr svg', { scale: 2 });
  writeY4m(camera, picture.rgba, picture.width, picture.height, { frames: 20 });
  await tab.close();

  // scanned with the camera: valid, and what the card claims
  await click(page, { kind: 'button', label: '扫码核验' });
  await find(page, { role: 'card-status', label: 'card.status.valid' }, { timeout: 60000 });
  assert.equal((await find(page, { role: 'claim', field: '姓名' })).label, name);
  assert.equal((await find(page, { role: 'claim', field: '证号' })).label, number);
  const detector = await page.evaluate(() => window.hearth.scanner.detector());
  assert.ok(['native', 'polyfill'].includes(detector));
  await screenshot(page, 'desktop-zh-card-scanned.png');

  // the typed code with one character changed: forged
  // (the first character of a Base45 triple, moved to its neighbour: still Base45, one byte different)
  const raw = typed.replace(/^HJZ1:\s*/, '').replace(/ /g, '').replace(/_/g, ' ');
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const k = 3 * Math.floor(raw.length / 6);
  const altered = raw.slice(0, k) + alphabet[(alphabet.indexOf(raw[k]) + 1) % 45] + raw.slice(k + 1);
  await replaceText(page, '证码', 'HJZ1:' + altered);
  await click(page, { kind: 'button', label: '核验' });
  await find(page, { role: 'card-status', label: 'card.status.forged' });
  // the code as printed, typed in lower case: valid
  await replaceText(page, '证码', typed.toLowerCase());
  await click(page, { kind: 'button', label: '核验' });
  await find(page, { role: 'card-status', label: 'card.status.valid' });

  // revoked: a reason is required, then the same code says revoked
  await click(page, { kind: 'button', label: '吊销此证' });
  await scrolledTo(page, { kind: 'button', label: '确认吊销' });
  await click(page, { kind: 'button', label: '确认吊销' });
  await find(page, { role: 'error', label: '请填写吊销原因（核验此证时会显示）。' });
  await scrolledTo(page, { kind: 'input', label: '吊销原因' });
  await typeInto(page, '吊销原因', '健康证明失效');
  await scrolledTo(page, { kind: 'button', label: '确认吊销' });
  await click(page, { kind: 'button', label: '确认吊销' });
  await find(page, { role: 'success', includes: '吊销记录会随数据包送达' });
  await click(page, { kind: 'button', label: '核验' });
  await find(page, { role: 'card-status', label: 'card.status.revoked' });
  await find(page, { includes: '健康证明失效', role: 'error' });
  await screenshot(page, 'desktop-zh-card-revoked.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});
