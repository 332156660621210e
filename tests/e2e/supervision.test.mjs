// Supervision end to end, in real headless Chromium, on the planted demo district: a credit
// event brings an enterprise to 90 points (grade A, one upheld complaint away from B); a
// complaint against it is received through the real form, mediated, and closed as upheld —
// the grade change A → B is on screen BEFORE the closing is confirmed, nothing is stored
// until then, and afterwards the credit register and the grade's explanation show B with the
// complaint's line, which opens the complaint again. Screenshots of every sub-tab in Chinese
// and English, desktop and tablet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, find, items, click, tap, typeInto, screenshot, frames, storedEvents, openWithLedger, demoLedger,
         DESKTOP, TABLET } from './lib/harness.mjs';

let app, browser, demo;  // the demo district, written once by the native tool; each test plants it in a fresh context
before(async () => { app = await serve(); browser = await launch(); demo = demoLedger({ divisor: 100 }); });
after(async () => { await browser?.close(); await app?.close(); });

// Scrolls with the mouse wheel over the panel at `x` (a fraction of the width) until the item is
// on screen and not under the bottom edge; `up` scrolls back towards the top.
async function reach(page, q, x = 0.5, up = false) {
  const vp = page.viewportSize();
  for (let i = 0; i < 15; i++) {
    const it = (await items(page)).find((it) => (q.label === undefined || it.label === q.label) &&
      (q.includes === undefined || it.label.includes(q.includes)) && (q.kind === undefined || it.kind === q.kind) &&
      (q.role === undefined || it.role === q.role));
    if (it && it.y >= 0 && it.y + it.h <= vp.height) return it;
    await page.mouse.move(vp.width * x, vp.height * 0.6);
    await page.mouse.wheel(0, (it && it.y < 0) || (!it && up) ? -250 : 250);
    await frames(page, 3);
  }
  return find(page, q);
}
async function press(page, q, { touch = false, x = 0.5 } = {}) {
  await reach(page, q, x);
  return (touch ? tap : click)(page, q);
}
async function typeAt(page, label, text, x) {
  await reach(page, { label, kind: 'input' }, x);
  await typeInto(page, label, text);
}
async function choose(page, combo, option, x, touch = false) {
  await press(page, { kind: 'combo', label: combo }, { x, touch });
  await (touch ? tap : click)(page, { kind: 'option', ...option });
}

const LEFT = 0.2, RIGHT = 0.8;

// A table row, pressed near its left end: its centre may fall on a column's resize border.
async function pressRow(page, q, touch = false) {
  const it = await find(page, { kind: 'row', ...q });
  const x = it.x + 12, y = it.y + it.h / 2;
  if (touch) await page.touchscreen.tap(x, y);
  else { await page.mouse.move(x, y); await frames(page, 1); await page.mouse.click(x, y); }
  await frames(page, 2);
}

