// The targets dashboard and the yearly report end to end, in real headless Chromium, on the
// planted demo district: the figures on screen are the core's (the native `hearth report`
// prints the same core's figures), a figure opens the records behind it in their register, the
// yearly report downloaded in one click carries the same figures and renders and prints to A4
// on its own (no request leaves the page), and "open in a new tab" opens it. Screenshots of
// the dashboard in Chinese and English, desktop and tablet, and of the report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, find, items, click, tap, frames, screenshot, openWithLedger, demoLedger, ROOT, ARTIFACTS,
         DESKTOP, TABLET } from './lib/harness.mjs';

const CLI = path.join(ROOT, 'build/native/src/hearth');
const YEAR = 2021;

let app, browser, ledger, figures;
before(async () => {
  app = await serve();
  browser = await launch();
  ledger = demoLedger({ divisor: 100 });
  figures = cliReport(ledger.dir, YEAR);
});
after(async () => { await browser?.close(); await app?.close(); });

// `hearth report`: year, kpi, township and supervision lines (src/app/cli_main.cpp).
function cliReport(dir, year, lang = 'zh-CN') {
  const out = execFileSync(CLI, ['--data', dir, '--lang', lang, 'report', '--year', String(year)], { encoding: 'utf8' });
  const r = { kpis: [], townships: {}, supervision: {} };
  for (const line of out.trim().split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'kpi') r.kpis.push({ key: f[1], actual: f[3], target: f[4], title: f[5] });
    else if (f[0] === 'township') (r.townships[f[1]] ||= []).push({ code: Number(f[2]), actual: f[3], share: Number(f[4]), name: f[5] });
    else if (f[0] === 'supervision') r.supervision[f[1]] = f[2];
  }
  return r;
}

const matches = (it, q) => (q.label === undefined || it.label === q.label) && (q.includes === undefined || it.label.includes(q.includes)) &&
  (q.kind === undefined || it.kind === q.kind) && (q.role === undefined || it.role === q.role) && (q.field === undefined || it.field === q.field);

// Scrolls the area with the mouse wheel (down, or up when the item is above) until the item is
// wholly on screen.
async function reach(page, q, { touch = false } = {}) {
  const vp = page.viewportSize();
  for (let i = 0; i < 40; i++) {
    const it = (await items(page)).find((x) => matches(x, q));
    if (it && it.y >= 0 && it.y + it.h <= vp.height) return it;
    await page.mouse.move(vp.width * 0.6, vp.height * 0.6);
    await page.mouse.wheel(0, it && it.y < 0 ? -300 : 300);
    await frames(page, 3);
  }
  return find(page, q);
}
async function top(page) {
  const vp = page.viewportSize();
  await page.mouse.move(vp.width * 0.6, vp.height * 0.6);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -2000);
  await frames(page, 4);
}
async function choose(page, comboLabel, option, { touch = false } = {}) {
  await (touch ? tap : click)(page, { kind: 'combo', label: comboLabel });
  await (touch ? tap : click)(page, { kind: 'option', label: option });
  await frames(page, 3);
}

// The district's figures on the dashboard, compared with the core's as the command line prints them.
async function checkDashboardFigures(page) {
  for (const k of figures.kpis) {
    const it = await reach(page, { kind: 'figure', label: k.title });
    assert.equal(it.value, `${k.actual}/${k.target}`, k.title);
  }
}

