// One ledger format everywhere: events written by the native command-line tool, placed in
// the browser's IndexedDB byte for byte, open in the app with their hash chain intact; and a
// damaged chain is reported on screen rather than silently dropped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { serve, launch, find, absent, nativeLedger, openWithLedger, DESKTOP } from './lib/harness.mjs';

const PEOPLE = [['孙八', '500154199001011232', '13800001111', 500154104], ['周九', '11010519491231002X', '13800001111', 500154104],
                ['吴十', '500154200001010016', '13800001111', 500154104]];
let app, browser;
const folders = [];
before(async () => { app = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); folders.forEach((d) => rmSync(d, { recursive: true, force: true })); });

test('a ledger written by the native tool opens in the browser', async () => {
  const ledger = nativeLedger(PEOPLE);
  folders.push(ledger.dir);
  assert.equal(ledger.events.length, 3);
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger);
  await find(page, { role: 'count', label: '共 3 人' });
  await find(page, { kind: 'row', includes: '周九 110105********002X 13800001111 温泉镇' });
  await find(page, { role: 'status', includes: '本机已保存 3 条记录' });
  await context.close();
});

test('a damaged ledger is reported with the record it affects, and what is intact still shows', async () => {
  const ledger = nativeLedger(PEOPLE);
  folders.push(ledger.dir);
  // event 2: one bit of its township code flipped (the u32 28 bytes before the end: occupation,
  // skill, certificate, special groups, awards, union, insurance and community follow it)
  ledger.events[1][ledger.events[1].length - 28] ^= 1;
  const context = await browser.newContext(DESKTOP);
  const page = await openWithLedger(context, app.url, ledger);
  await find(page, { role: 'error', includes: '本地数据有 1 处损坏' });
  // event 2 still decodes, but event 3's link (and the stored head) vouch for a different event 2
  const named = await find(page, { role: 'error', includes: '第 2 条记录' });
  assert.equal(named.label, '· 第 2 条记录（从业人员登记：周九）内容与哈希链不符（保存后被改动过），未载入');
  // everything intact still shows: the events before and after it
  await find(page, { kind: 'row', includes: '孙八' });
  await find(page, { kind: 'row', includes: '吴十' });
  assert.ok(await absent(page, { kind: 'row', includes: '周九' }), 'the changed record is not shown as if it were sound');
  // read-only: saving is refused rather than forking a damaged chain
  assert.equal((await find(page, { label: '添加', kind: 'button' })).disabled, true);
  await context.close();
});