test('a complaint closed as upheld shows the grade change before it is confirmed, then the register shows it', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, demo);
  await click(page, { kind: 'tab', label: '投诉与信用监管' });
  await click(page, { kind: 'tab', label: '信用评价' });

  // an enterprise with a clean record today (the demo's events are years old: outside the window)
  await choose(page, '类别', { label: '企业' });
  const first = await find(page, { kind: 'row', includes: ' 企业 ' });
  const name = first.label.split(' ')[0];
  assert.match(first.label, / 100 A /, `a clean enterprise first: ${first.label}`);
  await pressRow(page, { includes: name });
  await find(page, { role: 'grade', label: '信用等级 A（100 分）' });
  await screenshot(page, 'supervision-desktop-zh-credit.png');

  // a minor violation (−10): 90 points, still A
  await choose(page, '记录类型', { label: '违法违规' }, RIGHT);
  assert.equal((await find(page, { kind: 'combo', label: '等级' })).value, '一般违规');
  await typeAt(page, '说明', '未公示收费标准', RIGHT);
  await press(page, { kind: 'button', label: '登记信用记录' }, { x: RIGHT });
  await reach(page, { role: 'success', label: '信用记录已登记，信用分已重新计算。' }, RIGHT);
  await reach(page, { role: 'grade', label: '信用等级 A（90 分）' }, RIGHT, true);

  // receive a complaint against it through the form
  await click(page, { kind: 'tab', label: '投诉与调解' });
  await click(page, { kind: 'button', label: '受理新投诉' });
  await typeAt(page, '投诉人', '周女士', LEFT);
  await typeAt(page, '投诉人手机号', '13800001234', LEFT);
  await press(page, { kind: 'combo', label: '被投诉企业' }, { x: LEFT });
  await typeInto(page, '输入名称或编号查找', name);
  await click(page, { kind: 'option', includes: name });
  assert.equal((await find(page, { kind: 'combo', label: '被投诉企业' })).value, name);
  await choose(page, '发生地（镇乡街道）', { label: '汉丰街道' }, LEFT);
  await typeAt(page, '投诉事实', '约定上午九点上门保洁，服务人员迟到三小时且未提前告知。', LEFT);
  const stored = (await storedEvents(page)).length;
  await press(page, { kind: 'button', label: '受理登记' }, { x: LEFT });
  // its page opens: mediation comes next
  await find(page, { role: 'heading', label: `投诉：${name}` });
  assert.equal((await storedEvents(page)).length, stored + 1);

  await typeAt(page, '调解情况', '电话调解，企业承认迟到并道歉', RIGHT);
  await press(page, { kind: 'button', label: '登记调解' }, { x: RIGHT });
  const step = await reach(page, { role: 'step', includes: '电话调解，企业承认迟到并道歉' }, LEFT);
  assert.match(step.label, /^1\. \d{4}-\d{2}-\d{2} {2}消费者权益保护组织：/);

  // closing as upheld: the consequence first, nothing stored yet
  await choose(page, '处理结果', { label: '属实' }, RIGHT);
  await press(page, { kind: 'button', label: '办结…（先查看信用影响）' }, { x: RIGHT });
  const preview = await reach(page, { role: 'preview', includes: name }, RIGHT);
  assert.equal(preview.label, `企业“${name}”：90 分 A 级 → 85 分 B 级（等级变化）`);
  await reach(page, { role: 'preview', label: '依据：投诉经查属实 -5 分' }, RIGHT);
  assert.equal((await storedEvents(page)).length, stored + 2, 'the closing is not stored before it is confirmed');
  await screenshot(page, 'supervision-desktop-zh-closing-preview.png');

  await press(page, { kind: 'button', label: '确认办结' }, { x: RIGHT });
  await reach(page, { role: 'success', label: '投诉已办结，信用等级已按结果更新。' }, RIGHT);
  await reach(page, { role: 'credit_after', label: `企业“${name}”：90 分 A 级 → 85 分 B 级（等级变化）` }, RIGHT);
  await reach(page, { role: 'outcome', includes: '结果：属实' }, LEFT);
  assert.equal((await storedEvents(page)).length, stored + 3);
  await screenshot(page, 'supervision-desktop-zh-closed.png');

  // the register: listed closed, upheld
  await press(page, { kind: 'button', label: '← 返回投诉列表' });
  const listed = await find(page, { kind: 'row', includes: '周女士' });  // newest first
  assert.match(listed.label, new RegExp(`${name.replace(/[()（）]/g, '.')} 汉丰街道 已办结 属实 \\d{4}-\\d{2}-\\d{2} 周女士$`));
  await screenshot(page, 'supervision-desktop-zh-complaints.png');

  // the credit register and the explanation: B, with the complaint's line
  await click(page, { kind: 'tab', label: '信用评价' });
  const row = await find(page, { kind: 'row', includes: name });
  assert.match(row.label, / 85 B /);
  await pressRow(page, { includes: name });
  await reach(page, { role: 'grade', label: '信用等级 B（85 分）' }, RIGHT);
  await reach(page, { role: 'why', includes: '信用等级 B（得分不低于 75 分）' }, RIGHT);
  const line = await reach(page, { kind: 'row', includes: '投诉经查属实 -5 投诉' }, RIGHT);
  assert.match(line.label, /约定上午九点上门保洁/);
  await reach(page, { kind: 'row', includes: '一般违规 -10 违法违规' }, RIGHT);
  await screenshot(page, 'supervision-desktop-zh-credit-explained.png');
  // the line opens the complaint behind it
  await press(page, { kind: 'row', includes: '投诉经查属实 -5 投诉' }, { x: RIGHT });
  await find(page, { role: 'heading', label: `投诉：${name}` });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a complaint without a subject is refused at the field, with what was typed kept', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, demo);
  await click(page, { kind: 'tab', label: '投诉与信用监管' });
  await click(page, { kind: 'button', label: '受理新投诉' });
  await typeAt(page, '投诉人', '吴先生', LEFT);
  await typeAt(page, '投诉事实', '收费与合同不符', LEFT);
  await press(page, { kind: 'button', label: '受理登记' }, { x: LEFT });
  await reach(page, { role: 'error', includes: '请选择被投诉的企业或从业人员' }, LEFT);
  assert.equal((await find(page, { kind: 'input', label: '投诉人' })).value, '吴先生');
  assert.equal((await find(page, { kind: 'input', label: '投诉事实' })).value, '收费与合同不符');
  await screenshot(page, 'supervision-desktop-zh-intake-refused.png');
  await context.close();
});