test('the dashboard shows the core\'s figures for 2021; a figure opens the records behind it', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger);
  await click(page, { kind: 'tab', label: '目标看板' });
  await find(page, { role: 'heading', includes: '年目标完成情况 · 全区' });
  await choose(page, '年度', String(YEAR));
  await find(page, { role: 'heading', label: `${YEAR} 年目标完成情况 · 全区` });
  await screenshot(page, 'dashboard-zh-desktop.png');
  await checkDashboardFigures(page);

  // by township: the bars are the core's, largest first
  const employment = figures.townships['rule.kpi.new_employment'];
  assert.equal(employment.length, 40);
  const first = await reach(page, { kind: 'bar', label: employment[0].name });
  assert.equal(first.value, employment[0].actual);
  const hanfeng = employment.find((t) => t.name === '汉丰街道');
  const bar = await reach(page, { kind: 'bar', label: '汉丰街道' });
  assert.equal(bar.value, hanfeng.actual);
  await screenshot(page, 'dashboard-zh-desktop-townships.png');

  // over the years: a year's point shows that year
  const point = await reach(page, { kind: 'point', label: String(YEAR) });
  assert.equal(point.value, figures.kpis.find((k) => k.key === 'rule.kpi.new_employment').actual);
  await screenshot(page, 'dashboard-zh-desktop-years.png');
  const next = cliReport(ledger.dir, YEAR + 1);
  await click(page, { kind: 'point', label: String(YEAR + 1) });
  await top(page);
  await find(page, { role: 'heading', label: `${YEAR + 1} 年目标完成情况 · 全区` });
  const employment2 = next.kpis.find((k) => k.key === 'rule.kpi.new_employment');
  assert.equal((await find(page, { kind: 'figure', label: employment2.title })).value, `${employment2.actual}/${employment2.target}`);
  await choose(page, '年度', String(YEAR));
  await reach(page, { kind: 'bar', label: '汉丰街道' });

  // a bar opens the workers behind it, in the worker register
  await click(page, { kind: 'bar', label: '汉丰街道' });
  const restricted = await find(page, { includes: `背后的` });
  assert.match(restricted.label, new RegExp(`仅显示“${YEAR} 年安置新增就业人数 · 汉丰街道”背后的 (\\d+) 条记录`));
  const n = Number(/背后的 (\d+) 条记录/.exec(restricted.label)[1]);
  assert.ok(n > 0 && n <= Number(hanfeng.actual), `${n} workers behind ${hanfeng.actual} new hires`);
  assert.equal((await find(page, { kind: 'tab', label: '从业人员登记' })).value, '1', 'the worker register is shown');
  await screenshot(page, 'dashboard-records-behind.png');

  // back on the dashboard, the communities figure opens the service points behind it: one per community
  await click(page, { kind: 'tab', label: '目标看板' });
  await top(page);
  const points = figures.kpis.find((k) => k.key === 'rule.kpi.service_points');
  await click(page, { kind: 'figure', label: points.title });
  const list = await find(page, { includes: '背后的' });
  assert.ok(list.label.includes(`背后的 ${points.actual} 条记录`), list.label);

  // the measures figure opens the measures done
  await click(page, { kind: 'tab', label: '目标看板' });
  const measures = figures.kpis.find((k) => k.key === 'rule.kpi.measures');
  await reach(page, { kind: 'figure', label: measures.title });
  await click(page, { kind: 'figure', label: measures.title });
  const done = await find(page, { includes: '背后的' });
  assert.ok(done.label.includes(`背后的 ${measures.actual} 条记录`), done.label);
  assert.equal((await find(page, { kind: 'tab', label: '重点举措' })).value, '1');

  // another figure by township and over the years: revenue, in yuan
  await click(page, { kind: 'tab', label: '目标看板' });
  const revenue = figures.kpis.find((k) => k.key === 'rule.kpi.revenue');
  await reach(page, { kind: 'combo', label: '指标' });
  await choose(page, '指标', revenue.title);
  const richest = figures.townships['rule.kpi.revenue'][0];
  assert.equal((await reach(page, { kind: 'bar', label: richest.name })).value, richest.actual);
  assert.equal((await reach(page, { kind: 'point', label: String(YEAR) })).value, revenue.actual);
  await screenshot(page, 'dashboard-zh-desktop-revenue-years.png');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the yearly report: one click downloads it with the core\'s figures; it renders and prints to A4 on its own', async () => {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await openWithLedger(context, app.url, ledger);
  await click(page, { kind: 'tab', label: '年度报告' });
  await choose(page, '报告年度', String(YEAR));
  // the preview on screen
  for (const k of figures.kpis.filter((k) => k.key !== 'rule.kpi.service_points_township')) {
    const it = await reach(page, { role: 'report-figure', field: k.key });
    assert.equal(it.label, k.actual, k.key);
  }
  await top(page);
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, { kind: 'button', label: '下载年度报告' })]);
  assert.equal(download.suggestedFilename(), `开州区家政服务业年度报告-${YEAR}.html`);
  const file = path.join(ARTIFACTS, `report-${YEAR}.html`);
  await download.saveAs(file);
  await find(page, { role: 'success', label: `已生成并下载：开州区家政服务业年度报告-${YEAR}.html` });
  await screenshot(page, 'report-view-zh-desktop.png');
  const html = readFileSync(file, 'utf8');

  // the figures: each KPI row, each township's cells, the supervision summary
  const yuanToFen = (s) => String(Math.round(Number(s) * 100));
  for (const k of figures.kpis) {
    const money = k.key === 'rule.kpi.revenue';
    const row = `data-kpi="${k.key}" data-actual="${money ? yuanToFen(k.actual) : k.actual}" data-target="${money ? yuanToFen(k.target) : k.target}"`;
    assert.ok(html.includes(row), `report row ${row}`);
  }
  for (const key of ['rule.kpi.new_employment', 'rule.kpi.training_year', 'rule.kpi.training_cumulative', 'rule.kpi.service_points', 'rule.kpi.revenue'])
    for (const t of figures.townships[key]) {
      const row = new RegExp(`<tr data-township="${t.code}">.*?data-kpi="${key.replace(/\./g, '\\.')}">([^<]*)</td>`).exec(html);
      assert.ok(row, `township ${t.code} ${key}`);
      assert.equal(row[1], t.actual, `${t.name} ${key}`);
    }
  for (const [name, value] of Object.entries(figures.supervision))
    assert.ok(html.includes(`data-figure="${name}">${value}<`), `${name} ${value}`);
  assert.ok(!/https?:\/\//.test(html), 'no address outside the file');
  assert.ok(!/<script|<link|<img|@import|url\(/i.test(html), 'nothing to fetch, nothing to run');

  // rendered alone: no request leaves the page; a screenshot; A4 pages
  const viewer = await context.newPage();
  const requests = [];
  viewer.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
  await viewer.setViewportSize({ width: 900, height: 1200 });
  await viewer.goto('file://' + file);
  assert.equal(await viewer.title(), `开州区家政服务业提质扩容 ${YEAR} 年度工作报告`);
  assert.equal(await viewer.locator('svg').count(), 4, 'targets, two by township, over the years');
  await viewer.screenshot({ path: path.join(ARTIFACTS, 'report-2021-top.png') });
  await viewer.screenshot({ path: path.join(ARTIFACTS, 'report-2021-full.png'), fullPage: true });
  await viewer.emulateMedia({ media: 'print' });
  const pdf = await viewer.pdf({ format: 'A4', printBackground: true });
  writeFileSync(path.join(ARTIFACTS, 'report-2021.pdf'), pdf);
  assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 3 && pages <= 12, `${pages} A4 pages`);
  // no table row or chart split across pages
  const split = await viewer.evaluate(() =>
    [...document.querySelectorAll('tr, figure')].filter((el) => getComputedStyle(el).breakInside !== 'avoid').length);
  assert.equal(split, 0, 'rows and figures avoid page breaks');
  assert.deepEqual(requests, []);
  await viewer.close();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('"open in a new tab" opens the report (or, when the browser blocks the tab, downloads it and says so)', async (t) => {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await openWithLedger(context, app.url, ledger);
  await click(page, { kind: 'tab', label: '年度报告' });
  await choose(page, '报告年度', String(YEAR));
  const opened = context.waitForEvent('page', { timeout: 10000 }).catch(() => null);
  const downloaded = page.waitForEvent('download', { timeout: 10000 }).catch(() => null);
  await click(page, { kind: 'button', label: '在新标签页打开' });
  const tab = await opened;
  t.diagnostic(tab ? 'the report opened in a new tab' : 'the new tab was blocked: downloaded');
  if (tab) {
    await tab.waitForLoadState();
    assert.equal(await tab.title(), `开州区家政服务业提质扩容 ${YEAR} 年度工作报告`);
    await find(page, { role: 'success', label: `已在新标签页打开 ${YEAR} 年度报告。` });
  } else {
    assert.ok(await downloaded, 'blocked tab: downloaded instead');
    await find(page, { role: 'notice', includes: '浏览器阻止了新标签页' });
  }
  await context.close();
});

test('English and tablet: the dashboard complete in both languages, figures by touch', async () => {
  for (const [name, options, touch] of [['desktop', DESKTOP, false], ['tablet', TABLET, true]]) {
    const context = await browser.newContext(options);
    const page = await openWithLedger(context, app.url, ledger);
    const press = touch ? tap : click;
    await press(page, { kind: 'tab', label: '目标看板' });
    await choose(page, '年度', String(YEAR), { touch });
    if (touch) await screenshot(page, 'dashboard-zh-tablet.png');
    // figures on a tablet are finger-sized
    const figure = await find(page, { kind: 'figure', label: figures.kpis[0].title });
    if (touch) assert.ok(figure.h >= 44, `figure ${figure.h} px high`);
    await press(page, { kind: 'button', label: 'English' });
    await find(page, { role: 'heading', label: `Targets in ${YEAR} · Whole district` });
    const en = cliReport(ledger.dir, YEAR, 'en');
    for (const k of en.kpis.slice(0, 3)) assert.equal((await find(page, { kind: 'figure', label: k.title })).value, `${k.actual}/${k.target}`);
    await screenshot(page, `dashboard-en-${name}.png`);
    const seen = (await items(page)).map((i) => i.label).join('\n');
    assert.ok(!/\b(dashboard|report|rule)\.[a-z_.]+/.test(seen), 'no raw catalog keys on screen');
    // one township: its own figures, against its share
    await choose(page, 'Area', 'Hanfeng Street', { touch });
    await find(page, { role: 'heading', label: `Targets in ${YEAR} · Hanfeng Street` });
    const hanfeng = en.townships['rule.kpi.new_employment'].find((t) => t.code === 500154001);
    const title = en.kpis.find((k) => k.key === 'rule.kpi.new_employment').title;
    assert.equal((await find(page, { kind: 'figure', label: title })).value, `${hanfeng.actual}/0`);
    await screenshot(page, `dashboard-en-${name}-township.png`);
    // its bar outlined among the forty; finger-sized rows on a tablet; a bar opens its records
    const bar = await reach(page, { kind: 'bar', label: 'Hanfeng Street' });
    assert.equal(bar.value, hanfeng.actual);
    if (touch) assert.ok(bar.h >= 44, `bar ${bar.h} px high`);
    await screenshot(page, `dashboard-en-${name}-bars.png`);
    await press(page, { kind: 'bar', label: 'Hanfeng Street' });
    const behind = await find(page, { includes: 'records behind' });
    assert.ok(behind.label.includes(`“${title} · Hanfeng Street”`), behind.label);
    await press(page, { kind: 'tab', label: 'Targets dashboard' });
    await find(page, { kind: 'bar', label: 'Hanfeng Street' });   // back where the person left it: each area keeps its place
    if (touch) {
      await press(page, { kind: 'button', label: '中文' });
      await top(page);
      await find(page, { role: 'heading', includes: '汉丰街道' });
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});
