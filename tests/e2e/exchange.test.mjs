// Bundles end to end in real Chromium: two browser profiles (contexts with their own storage),
// one the district office, one a township tablet. Enrolment by request and certificate files,
// a worker registered on the tablet, exported as a sealed bundle, imported at the district
// and seen in its register; the same bundle again changes nothing; a tampered copy is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve, launch, openApp, waitReady, find, click, typeInto, screenshot, frames, DESKTOP, TABLET } from './lib/harness.mjs';

let app, browser, dir;
before(async () => { app = await serve(); browser = await launch(); dir = mkdtempSync(path.join(tmpdir(), 'hearth-exchange-')); });
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
// Scrolls the page (mouse wheel over the middle) until the item is on screen: the tab is long
// on a tablet.
async function reach(page, q) {
  for (let i = 0; i < 12; i++) {
    try {
      return await find(page, q, { timeout: 400 });
    } catch {
      const vp = page.viewportSize();
      await page.mouse.move(vp.width / 2, vp.height / 2);
      await page.mouse.wheel(0, 300);
      await frames(page, 3);
    }
  }
  return find(page, q);
}
async function download(page, label) {
  await reach(page, { kind: 'button', label });
  const [d] = await Promise.all([page.waitForEvent('download'), click(page, { kind: 'button', label })]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}
async function choose(page, label, files) {
  await reach(page, { kind: 'button', label });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, { kind: 'button', label })]);
  await chooser.setFiles(files);
}
// A township far down the list: filtered by typing, as a person would.
async function township(page, name) {
  await click(page, { kind: 'combo' });
  await typeInto(page, '输入名称筛选，如“汉丰”', name.slice(0, 2));
  await click(page, { label: name, kind: 'option' });
}
async function createKey(page, role, passphrase, label) {
  await click(page, { kind: 'tab', label: '数据交换' });
  await click(page, { label: role });
  if (label) await typeInto(page, '区联席办名称', label);
  await typeInto(page, '口令', passphrase);
  await typeInto(page, '再输一遍口令', passphrase);
  await click(page, { kind: 'button', label: '创建本机密钥' });
  // Argon2id, 64 MiB: a second or two; the district office also certifies itself
  await until(page, (ex) => ex.hasKey && ex.unlocked && (!label || ex.enrolled), 'the key');
}

