// node bench/profile_open.mjs [divisor]: where the time goes when the app opens the district in
// headless Chromium, with a CPU profile (CDP Profiler, 0.5 ms sampling) of the store opening
// again while the app is idle (Module._hearth_debug_reopen, as bench/store_open.mjs times it),
// on a build whose wasm keeps its function names (HEARTH_DIST from `scripts/bench --profile`:
// build/bench-wasm-prof, the same optimised code). Prints the app's own split of the open, the
// profile's self time by function, and by kind (wasm, JS, the browser's own work, idle);
// appends it to bench/results/profile.txt. docs/performance.md quotes it.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shortName } from './lib/symbols.mjs';
import { serve, launch, openApp, plantLedger, demoLedger, frames, DESKTOP, DIST } from '../tests/e2e/lib/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const divisor = Number(process.argv[2] || 1);
const out = [];
const say = (s) => { out.push(s); console.log(s); };

const ledger = demoLedger({ divisor, after: 1000 });
const app = await serve();
const browser = await launch();
const context = await browser.newContext(DESKTOP);
await plantLedger(context, app.url, ledger);
rmSync(ledger.dir, { recursive: true, force: true });
const page = await openApp(context, app.url);
await frames(page, 8);

const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
const opens = await page.evaluate(() => window.hearth.store.open.opens);
await cdp.send('Profiler.start');
await page.evaluate(() => Module._hearth_debug_reopen());
await page.waitForFunction((n) => window.hearth.store.open.opens > n, opens, { timeout: 300000 });
const { profile } = await cdp.send('Profiler.stop');
const split = await page.evaluate(() => window.hearth.store.open);
await browser.close();
await app.close();

// "hearth::State::rebuild_indexes\28\29" (the name section escapes some characters) → readable;
// "(program)", "(idle)", "(garbage collector)" are V8's own
const readable = (name) => (name.startsWith('(') ? name
  : shortName(name.replace(/\\([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/std::__2::/g, 'std::')));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map(), kinds = new Map();
let total = 0;
profile.samples.forEach((id, k) => {
  const ms = (profile.timeDeltas[k] || 0) / 1000;
  const f = byId.get(id).callFrame;
  // V8's own entries, the wasm module (url wasm://…), the page's JavaScript, or built-ins (no url)
  const kind = f.functionName.startsWith('(') ? f.functionName : /wasm/.test(f.url) ? 'wasm' : f.url ? 'JS' : 'browser built-ins';
  const name = `${readable(f.functionName) || '(anonymous)'}${f.url && !/wasm/.test(f.url) ? '  ' + f.url.split('/').pop().replace(/\?.*/, '') : ''}`;
  self.set(name, (self.get(name) || 0) + ms);
  kinds.set(kind, (kinds.get(kind) || 0) + ms);
  total += ms;
});
say(`Hearth browser profile — ${new Date().toISOString()}: the store opening again, app idle, district ÷${divisor}, ${path.relative(ROOT, DIST)}`);
say(`  the app's own split: total ${split.totalMs.toFixed(0)} ms = open the database ${split.dbMs.toFixed(0)} + read ${split.readMs.toFixed(0)} + ` +
    `restore the snapshot ${split.restoreMs.toFixed(0)} + fold ${split.foldMs.toFixed(0)} (${split.eventsAfter} events) + writer lease ${split.leaseMs.toFixed(0)} ms; ` +
    `snapshot ${(split.snapshotBytes / 1048576).toFixed(1)} MiB`);
say(`  profile: ${total.toFixed(0)} ms sampled; by kind:`);
for (const [k, v] of [...kinds.entries()].sort((a, b) => b[1] - a[1])) say(`    ${(100 * v / total).toFixed(1).padStart(5)} %  ${k} (${v.toFixed(0)} ms)`);
say('  self time by function:');
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) say(`    ${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`);
// inclusive: each node's time with everything it called, summed by function (the app's own only)
const nodeSelf = new Map();
profile.samples.forEach((id, k) => nodeSelf.set(id, (nodeSelf.get(id) || 0) + (profile.timeDeltas[k] || 0) / 1000));
const inclusive = new Map();
const walk = (id, onPath) => {
  const n = byId.get(id);
  const name = readable(n.callFrame.functionName);
  let t = nodeSelf.get(id) || 0;
  const mine = name.startsWith('hearth::') && !onPath.has(name);
  if (mine) onPath.add(name);
  for (const c of n.children || []) t += walk(c, onPath);
  if (mine) { onPath.delete(name); inclusive.set(name, (inclusive.get(name) || 0) + t); }
  return t;
};
walk(profile.nodes[0].id, new Set());
say('  inclusive time of the app\'s own functions (with what they called):');
for (const [k, v] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) say(`    ${(100 * v / total).toFixed(1).padStart(5)} %  ${k} (${v.toFixed(0)} ms)`);
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
appendFileSync(path.join(ROOT, 'bench/results/profile.txt'), '\n' + out.join('\n') + '\n');
