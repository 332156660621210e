// The registers end to end, in real headless Chromium: an enterprise registered, given an
// employee and a consumer contract through the forms, and its 员工制 test read on screen
// criterion by criterion (exactly one fails: training); the worker register exported as CSV
// and its bytes checked; a worker's profile opened from the table; screenshots of the
// enterprise list and detail and of a profile in Chinese and English, desktop and tablet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve, launch, openApp, openWithLedger, demoLedger, find, items, click, tap, typeInto, replaceText, frames, screenshot, DESKTOP, TABLET }
  from './lib/harness.mjs';

let app, browser, demo;
const downloads = mkdtempSync(path.join(tmpdir(), 'hearth-registers-'));
before(async () => { app = await serve(); browser = await launch(); demo = demoLedger({ divisor: 100 }); });
after(async () => { await browser?.close(); await app?.close(); });

// ---- helpers --------------------------------------------------------------------------------

// A date n days before the district's today (China time), as the forms take it.
const daysAgo = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);

// GB 32100 unified social credit code: 17 characters and their check character.
function creditCode(first17) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i]) * weights[i];
  return first17 + chars[(31 - (sum % 31)) % 31];
}

// The first-run screen, if still up, passed with "set up later" (scrolled to when below the fold).
async function passSetup(page) {
  for (let i = 0; i < 12; i++) {
    const all = await items(page);
    const later = all.find((x) => x.kind === 'button' && ['以后再设置', 'Set up later'].includes(x.label));
    if (later) { await click(page, { kind: 'button', label: later.label }); await frames(page, 2); return; }
    if (!all.some((x) => ['欢迎使用家政通', 'Welcome to Hearth'].includes(x.label))) return;
    await page.mouse.move(640, 500);
    await page.mouse.wheel(0, 400);
    await frames(page, 3);
  }
}
async function open(context, ledger) {
  const page = ledger ? await openWithLedger(context, app.url, ledger) : await openApp(context, app.url);
  await passSetup(page);
  return page;
}

// What is on screen now that matches q (as find takes it; `role` may also be a list): no waiting.
async function shown(page, q) {
  return (await items(page)).find((it) => (q.label === undefined || it.label === q.label) &&
    (q.includes === undefined || it.label.includes(q.includes)) && (q.kind === undefined || it.kind === q.kind) &&
    (q.role === undefined || [].concat(q.role).includes(it.role)) && (q.field === undefined || it.field === q.field)) || null;
}
// An item outside a scrolling panel's view: the panel under `at` is wheeled to its top, then
// down until the item shows. Each position is looked at once, after the frames that draw it:
// no time is spent waiting at a position for an item that is further down. `wait`: how long an
// outcome still on its way (a save's message) may take to appear before scrolling; `optional`:
// null instead of an error when the page has no such item.
async function reach(page, q, at = { x: 800, y: 500 }, step = 300, { wait = 0, optional = false } = {}) {
  let it = wait ? await find(page, q, { timeout: wait }).catch(() => null) : await shown(page, q);
  if (it) return it;
  await top(page, at);
  for (let i = 0; i < 15; i++) {
    if ((it = await shown(page, q))) return it;
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, step);
    await frames(page, 3);
  }
  if (optional) return shown(page, q);
  for (const end = Date.now() + 15000; Date.now() < end; await frames(page, 1)) if ((it = await shown(page, q))) return it;
  const seen = (await items(page)).map((i) => `${i.kind}:${i.label}`).join(' | ');
  throw new Error(`no item ${JSON.stringify(q)} on screen; seen: ${seen}`);
}
// Back to the top of a panel.
async function top(page, at) {
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -2000);
  await frames(page, 3);
}
// A table row, pressed near its left end (its centre may sit on a column border, which resizes).
async function pressRow(page, q, touch = false) {
  const row = await find(page, { kind: 'row', ...q });
  const x = row.x + 20, y = row.y + row.h / 2;
  if (touch) await page.touchscreen.tap(x, y);
  else { await page.mouse.move(x, y); await frames(page, 1); await page.mouse.click(x, y); }
  await frames(page, 3);
  return row;
}
// A combo by its label, then one of its options.
async function choose(page, label, option, at) {
  if (at) await reach(page, { kind: 'combo', label }, at);
  await click(page, { kind: 'combo', label });
  await click(page, { kind: 'option', ...option });
}
// A record picker: open it, type part of the name, choose the match.
async function pick(page, label, typed, at) {
  if (at) await reach(page, { kind: 'combo', label }, at);
  await click(page, { kind: 'combo', label });
  await typeInto(page, '输入名称或编号查找', typed);
  await click(page, { kind: 'option', includes: typed });
}
async function fill(page, label, text, at) {
  if (at) await reach(page, { kind: 'input', label }, at);
  await typeInto(page, label, text);
}
// Every item matching `pred` seen while the panel under `at` is scrolled through.
async function collect(page, pred, at, steps = 8) {
  const seen = new Map();
  for (let i = 0; i < steps; i++) {
    for (const it of await items(page)) if (pred(it)) seen.set(it.role + '|' + it.label, it);
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, 250);
    await frames(page, 3);
  }
  return [...seen.values()];
}