test('a tablet enrols with the district, exports a sealed bundle, and the district merges it once', async () => {
  const office = await browser.newContext(DESKTOP);
  const tablet = await browser.newContext(TABLET);
  const d = await openApp(office, app.url);
  const t = await openApp(tablet, app.url);

  await createKey(d, '区联席办', '区联席办的口令2026', '开州区家政服务业联席会议办公室');
  await find(d, { role: 'success', includes: '开州区家政服务业联席会议办公室' });

  // a too-short passphrase is refused at its field
  await click(t, { kind: 'tab', label: '数据交换' });
  await typeInto(t, '口令', '短');
  await typeInto(t, '再输一遍口令', '短');
  await click(t, { kind: 'button', label: '创建本机密钥' });
  await find(t, { role: 'error', label: '口令至少要 8 个字' });
  await t.reload();
  await waitReady(t);  // a fresh device again: past its first-run screen
  await createKey(t, '镇乡街道', '渠口镇平板口令123');
  await find(t, { role: 'notice', includes: '本机尚未登记' });

  // the request: refused without a name, then made and saved as a file
  await click(t, { kind: 'button', label: '生成登记申请' });
  await find(t, { role: 'error', label: '请选择所属镇乡街道' });
  await township(t, '渠口镇');
  await typeInto(t, '设备名称', '渠口镇 2号平板');
  await click(t, { kind: 'button', label: '生成登记申请' });
  const code = await find(t, { kind: 'code' });
  assert.match(code.value, /^HEARTH-REQUEST-1:[A-Za-z0-9_-]+$/);
  await screenshot(t, 'tablet-zh-enrolment-request.png');
  const request = await download(t, '保存申请文件');
  assert.match(readFileSync(request, 'utf8'), /^HEARTH-REQUEST-1:/);

  // the district imports the request and issues the certificate
  await choose(d, '选择文件…', [request]);
  await reach(d, { role: 'notice', includes: '“渠口镇 2号平板”（镇乡街道，渠口镇）' });
  const certificate = await download(d, '核对无误，签发证书');
  assert.match(path.basename(certificate), /\.hearth-cert$/);
  await until(d, (ex) => ex.enrolledDevices === 1 && ex.requests === 0, 'the enrolment');

  // the tablet imports it, registers a worker, and exports what is new
  await choose(t, '选择证书文件…', [certificate]);
  await until(t, (ex) => ex.enrolled, 'the certificate');
  await reach(t, { role: 'success', includes: '已登记：“渠口镇 2号平板”' });
  await click(t, { kind: 'tab', label: '从业人员登记' });
  await typeInto(t, '姓名', '王小红');
  await typeInto(t, '身份证号码', '500154199001011232');
  await typeInto(t, '手机号码', '13812345678');
  await township(t, '渠口镇');
  await click(t, { kind: 'button', label: '添加' });
  await find(t, { role: 'success', label: '已保存：王小红' });
  await click(t, { kind: 'tab', label: '数据交换' });
  await until(t, (ex) => ex.unexported === 1, 'one unexported event');
  const bundle = await download(t, '导出全部未导出的记录');
  assert.match(path.basename(bundle), /^hearth-渠口镇-渠口镇-2号平板-[0-9a-f]{8}-000001-000001-\d{8}\.hearth$/);
  await until(t, (ex) => ex.exported === 1 && ex.unexported === 0, 'the export mark');
  await screenshot(t, 'tablet-zh-exported.png');

  // a tampered copy is refused and changes nothing
  const bytes = readFileSync(bundle);
  bytes[bytes.length - 40] ^= 1;
  const tampered = path.join(dir, 'tampered.hearth');
  writeFileSync(tampered, bytes);
  await choose(d, '选择文件…', [tampered]);
  await reach(d, { role: 'error', includes: '数据包的内容被改动过或已损坏，已拒收' });
  assert.equal((await store(d)).received, 0);

  // the real one merges, and the district sees the worker
  await choose(d, '选择文件…', [bundle]);
  const merged = await until(d, (ex) => ex.lastImport.merged === 1, 'the merge');
  assert.equal(merged.received, 1);
  assert.equal(merged.lastImport.newEvents, 1);
  await reach(d, { role: 'success', includes: '已汇入 · 渠口镇 2号平板 · 第 1–1 条 · 新增 1 条' });
  await screenshot(d, 'desktop-zh-district-merged.png');
  await click(d, { kind: 'tab', label: '从业人员登记' });
  await find(d, { kind: 'row', includes: '王小红' });

  // the same bundle again: already had, nothing changes
  await click(d, { kind: 'tab', label: '数据交换' });
  await choose(d, '选择文件…', [bundle]);
  const again = await until(d, (ex) => ex.lastImport.already === 1, 'the repeat');
  assert.equal(again.received, 1);
  assert.equal(again.lastImport.newEvents, 0);

  // a file dropped onto the page is imported the same way (here: already had)
  await d.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], 'dropped.hearth'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, readFileSync(bundle).toString('base64'));
  await reach(d, { includes: 'dropped.hearth — 已有，未改变' });
  assert.equal((await store(d)).received, 1);

  // in English, the district's devices
  await click(d, { kind: 'button', label: 'English' });
  await reach(d, { includes: '"渠口镇 2号平板" (township, Qukou Town): events 1–1 received' });
  await screenshot(d, 'desktop-en-district-devices.png');

  // after a reload everything merged is still there, and the key is locked again
  await d.reload();
  await waitReady(d);  // the new page's frame counter starts again: wait for it before counting frames
  const reopened = await until(d, (ex) => ex.hasKey && !ex.unlocked, 'the reopened district');
  assert.equal(reopened.received, 1);
  await click(d, { kind: 'tab', label: 'Data exchange' });
  await find(d, { role: 'notice', includes: 'is locked: enter the passphrase' });
  assert.deepEqual(d.errors, []);
  assert.deepEqual(t.errors, []);
  await office.close();
  await tablet.close();
});
