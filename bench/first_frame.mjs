// node bench/first_frame.mjs [runs] [quick]: the app's first usable frame on a first visit (an empty
// store) in headless Chromium, beside the baseline of fetching the same files and compiling the
// wasm in a bare page, plus what a first visit downloads (raw, gzip, brotli as served by
// `scripts/serve`; `quick`: no brotli, which takes half a minute). Figures only; never fails. @figure lines (bench/lib/figures.mjs) for bench/run.mjs.
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, DIST, DESKTOP } from '../tests/e2e/lib/harness.mjs';
import { stats, once, figure, fmt } from './lib/figures.mjs';

const runs = Number(process.argv[2] || 5);
const quick = process.argv[3] === 'quick';
// what the first frame waits for (shell/loader.js); the full CJK font and the offline copy follow
const FIRST = ['index.html', 'loader.js', 'hearth.js', 'hearth.wasm', 'fonts/latin.ttf', 'fonts/cjk-common.ttf'];

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
  }, FIRST));
  await ctx2.close();
}
await browser.close();
await app.close();

console.log(`first usable frame, first visit (headless Chromium, SwiftShader)   ${fmt(stats(first))}`);
console.log(`baseline: fetch the same files + compile the wasm                  ${fmt(stats(bare))}   ratio ${(stats(first).median / stats(bare).median).toFixed(1)}`);
figure('browser.first_frame', 'first visit: navigation to the first usable frame (empty store)', stats(first),
       { baseline: ['fetch the same files and compile the wasm in a bare page', stats(bare)] });

// Sizes: raw, gzip -9, and brotli 11 (what scripts/serve precompresses), before the first frame
// and for the whole site (the offline copy downloads all of it after the first frame).
const all = [];
const walk = (dir) => { for (const f of readdirSync(dir)) { const p = path.join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (!/\.(gz|br)$/.test(f)) all.push(path.relative(DIST, p)); } };
walk(DIST);
const size = (files) => files.reduce((t, f) => {
  const b = readFileSync(path.join(DIST, f));
  const gz = Math.min(b.length, gzipSync(b, { level: 9 }).length);
  const br = quick ? 0 : Math.min(b.length, brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length);
  return { raw: t.raw + b.length, gz: t.gz + gz, br: t.br + br };
}, { raw: 0, gz: 0, br: 0 });
const kib = (n) => once(n / 1024);
for (const [id, label, files] of [['before_first_frame', 'first visit, before the first frame', FIRST], ['site', `first visit, the whole site (${all.length} files, the offline copy)`, all]]) {
  const s = size(files);
  console.log(`${label}: ${(s.raw / 1024).toFixed(0)} KiB raw, ${(s.gz / 1024).toFixed(0)} KiB gzip` + (quick ? '' : `, ${(s.br / 1024).toFixed(0)} KiB brotli`));
  figure(`download.${id}.gzip`, `${label}: gzip`, kib(s.gz), { unit: 'KiB', baseline: ['raw', kib(s.raw)] });
  if (!quick) figure(`download.${id}.brotli`, `${label}: brotli`, kib(s.br), { unit: 'KiB', baseline: ['raw', kib(s.raw)] });
}
