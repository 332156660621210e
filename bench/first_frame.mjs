// node bench/first_frame.mjs [runs]: the app's first usable frame in headless Chromium, beside
// the baseline of fetching the same files and compiling the wasm in a bare page, plus the
// download size of a first visit (raw and gzip). Figures only; never fails.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, DIST, DESKTOP } from '../tests/e2e/lib/harness.mjs';

const runs = Number(process.argv[2] || 5);
const FILES = ['index.html', 'loader.js', 'hearth.js', 'hearth.wasm', 'fonts/latin.ttf', 'fonts/cjk-common.ttf'];
const stats = (xs) => { const s = [...xs].sort((a, b) => a - b); return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] }; };
const fmt = (f) => `${f.median.toFixed(0)} ms (${f.min.toFixed(0)}–${f.max.toFixed(0)})`;

const app = await serve();
const browser = await launch();
const first = [], bare = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext(DESKTOP);
  const page = await openApp(context, app.url);
  first.push(await page.evaluate(() => window.hearth.firstFrameMs));
  await context.close();

  const ctx2 = await browser.newContext(DESKTOP);
  const p2 = await ctx2.newPage();
  await p2.goto(app.url + 'not-the-app');
  bare.push(await p2.evaluate(async (files) => {
    const t0 = performance.now();
    const bufs = await Promise.all(files.map((f) => fetch('/' + f).then((r) => r.arrayBuffer())));
    await WebAssembly.compile(bufs[files.indexOf('hearth.wasm')]);
    return performance.now() - t0;
  }, FILES));
  await ctx2.close();
}
await browser.close();
await app.close();

let raw = 0, gz = 0;
for (const f of FILES) { const b = readFileSync(path.join(DIST, f)); raw += b.length; gz += gzipSync(b, { level: 9 }).length; }
const full = readFileSync(path.join(DIST, 'fonts/cjk-full.ttf'));
console.log(`first usable frame (headless Chromium, SwiftShader)   ${fmt(stats(first))}`);
console.log(`baseline: fetch the same files + compile the wasm     ${fmt(stats(bare))}   ratio ${(stats(first).median / stats(bare).median).toFixed(1)}`);
console.log(`first-visit download before the first frame: ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip`);
console.log(`full CJK font after the first frame: ${(full.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(full, { level: 9 }).length / 1024).toFixed(0)} KiB gzip`);
