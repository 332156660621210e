// The trainer's tablet in real headless Chromium, by touch only: a training provider's device
// opens on the classroom; a course and today's session are created; a trainee is registered on
// the spot and a late arrival found by the last digits of her ID number; one tap marks present;
// the result goes in through the numeric pad (no system keyboard), which issues the certificate
// number and marks the subsidy; a bad score is refused at the pad; a second result in the same
// session is not offered; everything survives a reload; the day's export says why it cannot go
// before the device is enrolled. Landscape and portrait, Chinese and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, find, absent, tap, typeInto, screenshot, frames, waitReady, storedEvents, residentId,
         TABLET } from './lib/harness.mjs';

let app, browser;
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

const noKeyboard = (page) => page.evaluate(() => !document.activeElement || document.activeElement.id !== 'ime');

async function padScore(page, digits) {
  for (const d of digits) await tap(page, { kind: 'key', label: d });
}

test('a trainer runs a session on a tablet: roll, one-tap attendance, results through the number pad', async () => {
  const context = await browser.newContext(TABLET);
  const page = await openApp(context, app.url, { keepSetup: true });
  // the device is a training provider's
  await find(page, { role: 'setup' });
  await tap(page, { kind: 'radio', label: '培训机构' });
  await typeInto(page, '培训机构名称', '开州区职业教育中心', { touch: true });
  await typeInto(page, '本设备名称', '职教中心 1 号平板', { touch: true });
  await typeInto(page, '设置口令', '职教中心口令2026', { touch: true });
  await typeInto(page, '再输入一次口令', '职教中心口令2026', { touch: true });
  await tap(page, { kind: 'button', label: '完成设置' });
  await page.waitForFunction(() => !(window.hearth.items || []).some((i) => i.role === 'setup'), null, { timeout: 120000 });
  // … and opens on the classroom
  await find(page, { role: 'area', label: '培训课堂' });
  await find(page, { role: 'notice', includes: '近期没有安排培训' });

  // a late arrival registered earlier in the worker register (township officials do this too)
  await tap(page, { kind: 'tab', label: '从业人员登记' });
  const liId = residentId('50023419850302456');
  await typeInto(page, '姓名', '李秀英', { touch: true });
  await typeInto(page, '身份证号码', liId, { touch: true });
  await typeInto(page, '手机号码', '13812340000', { touch: true });
  await tap(page, { kind: 'combo', label: '户籍镇乡街道' });
  await page.keyboard.insertText('汉丰');
  await frames(page, 2);
  await tap(page, { kind: 'option', label: '汉丰街道' });
  await tap(page, { kind: 'button', label: '添加' });
  await find(page, { role: 'success', includes: '李秀英' });

  // a course, then today's session, which opens at once
  await tap(page, { kind: 'tab', label: '培训课堂' });
  await tap(page, { kind: 'button', label: '新建课程' });
  await typeInto(page, '课程名称', '家政服务员岗前培训', { touch: true });
  assert.equal((await find(page, { kind: 'input', label: '培训机构' })).value, '开州区职业教育中心', 'the provider comes from the device');
  await typeInto(page, '学时', '40', { touch: true });
  await tap(page, { kind: 'checkbox', label: '可申请培训补贴' });
  await tap(page, { kind: 'button', label: '保存课程' });
  await find(page, { role: 'success', label: '已新建课程：家政服务员岗前培训。' });
  assert.equal((await find(page, { kind: 'combo', label: '课程' })).value, '家政服务员岗前培训', 'the new course is chosen for its first session');
  await typeInto(page, '培训地点', '实训楼 101', { touch: true });
  await typeInto(page, '授课老师', '王老师', { touch: true });
  await tap(page, { kind: 'combo', label: '所在镇乡街道' });
  await page.keyboard.insertText('汉丰');
  await frames(page, 2);
  await tap(page, { kind: 'option', label: '汉丰街道' });
  await tap(page, { kind: 'button', label: '保存并打开本期' });
  await find(page, { role: 'session', label: '家政服务员岗前培训' });
  await find(page, { role: 'notice', includes: '本期还没有学员' });

  // a trainee registered on the spot is enrolled at once
  await tap(page, { kind: 'button', label: '添加学员' });
  await tap(page, { kind: 'button', label: '现场登记新学员' });
  await tap(page, { kind: 'button', label: '登记并加入本期' });
  await find(page, { role: 'error', label: '请填写姓名。' });  // nothing typed: refused at its fields, nothing saved
  await typeInto(page, '姓名', '张三', { touch: true });
  await typeInto(page, '身份证号码', residentId('50023419900101123'), { touch: true });
  await typeInto(page, '手机号码', '13812345678', { touch: true });
  await tap(page, { kind: 'combo', label: '户籍镇乡街道' });
  await page.keyboard.insertText('汉丰');
  await frames(page, 2);
  await tap(page, { kind: 'option', label: '汉丰街道' });
  await tap(page, { kind: 'button', label: '登记并加入本期' });
  await find(page, { role: 'success', label: '张三 已登记并加入本期。' });
  await find(page, { role: 'trainee', label: '张三' });
  // the late arrival, found by the last digits of her ID number
  await typeInto(page, '查找学员', liId.slice(-4), { touch: true });
  await tap(page, { kind: 'row', includes: '李秀英' });
  await find(page, { role: 'success', label: '李秀英 已加入本期。' });
  await find(page, { role: 'trainee', label: '李秀英' });
  await tap(page, { kind: 'button', label: '收起添加' });

  // one tap: present
  const before = (await storedEvents(page)).length;
  await tap(page, { kind: 'button', label: '签到 张三' });
  await find(page, { role: 'present', field: '张三' });
  await find(page, { role: 'success', label: '张三 已签到。' });
  assert.equal((await storedEvents(page)).length, before + 1, 'one tap, one attendance record');
  await find(page, { role: 'status', includes: '今日签到 1 人' });

  // the result through the number pad: no system keyboard
  await tap(page, { kind: 'button', label: '录入成绩 张三' });
  await find(page, { kind: 'key', label: '7' });
  await screenshot(page, 'tablet-zh-training-pad.png');
  await padScore(page, ['9', '2', '.', '5', '.', '3']);  // a second point and a second decimal are ignored
  assert.equal((await find(page, { role: 'score' })).label, '92.5');
  assert.ok(await noKeyboard(page), 'the pad needs no on-screen keyboard');
  await tap(page, { kind: 'button', label: '确认结业' });
  const passed = await find(page, { role: 'success', includes: '张三 结业：92.5 分，合格，证书编号 PX' });
  const certificate = passed.label.match(/PX\d{4}[0-9A-Z]{8}/)[0];
  assert.equal((await find(page, { role: 'certificate', field: '张三' })).label, certificate);
  await find(page, { role: 'subsidy', field: '张三' });
  await find(page, { role: 'result', field: '张三' });
  assert.ok(await absent(page, { kind: 'button', label: '录入成绩 张三' }), 'a second result in the same session is not offered');
  await find(page, { role: 'status', includes: '合格 1 人，可申请补贴 1 人' });

  // a score over 100 is refused at the pad, and what was typed stays
  await tap(page, { kind: 'button', label: '录入成绩 李秀英' });
  await padScore(page, ['1', '0', '0', '.', '5']);
  await tap(page, { kind: 'button', label: '确认结业' });
  await find(page, { role: 'error', field: 'score' });
  assert.equal((await find(page, { role: 'score' })).label, '100.5');
  for (let i = 0; i < 5; ++i) await tap(page, { kind: 'key', label: '⌫' });
  await padScore(page, ['4', '5']);
  await tap(page, { kind: 'button', label: '确认结业' });
  await find(page, { role: 'success', label: '李秀英：45.0 分，不合格，未发证书。' });
  assert.ok(await absent(page, { role: 'certificate', field: '李秀英' }));
  await screenshot(page, 'tablet-zh-training-roll.png');

  // the day's export is refused with the reason until the district enrols this device
  await tap(page, { kind: 'button', includes: '导出待上报数据' });
  await find(page, { role: 'error' });
  await find(page, { kind: 'button', label: '前往数据交换' });

  // everything survives a reload, and the tablet in portrait, in English
  await page.reload();
  await waitReady(page, { keepSetup: true });
  await find(page, { role: 'area', label: '培训课堂' });
  await tap(page, { kind: 'row', includes: '家政服务员岗前培训' });
  assert.equal((await find(page, { role: 'certificate', field: '张三' })).label, certificate);
  await find(page, { role: 'result', field: '李秀英' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await frames(page, 4);
  await screenshot(page, 'tablet-portrait-zh-training-roll.png');
  await tap(page, { kind: 'button', label: 'English' });
  await find(page, { role: 'area', label: 'Training classroom' });
  await find(page, { role: 'status', includes: '2 enrolled · 1 present today' });
  await screenshot(page, 'tablet-portrait-en-training-roll.png');
  // every control a finger uses is at least 44 CSS px high
  const small = (await page.evaluate(() => window.hearth.items)).filter((i) => (i.kind === 'button' || i.kind === 'key') && i.h < 44);
  assert.deepEqual(small.map((i) => `${i.label} ${i.h}`), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