const FORM = { x: 400, y: 560 };    // the registration form's panel (left)
const PAGE = { x: 800, y: 560 };    // a record's page, or the table (right)
const ENTERPRISE = { code: creditCode('91500154MA5U7X3C0'), name: '开州区安康家政服务有限公司', rep: '李四', mobile: '13900001111',
                     address: '汉丰街道滨湖路1号' };
const WORKER = { name: '张三', id: '500154199001011232', mobile: '13812345678' };

// ---- (a) the 员工制 test, criterion by criterion -------------------------------------------------

test('an enterprise that trains no one fails exactly that 员工制 criterion, and the page says which and why', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await open(context);

  // a worker
  await click(page, { kind: 'tab', label: '从业人员登记' });
  await typeInto(page, '姓名', WORKER.name);
  await typeInto(page, '身份证号码', WORKER.id);
  await typeInto(page, '手机号码', WORKER.mobile);
  await choose(page, '户籍镇乡街道', { label: '汉丰街道' });
  await click(page, { kind: 'button', label: '添加' });
  await find(page, { role: 'success', label: '已保存：张三' });

  // the enterprise: a refused save keeps what was typed and names the field
  await click(page, { kind: 'tab', label: '家政企业' });
  await find(page, { includes: '还没有登记的家政企业' });
  await fill(page, '统一社会信用代码', ENTERPRISE.code.slice(0, 17) + (ENTERPRISE.code[17] === '0' ? '1' : '0'));
  await fill(page, '企业名称', ENTERPRISE.name);
  await fill(page, '法定代表人', ENTERPRISE.rep);
  await fill(page, '联系电话', ENTERPRISE.mobile);
  await fill(page, '经营地址', ENTERPRISE.address);
  await choose(page, '所在镇乡街道', { label: '汉丰街道' }, FORM);
  await click(page, await reach(page, { kind: 'button', label: '登记' }, FORM));
  await top(page, FORM);
  assert.match((await find(page, { role: 'error', field: 'credit_code' })).label, /校验位不符/);
  assert.equal((await find(page, { kind: 'input', label: '企业名称' })).value, ENTERPRISE.name);  // nothing typed is lost
  await reach(page, { role: 'error', field: 'services' }, FORM);
  await top(page, FORM);
  await replaceText(page, '统一社会信用代码', ENTERPRISE.code);
  await click(page, await reach(page, { kind: 'checkbox', label: '家政' }, FORM));
  await click(page, await reach(page, { kind: 'button', label: '登记' }, FORM));
  await reach(page, { role: 'success', label: '已保存：' + ENTERPRISE.name }, FORM, 300, { wait: 1500 });
  await pressRow(page, { includes: ENTERPRISE.name });
  await find(page, { role: 'detail_title', label: ENTERPRISE.name });

  // an employee on a labour contract with insurance, above the minimum wage, hired 60 days ago
  await pick(page, '从业人员', '张三', PAGE);
  await fill(page, '入职日期', daysAgo(60), PAGE);
  await fill(page, '月工资（元）', '2500', PAGE);
  await choose(page, '社会保险', { label: '城镇职工社会保险' }, PAGE);
  await click(page, await reach(page, { kind: 'button', label: '登记入职' }, PAGE));
  await reach(page, { role: 'success', label: '已登记入职：张三' }, PAGE, 300, { wait: 1500 });

  // a consumer contract, served by that employee, signed 30 days ago
  await click(page, { kind: 'tab', label: '服务合同' });
  await find(page, { includes: '还没有登记的服务合同' });
  await top(page, FORM);
  await pick(page, '家政企业', '安康', FORM);
  await pick(page, '服务人员', '张三', FORM);
  await fill(page, '消费者姓名', '王五', FORM);
  await fill(page, '消费者电话', '13700001234', FORM);
  await choose(page, '服务地点（镇乡街道）', { label: '汉丰街道' }, FORM);
  await choose(page, '合同示范文本', { label: '2020版' }, FORM);
  await fill(page, '签订日期', daysAgo(30), FORM);
  await fill(page, '服务开始日期', daysAgo(29), FORM);
  await fill(page, '服务结束日期', daysAgo(-300), FORM);
  await fill(page, '每月休息天数', '4', FORM);
  await fill(page, '月服务费（元）', '4800', FORM);
  await click(page, await reach(page, { kind: 'button', label: '登记合同' }, FORM));
  await reach(page, { role: 'success', label: '已保存：与 王五 签订的合同' }, FORM, 300, { wait: 1500 });
  const contract = await pressRow(page, { includes: '王五' });
  assert.match(contract.label, new RegExp(`^${daysAgo(30)} ${ENTERPRISE.name} 张三 王五 汉丰街道 `));
  await click(page, { kind: 'button', label: '查看家政企业' });

  // the enterprise's page: four criteria held, one failed — training — naming the employee
  await find(page, { role: 'detail_title', label: ENTERPRISE.name });
  await find(page, { includes: '不符合 1 项' }, { timeout: 5000 }).catch(() => null);
  await reach(page, { role: 'criterion_failed' }, PAGE, 200);
  await screenshot(page, 'registers-enterprise-detail-zh-desktop.png');
  const criteria = await collect(page, (it) => it.role?.startsWith('criterion_') || it.role === 'evidence_failed', PAGE);
  const failed = criteria.filter((c) => c.role === 'criterion_failed').map((c) => c.label);
  const held = criteria.filter((c) => c.role === 'criterion_held').map((c) => c.label);
  assert.deepEqual(failed, ['对服务人员持续培训管理：近 365 天内培训合格（0/1 人）']);
  assert.deepEqual(held.sort(), [
    '与员工签订劳动合同或服务协议并缴纳社会保险（1/1 人）',
    '直接与消费者（客户）签订服务合同（近 365 天内 1 份）',
    '直接支付或代发不低于最低工资标准（1700.00 元/月）的劳动报酬（1/1 人）',
    '统一安排本企业员工提供服务（1/1 份合同）',
  ].sort());
  const evidence = criteria.filter((c) => c.role === 'evidence_failed').map((c) => c.label);
  assert.deepEqual(evidence, [`· 张三（${ENTERPRISE.name}）：劳动合同，${daysAgo(60)} 入职，月工资 2500.00 元，城镇职工社会保险，企业直接支付`]);

  // the same page in English
  await top(page, PAGE);
  await click(page, { kind: 'button', label: 'English' });
  await reach(page, { role: 'criterion_failed' }, PAGE, 200);
  const english = await collect(page, (it) => it.role === 'criterion_failed', PAGE, 3);
  assert.equal(english.length, 1);
  assert.match(english[0].label, /train/i);
  await top(page, PAGE);
  await screenshot(page, 'registers-enterprise-detail-en-desktop.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---- (b) the worker register as CSV ----------------------------------------------------------------

test('the worker register exports as CSV for Excel: BOM, header, rows as shown, CRLF, full IDs at the district', async () => {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await open(context, demo);
  await click(page, { kind: 'tab', label: '从业人员登记' });
  const count = await find(page, { role: 'count', includes: '共 ' });
  const total = Number(/(\d+)/.exec(count.label)[1]);
  assert.ok(total > 100, count.label);
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, { kind: 'button', label: '导出 CSV' })]);
  assert.match(download.suggestedFilename(), /^从业人员名册-\d{8}\.csv$/);
  const file = path.join(downloads, 'all.csv');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(text), 'every line ends CRLF');
  const lines = text.split('\r\n').slice(0, -1);
  assert.equal(lines[0], '姓名,身份证号码,性别,出生日期,手机号码,镇乡街道,工种,技能等级,在职企业,登记日期');
  assert.equal(lines.length, total + 1);
  // a device without a key is the district office's (as the demo): full ID numbers in the file
  assert.match(lines[1], /^[^,]+,\d{17}[\dX],[男女],\d{4}-\d{2}-\d{2},1\d{10},[^,]+,[^,]+,[^,]+,[^,]+,\d{4}-\d{2}-\d{2}$/);

  // the file is what is shown: a township filter and a search narrow it the same way
  await click(page, { kind: 'combo', label: '镇乡街道' });
  await find(page, { kind: 'option' });  // the list is open (it may take a frame to be published)
  const township = (await items(page)).filter((i) => i.kind === 'option')[1].label;  // the first after "all"
  await click(page, { kind: 'option', label: township });
  const shown = Number(/显示 (\d+) 条/.exec((await find(page, { role: 'count', includes: '显示' })).label)[1]);
  const [narrow] = await Promise.all([page.waitForEvent('download'), click(page, { kind: 'button', label: '导出 CSV' })]);
  await narrow.saveAs(path.join(downloads, 'hanfeng.csv'));
  const rows = readFileSync(path.join(downloads, 'hanfeng.csv')).subarray(3).toString('utf8').split('\r\n').slice(1, -1);
  assert.equal(rows.length, shown);
  assert.ok(rows.every((r) => r.split(',')[5] === township));
  await context.close();
});