// Every sub-tab, in both languages, on a desktop and on a tablet (DPR 2, touch).
for (const [device, options] of [['desktop', DESKTOP], ['tablet', TABLET]]) {
  test(`every sub-tab on the ${device}, in Chinese and English`, async () => {
    const context = await browser.newContext(options);
    const page = await openWithLedger(context, app.url, demo);
    const touch = device === 'tablet';
    const go = (q) => (touch ? tap : click)(page, q);
    const tabs = {
      zh: ['投诉与调解', '信用评价', '联合惩戒名单', '考核与检查', '到期提醒'],
      en: ['Complaints & mediation', 'Credit', 'Joint-punishment list', 'Assessments & inspections', 'Expiring'],
    };
    const files = ['complaints', 'credit', 'joint', 'inspections', 'expiring'];
    await go({ kind: 'tab', label: '投诉与信用监管' });
    // serious dishonesty recorded today for the first subject of the credit register, so the
    // joint-punishment list has someone on it (the demo's own records are outside the window)
    await go({ kind: 'tab', label: '信用评价' });
    const listed = await find(page, { kind: 'row' });
    await pressRow(page, { label: listed.label }, touch);
    await choose(page, '记录类型', { label: '违法违规' }, RIGHT, touch);
    await choose(page, '等级', { label: '严重失信（联合惩戒）' }, RIGHT, touch);
    await press(page, { kind: 'input', label: '说明' }, { x: RIGHT, touch });
    await page.keyboard.insertText('伪造体检报告');
    await press(page, { kind: 'button', label: '登记信用记录' }, { x: RIGHT, touch });
    await reach(page, { role: 'success', label: '信用记录已登记，信用分已重新计算。' }, RIGHT);
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') await go({ kind: 'button', label: 'English' });
      for (let i = 0; i < tabs[lang].length; i++) {
        await go({ kind: 'tab', label: tabs[lang][i] });
        const row = await find(page, { kind: 'row' });  // every sub-tab lists something in the demo district
        if (i === 1) await pressRow(page, { label: row.label }, touch);  // a grade explained
        await screenshot(page, `supervision-${device}-${lang}-${files[i]}.png`);
      }
    }
    // a complaint's page in English
    await go({ kind: 'tab', label: 'Complaints & mediation' });
    await pressRow(page, { label: (await find(page, { kind: 'row' })).label }, touch);
    await find(page, { role: 'heading', includes: 'Complaint: ' });
    await screenshot(page, `supervision-${device}-en-complaint.png`);
    const raw = (await items(page)).filter((it) => /(^|\s)supervision\.[a-z_.]+/.test(it.label || ''));
    assert.deepEqual(raw, [], 'no catalog key shown raw');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('an assessment recorded from the inspection calendar moves the enterprise\'s next inspection', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, demo);
  await click(page, { kind: 'tab', label: '投诉与信用监管' });
  await click(page, { kind: 'tab', label: '考核与检查' });
  const due = await find(page, { kind: 'row', includes: '已逾期' });  // the demo's last assessments are years old
  const name = due.label.split(' ')[1];
  await pressRow(page, { label: due.label });
  assert.equal((await find(page, { kind: 'combo', label: '被考核企业' })).value, name);
  await typeAt(page, '考核单位', '区商务委', LEFT);
  for (const indicator of ['企业资质（满分 20）', '合同规范（满分 20）', '培训管理（满分 20）', '服务质量（满分 20）', '社会保险缴纳（满分 20）'])
    await typeAt(page, indicator, '10', LEFT);
  await press(page, { kind: 'button', label: '登记考核评价' }, { x: LEFT });
  await reach(page, { role: 'success', label: `已登记“${name}”的考核评价。` }, LEFT);
  // failed (50 %): −10 points; inspected again a grade's interval from today
  const row = await find(page, { kind: 'row', includes: name });
  assert.match(row.label, /不合格 50\/100/);
  assert.match(row.label, /以后/);
  await screenshot(page, 'supervision-desktop-zh-assessment-recorded.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});
