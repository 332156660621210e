// The first run in real headless Chromium: a fresh device asks who uses it, refuses a bad
// passphrase at its field, makes the key and keeps the unit for enrolment; or loads the demo
// district, which survives a reload and can never be exported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, find, absent, click, tap, typeInto, replaceText, screenshot, frames, waitReady, storedEvents,
         DESKTOP, TABLET } from './lib/harness.mjs';

let app, browser;
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

test('a township device is set up: role, unit, passphrase checked at its field, then the key', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url, { keepSetup: true });
  await find(page, { role: 'setup', label: '欢迎使用家政通' });
  await screenshot(page, 'desktop-zh-first-run.png');
  await click(page, { kind: 'radio', label: '镇乡街道' });
  await click(page, { kind: 'combo', label: '所在镇乡街道' });
  await typeInto(page, '输入名称筛选，如“汉丰”', '渠口');
  await click(page, { kind: 'option', label: '渠口镇' });
  await typeInto(page, '本设备名称', '渠口镇 1 号平板');
  await typeInto(page, '设置口令', 'short');
  await typeInto(page, '再输入一次口令', 'short');
  await click(page, { kind: 'button', label: '完成设置' });
  const error = await find(page, { role: 'error', field: 'passphrase' });
  assert.match(error.label, /8/);
  assert.equal((await find(page, { label: '本设备名称', kind: 'input' })).value, '渠口镇 1 号平板', 'what was typed is kept');
  // a good passphrase (typed again over the short one)
  for (const label of ['设置口令', '再输入一次口令']) {
    await replaceText(page, label, '渠口镇口令2026', { password: true });
  }
  await click(page, { kind: 'button', label: '完成设置' });
  await page.waitForFunction(() => !(window.hearth.items || []).some((i) => i.role === 'setup'), null, { timeout: 120000 });
  // the unit waits in the enrolment request, typed once
  await click(page, { kind: 'tab', label: '数据交换' });
  assert.equal((await find(page, { label: '本设备名称', kind: 'input' }).catch(() => find(page, { includes: '设备名称', kind: 'input' }))).value,
    '渠口镇 1 号平板');
  // a township reports progress on measure 10 (its list ends in 等), as 有关镇乡街道 only
  await click(page, { kind: 'tab', label: '重点举措' });
  await typeInto(page, '搜索', '社区家政服务');
  const row = await find(page, { kind: 'row', includes: '支持开展社区家政服务' });
  await page.mouse.move(row.x + row.w / 4, row.y + row.h / 2);
  await frames(page, 3);
  await page.mouse.click(row.x + row.w / 4, row.y + row.h / 2);
  await frames(page, 3);
  assert.equal((await find(page, { kind: 'combo', label: '报告单位' }).catch(() => null))?.value ?? '有关镇乡街道', '有关镇乡街道');
  await typeInto(page, '进展情况', '渠口镇两个社区已设家政服务网点');
  await click(page, { kind: 'button', label: '提交进展报告' });
  await find(page, { role: 'success', label: '已保存第 10 项措施的进展报告。' });
  await find(page, { role: 'report', includes: '有关镇乡街道' });
  await screenshot(page, 'desktop-zh-township-measure-report.png');

  // after a reload the device is set up: no first-run screen
  await page.reload();
  await waitReady(page, { keepSetup: true });
  await frames(page, 3);
  assert.ok(await absent(page, { role: 'setup' }));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the demo district loads on a tablet, survives a reload, and says it is a demo', async () => {
  const context = await browser.newContext(TABLET);
  const page = await openApp(context, app.url, { keepSetup: true });
  await find(page, { role: 'setup' });
  await tap(page, { kind: 'button', label: '载入演示数据' });
  await page.waitForFunction(() => !(window.hearth.items || []).some((i) => i.role === 'setup' || i.role === 'loading'), null, { timeout: 180000 });
  await find(page, { role: 'notice', includes: '演示数据' }, { timeout: 60000 });
  const events = await page.evaluate(() => window.hearth.store.lastSeq);
  assert.ok(events > 60000, `the demo district is stored (${events} events)`);
  await tap(page, { kind: 'tab', label: '从业人员登记' });
  await find(page, { kind: 'row' });
  await screenshot(page, 'tablet-zh-demo-workers.png');
  await page.reload();
  await waitReady(page, { keepSetup: true });
  assert.equal(await page.evaluate(() => window.hearth.store.lastSeq), events);
  assert.ok(await absent(page, { role: 'setup' }));
  await find(page, { role: 'notice', includes: '演示数据' });
  // every touch target in the navigation is at least 44 CSS px high
  const tabs = (await page.evaluate(() => window.hearth.items)).filter((i) => i.kind === 'tab');
  assert.ok(tabs.length >= 10);
  for (const t of tabs) assert.ok(t.h >= 44, `${t.label} is ${t.h} px high`);
  assert.deepEqual(page.errors, []);
  await context.close();
});
