// The worker register end to end, in real headless Chromium: typing Chinese, saving durably to
// IndexedDB, surviving a reload, refusing bad input at the field, switching language, touch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, find, absent, items, click, tap, typeInto, replaceText, chooseTownship, storedEvents, screenshot, frames, waitReady,
         DESKTOP, TABLET } from './lib/harness.mjs';

// valid numbers (GB 11643 check characters computed by hand and by the core's tests)
const ZHANG_SAN = { name: '张三', id: '500154199001011232', mobile: '13812345678', township: '汉丰街道' };
const LI_SI = { name: '李四', id: '11010519491231002X', mobile: '139 8765 4321', township: '汉丰街道' };

let app, browser;
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

async function register(page, w, opts = {}) {
  await typeInto(page, '姓名', w.name, opts);
  await typeInto(page, '身份证号码', w.id, opts);
  await typeInto(page, '手机号码', w.mobile, opts);
  await chooseTownship(page, w.township, opts);
  await (opts.touch ? tap : click)(page, { label: '添加', kind: 'button' });
}

test('a worker typed in Chinese is saved, listed with a masked ID, and still there after a reload', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await find(page, { includes: '还没有登记的从业人员' });
  await register(page, ZHANG_SAN);
  await find(page, { role: 'success', label: '已保存：张三' });
  const row = await find(page, { kind: 'row', includes: '张三' });
  assert.equal(row.label, '张三 500154********1232 13812345678 汉丰街道 家政服务员 —');  // occupation, employer (none yet)
  assert.deepEqual(await storedEvents(page), [1], 'one event durably in IndexedDB');
  // the form is ready for the next person: cleared, township kept
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, undefined);
  await screenshot(page, 'desktop-zh-after-save.png');

  await page.reload();
  await waitReady(page);
  const again = await find(page, { kind: 'row', includes: '张三' });
  assert.equal(again.label, row.label);
  await find(page, { role: 'count', label: '共 1 人' });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an invalid ID number is shown at its field, in Chinese, and nothing is saved', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await register(page, { ...ZHANG_SAN, id: '500154199902301232' });  // 30 February
  const error = await find(page, { role: 'error', field: 'resident_id' });
  assert.equal(error.label, '身份证号码中的出生日期 19990230 不是真实存在的日期，请核对。');
  // what was typed stays on screen, nothing reached storage, nothing was listed
  assert.equal((await find(page, { label: '身份证号码', kind: 'input' })).value, '500154199902301232');
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, '张三');
  assert.deepEqual(await storedEvents(page), []);
  assert.ok(await absent(page, { kind: 'row' }));
  await screenshot(page, 'desktop-zh-invalid-id.png');

  // a wrong check digit and a short mobile number: both reported at once
  await click(page, { label: '清空', kind: 'button' });
  await register(page, { ...ZHANG_SAN, id: '500154199001011234', mobile: '1381234' });
  assert.match((await find(page, { role: 'error', field: 'resident_id' })).label, /校验位不符/);
  assert.equal((await find(page, { role: 'error', field: 'mobile' })).label, '手机号码应为 11 位，现在是 7 位。');
  assert.deepEqual(await storedEvents(page), []);

  // correcting a field clears its error at once; with both corrected the save goes through
  await replaceText(page, '身份证号码', ZHANG_SAN.id);
  assert.ok(await absent(page, { role: 'error', field: 'resident_id' }));
  await find(page, { role: 'error', field: 'mobile' });
  await replaceText(page, '手机号码', ZHANG_SAN.mobile);
  await click(page, { label: '添加', kind: 'button' });
  await find(page, { role: 'success', label: '已保存：张三' });
  assert.deepEqual(await storedEvents(page), [1]);
  await context.close();
});

test('switching to English changes every label, and the choice is remembered', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await click(page, { label: 'English', kind: 'button' });
  await find(page, { role: 'title', label: 'Hearth · Kaizhou Housekeeping Services' });
  await find(page, { kind: 'tab', label: 'Worker register' });
  await find(page, { kind: 'input', label: 'Resident ID number' });
  await click(page, { label: 'Add', kind: 'button' });
  assert.equal((await find(page, { role: 'error', field: 'name' })).label, 'Enter the name.');
  await screenshot(page, 'desktop-en-empty-form.png');
  await page.reload();
  await waitReady(page);
  await find(page, { kind: 'button', label: '中文' });
  await click(page, { label: '中文', kind: 'button' });
  await find(page, { kind: 'tab', label: '从业人员登记' });
  await context.close();
});

test('search as you type by name, ID digits or phone', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await register(page, ZHANG_SAN);
  await find(page, { role: 'success', label: '已保存：张三' });
  await register(page, LI_SI);
  await find(page, { role: 'success', label: '已保存：李四' });
  await typeInto(page, '搜索', '李');
  await find(page, { role: 'count', label: '显示 1 条，共 2 条' });
  assert.ok(await absent(page, { kind: 'row', includes: '张三' }));
  await find(page, { kind: 'row', includes: '110105********002X' });
  await page.keyboard.press('Backspace');
  await typeInto(page, '搜索', '1232');
  await find(page, { kind: 'row', includes: '张三' });
  assert.ok(await absent(page, { kind: 'row', includes: '李四' }));
  await context.close();
});

test('text composed with an input method arrives whole, and composition keys do not leak', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await click(page, { label: '姓名', kind: 'input' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'wang', selectionStart: 4, selectionEnd: 4 });
  await frames(page, 2);
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, undefined, 'pre-edit text is not typed into the field');
  await cdp.send('Input.insertText', { text: '王五' });
  await frames(page, 2);
  assert.equal((await find(page, { label: '姓名', kind: 'input' })).value, '王五');
  await context.close();
});

test('on a 10-inch tablet (1280×800, DPR 2) everything works by touch and the text is sharp', async () => {
  const context = await browser.newContext(TABLET);
  const page = await openApp(context, app.url);
  const canvas = await page.evaluate(() => ({ w: Module.canvas.width, h: Module.canvas.height, dpr: devicePixelRatio }));
  assert.deepEqual(canvas, { w: 2560, h: 1600, dpr: 2 }, 'the canvas backing store is in device pixels');
  const add = await find(page, { label: '添加', kind: 'button' });
  assert.ok(add.h >= 36, `the Add button is finger-sized (${add.h} CSS px high)`);
  await register(page, { ...ZHANG_SAN, name: '赵六' }, { touch: true });
  await find(page, { role: 'success', label: '已保存：赵六' });
  await find(page, { kind: 'row', includes: '赵六' });
  await screenshot(page, 'tablet-zh-after-save.png');
  await context.close();
});

test('the township chooser is grouped by kind and filters as you type', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  await click(page, { kind: 'combo' });
  await find(page, { kind: 'option', label: '汉丰街道' });
  await typeInto(page, '输入名称筛选，如“汉丰”', '白');
  await find(page, { kind: 'option', label: '白桥镇' });
  assert.ok(await absent(page, { kind: 'option', label: '汉丰街道' }), 'filtered out');
  const options = (await items(page)).filter((i) => i.kind === 'option').map((i) => i.label);
  assert.deepEqual(options, ['白鹤街道', '白桥镇']);
  await click(page, { kind: 'option', label: '白桥镇' });
  assert.equal((await find(page, { kind: 'combo' })).value, '白桥镇');
  await context.close();
});