// ---- (c) a worker's profile from the table, and the screenshots ---------------------------------

for (const [device, options] of [['desktop', DESKTOP], ['tablet', TABLET]]) {
  test(`${device}: enterprise list and detail, a worker's profile from the table, in Chinese and English`, async () => {
    const context = await browser.newContext(options);
    const page = await open(context, demo);
    const touch = device === 'tablet';
    const press = touch ? tap : click;
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') await press(page, { kind: 'button', label: 'English' });
      const t = lang === 'zh'
        ? { enterprises: '家政企业', workers: '从业人员登记', sex: '性别', back: '← 返回从业人员名册', eb: '员工制' }
        : { enterprises: 'Enterprises', workers: 'Worker register', sex: 'Sex', back: '← Back to the worker register', eb: 'Emp.-based' };
      await press(page, { kind: 'tab', label: t.enterprises });
      await find(page, { kind: 'combo', label: t.eb });  // the 员工制 column is a filter
      await screenshot(page, `registers-enterprises-list-${lang}-${device}.png`);
      const ent = (await items(page)).find((i) => i.kind === 'row');
      await pressRow(page, { label: ent.label }, touch);
      await find(page, { role: 'detail_title' });
      await reach(page, { role: ['criterion_held', 'criterion_failed'] }, PAGE, 200);
      await screenshot(page, `registers-enterprise-detail-demo-${lang}-${device}.png`);
      await top(page, PAGE);
      await press(page, { kind: 'button', label: lang === 'zh' ? '← 返回企业名册' : '← Back to the enterprise register' });

      await press(page, { kind: 'tab', label: t.workers });
      const row = (await items(page)).find((i) => i.kind === 'row');
      const name = row.label.split(' ')[0];
      await pressRow(page, { label: row.label }, touch);
      await find(page, { role: 'profile', label: name });
      await find(page, { role: 'detail', includes: t.sex });
      await screenshot(page, `registers-worker-profile-${lang}-${device}.png`);
      await reach(page, { role: 'history' }, PAGE, 400, { optional: true });
      await screenshot(page, `registers-worker-profile-lower-${lang}-${device}.png`);
      await top(page, PAGE);
      await press(page, { kind: 'button', label: t.back });
      await find(page, { kind: 'row' });
      const raw = (await items(page)).filter((i) => /^(workers|enterprises|registers|points|contracts)\./.test(i.label));
      assert.deepEqual(raw, [], 'no catalog key shows untranslated');
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}
