// Key measures and subsidies end to end, in real headless Chromium: a progress report through
// the form (a refused save shows its problem at the field and keeps the note; the valid one
// saves and the measure's status changes in the table); the subsidies of a year of the demo
// district, one list exported as CSV (BOM, header, the total matches the screen's); screenshots
// in Chinese and English, desktop and tablet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve, launch, openApp, openWithLedger, demoLedger, find, items, click, typeInto, replaceText, screenshot, frames, DESKTOP, TABLET }
  from './lib/harness.mjs';

let app, browser, dir, demo;
before(async () => {
  app = await serve();
  browser = await launch();
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-measures-'));
  demo = demoLedger({ divisor: 100 });
});
after(async () => { await browser?.close(); await app?.close(); });

async function choose(page, comboLabel, option) {
  await click(page, { kind: 'combo', label: comboLabel });
  await click(page, { kind: 'option', label: option });
}

// RFC 4180 as the app writes it: quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// A table row selects on release after a frame of hover (rows let the cells' text overlap
// them): the pointer rests on it a moment first, as a hand does.
async function pick(page, q) {
  const it = await find(page, { kind: 'row', ...q });
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await frames(page, 3);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  await frames(page, 3);
  return it;
}

async function download(page, label) {
  const [d] = await Promise.all([page.waitForEvent('download'), click(page, { kind: 'button', label })]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

test('a progress report refused at its field keeps the note; the valid one saves and changes the status', async () => {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await openApp(context, app.url);
  await click(page, { kind: 'tab', label: '重点举措' });
  await find(page, { role: 'summary', label: '共 29 项措施：已完成 0 项，推进中 0 项，滞后 0 项，未启动 29 项。' });
  // measure 8 is below the fold: found by typing, as a person would
  await typeInto(page, '搜索', '稳岗返还');
  await find(page, { role: 'count', label: '显示 1 条，共 29 条' });
  const before = await find(page, { kind: 'row', includes: '对员工制家政企业实行企业稳岗返还和免费培训' });
  assert.equal(before.label, '8 对员工制家政企业实行企业稳岗返还和免费培训 区人力社保局 未启动 — 0');

  // choosing the measure in the table puts it in the form, with its lead unit
  await pick(page, { includes: '对员工制家政企业实行企业稳岗返还和免费培训' });
  await find(page, { role: 'heading', label: '第 8 项：对员工制家政企业实行企业稳岗返还和免费培训' });
  assert.equal((await find(page, { kind: 'combo', label: '措施' })).value, '第 8 项 对员工制家政企业实行企业稳岗返还和免费培训');
  assert.equal((await find(page, { kind: 'combo', label: '报告单位' })).value, '区人力社保局');
  await find(page, { includes: '这项措施还没有进展报告' });

  // 30 February: refused at the date, the note kept
  await typeInto(page, '进展情况', '已召开专题会议，完成任务分解');
  await replaceText(page, '日期', '2021-02-30');
  await choose(page, '本次状态', '已完成');
  await click(page, { kind: 'button', label: '提交进展报告' });
  const error = await find(page, { role: 'error', field: 'date' });
  assert.ok(error.label.length > 0);
  assert.equal((await find(page, { kind: 'input', label: '进展情况' })).value, '已召开专题会议，完成任务分解');
  assert.equal((await find(page, { kind: 'combo', label: '本次状态' })).value, '已完成');
  await screenshot(page, 'measures-refused-desktop-zh.png');

  // the district office may report for a co-unit too
  await choose(page, '报告单位', '区财政局');
  await replaceText(page, '日期', '2021-06-30');
  assert.ok(!(await items(page)).some((i) => i.role === 'error' && i.field === 'date'), 'the problem went with the edit');
  await click(page, { kind: 'button', label: '提交进展报告' });
  await find(page, { role: 'success', label: '已保存第 8 项措施的进展报告。' });
  const row = await find(page, { kind: 'row', includes: '对员工制家政企业实行企业稳岗返还和免费培训' });
  assert.equal(row.label, '8 对员工制家政企业实行企业稳岗返还和免费培训 区人力社保局 已完成 2021-06-30 1');
  await find(page, { role: 'summary', label: '共 29 项措施：已完成 1 项，推进中 0 项，滞后 0 项，未启动 28 项。' });
  await find(page, { role: 'report', label: '2021-06-30 区财政局 已完成 已召开专题会议，完成任务分解 本机' });
  // the note is cleared for the next report; the date stays
  assert.equal((await find(page, { kind: 'input', label: '进展情况' })).value, undefined);
  await screenshot(page, 'measures-desktop-zh.png');

  // the export has every column (group, co-units, the latest note) of the rows shown
  const csv = await download(page, '导出 CSV');
  assert.match(csv.name, /^重点举措-\d{8}\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.deepEqual(parseCsv(csv.bytes.subarray(3).toString('utf8')), [
    ['序号', '类别', '举措', '牵头单位', '配合单位', '状态', '最近报告', '最近进展', '报告次数'],
    ['8', '（二）着力发展员工制家政企业', '对员工制家政企业实行企业稳岗返还和免费培训', '区人力社保局', '区财政局等', '已完成', '2021-06-30',
     '已召开专题会议，完成任务分解', '1']]);

  // the status filter leaves the one done
  await choose(page, '状态', '已完成');
  await find(page, { role: 'count', label: '显示 1 条，共 29 条' });

  await click(page, { kind: 'button', label: 'English' });
  await find(page, { role: 'summary', label: '29 measures: 1 done, 0 in progress, 0 behind schedule, 28 not started.' });
  await screenshot(page, 'measures-desktop-en.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the subsidies of 2021 in the demo district: totals on screen equal the exported CSV', async () => {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await openWithLedger(context, app.url, demo);
  await click(page, { kind: 'tab', label: '补贴' });
  await click(page, { kind: 'button', label: '2021 年' });
  const total = await find(page, { role: 'total', includes: '补贴合计' });
  const m = total.label.match(/^显示 (\d+) 条，其中符合条件 (\d+) 条，补贴合计 ([\d.]+) 元$/);
  assert.ok(m, total.label);
  const [lines, eligible, amount] = [Number(m[1]), Number(m[2]), m[3]];
  assert.ok(lines > 0 && eligible > 0 && eligible < lines, total.label);
  await screenshot(page, 'subsidies-desktop-zh.png');

  const { name, bytes } = await download(page, '导出 CSV');
  assert.match(name, /^培训补贴-2021-\d{8}\.csv$/);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = bytes.subarray(3).toString('utf8');
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['姓名', '身份证号', '镇乡街道', '课程', '培训类型', '结业日期', '证书编号', '结论', '依据', '金额（元）']);
  const data = rows.slice(1);
  assert.equal(data.length, lines);
  const fen = data.reduce((s, r) => s + Math.round(Number(r[9]) * 100), 0);
  assert.equal((fen / 100).toFixed(2), amount, 'the CSV adds up to the total on screen');
  assert.equal(data.filter((r) => r[7] === '符合').length, eligible);
  // the district office exports full ID numbers (it pays the subsidies); the screen masks them
  assert.ok(data.every((r) => /^\d{17}[\dX]$/.test(r[1])), 'full ID numbers in the district export');
  const shown = await find(page, { kind: 'row', includes: '符合' });
  assert.match(shown.label, /\d{6}\*{8}[\dX]{4}/, 'masked on screen');
  // every line says why: all conditions met, or the first that failed
  assert.ok(data.every((r) => (r[7] === '符合' ? r[8].startsWith('✓') : r[8].startsWith('✗ 未满足：'))));

  // only the eligible: the total follows what is shown
  await click(page, { kind: 'combo', label: '结论' });
  await click(page, { kind: 'option', label: '符合' });
  await find(page, { role: 'total', label: `显示 ${eligible} 条，其中符合条件 ${eligible} 条，补贴合计 ${amount} 元` });

  // the social-insurance list and the job-retention refund of the same year
  await click(page, { kind: 'button', label: '社会保险补贴' });
  await find(page, { role: 'total', includes: '补贴合计' });
  await screenshot(page, 'subsidies-social-insurance-desktop-zh.png');
  await click(page, { kind: 'button', label: '稳岗返还' });
  await find(page, { role: 'total', includes: '家企业' });
  await screenshot(page, 'subsidies-job-retention-desktop-zh.png');

  // a line opens its enterprise
  const firm = await find(page, { kind: 'row', includes: '公司' });
  await pick(page, { label: firm.label });
  await page.waitForFunction(() => !(window.hearth.items || []).some((i) => i.role === 'total'), null, { timeout: 10000 });

  await click(page, { kind: 'tab', label: '补贴' });
  await click(page, { kind: 'button', label: 'English' });
  await click(page, { kind: 'button', label: 'Training subsidy' });
  await find(page, { role: 'total', includes: 'subsidies total' });
  await screenshot(page, 'subsidies-desktop-en.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('tablet: both screens by touch size, in Chinese and English', async () => {
  const context = await browser.newContext(TABLET);
  const page = await openWithLedger(context, app.url, demo);
  await click(page, { kind: 'tab', label: '重点举措' });
  await find(page, { role: 'summary', includes: '共 29 项措施' });
  await screenshot(page, 'measures-list-tablet-zh.png');
  await typeInto(page, '搜索', '稳岗返还');
  await pick(page, { includes: '对员工制家政企业实行企业稳岗返还和免费培训' });
  await find(page, { role: 'heading', includes: '第 8 项' });
  const submit = await find(page, { kind: 'button', label: '提交进展报告' });
  assert.ok(submit.h >= 44, `the submit button is finger-sized (${submit.h} px)`);
  await screenshot(page, 'measures-tablet-zh.png');
  await click(page, { kind: 'tab', label: '补贴' });
  await find(page, { role: 'total', includes: '补贴合计' });
  const year = await find(page, { kind: 'button', label: '2021 年' });
  assert.ok(year.h >= 44, `the year buttons are finger-sized (${year.h} px)`);
  await screenshot(page, 'subsidies-tablet-zh.png');
  await click(page, { kind: 'button', label: 'English' });
  await find(page, { role: 'total', includes: 'subsidies total' });
  await screenshot(page, 'subsidies-tablet-en.png');
  await click(page, { kind: 'tab', label: 'Key measures' });
  await find(page, { role: 'summary', includes: '29 measures' });
  await screenshot(page, 'measures-tablet-en.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});
