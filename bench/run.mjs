// node bench/run.mjs [options]: runs every benchmark of bench/ — natively, in wasm under node, and
// in headless Chromium — gathers their @figure lines (bench/measure.hpp, bench/lib/figures.mjs),
// adds wasm ÷ native for the core figures, prints one table, and writes the same figures as JSON.
// scripts/bench builds in release mode and calls this; scripts/test calls it with --small to
// check that every benchmark still runs. A figure is never judged: only a benchmark that does not
// run (exits non-zero, or prints no figure) makes this exit non-zero. docs/performance.md.
//
//   --small            the small data set (seconds), instead of the synthetic district
//   --runs N           runs per figure (default 5; 1 with --small)
//   --native DIR       the native build (default build/bench-native)
//   --wasm DIR         the wasm build with dist/ (default build/wasm)
//   --out FILE         the JSON (default bench/results/latest.json)
//   --only a,b         only these benchmarks: core, bundle, core-wasm, bundle-wasm, first-frame, store
//
// Sections: options · the benchmarks · running one · wasm vs native · the table · the JSON
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- options ---------------------------------------------------------------------------------
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const small = args.includes('--small');
const runs = Number(opt('--runs', small ? 1 : 5));
const nativeDir = path.resolve(ROOT, opt('--native', 'build/bench-native'));
const wasmDir = path.resolve(ROOT, opt('--wasm', 'build/wasm'));
const out = path.resolve(ROOT, opt('--out', 'bench/results/latest.json'));
const only = opt('--only', '').split(',').filter(Boolean);
const logDir = path.join(path.dirname(out), 'logs');
mkdirSync(logDir, { recursive: true });

// ---- the benchmarks --------------------------------------------------------------------------
// The district: DistrictScale ÷1 (1,000 enterprises, 100,000 workers, 500,000 completions,
// 100,000 health checks, 20,000 complaints). Bundles: one of 100,000 events, and 100 of 1,000.
const scale = small
  ? { core: 200, bundle: 1000, store: 400, after: 20, storeRuns: 1 }
  : { core: 1, bundle: 100000, store: 1, after: 1000, storeRuns: Math.min(runs, 3) };
const node = process.execPath;
const wasmNode = [node, '--no-experimental-fetch'];
const browserEnv = { HEARTH_DIST: path.join(wasmDir, 'dist'), HEARTH_CLI: path.join(nativeDir, 'src/hearth') };
const BENCHES = [
  { name: 'core', where: 'native', cmd: [path.join(nativeDir, 'bench/bench_core'), scale.core, runs] },
  { name: 'core-wasm', where: 'wasm', cmd: [...wasmNode, path.join(wasmDir, 'bench/bench_core.js'), scale.core, runs] },
  { name: 'bundle', where: 'native', cmd: [path.join(nativeDir, 'bench/bench_bundle'), scale.bundle, runs] },
  { name: 'bundle-wasm', where: 'wasm', cmd: [...wasmNode, path.join(wasmDir, 'bench/bench_bundle.js'), scale.bundle, runs] },
  { name: 'first-frame', where: 'chromium', cmd: [node, path.join(ROOT, 'bench/first_frame.mjs'), small ? 1 : runs, small ? 'quick' : 'full'], env: browserEnv },
  { name: 'store', where: 'chromium', cmd: [node, path.join(ROOT, 'bench/store_open.mjs'), scale.store, scale.storeRuns, scale.after], env: browserEnv },
].filter((b) => only.length === 0 || only.includes(b.name));

// ---- running one -----------------------------------------------------------------------------
// Its output goes to bench/results/logs/NAME.log; its @figure lines are kept, tagged with where
// it ran. Benchmarks run one after another: they would disturb each other's figures.
function runBench(b) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const log = createWriteStream(path.join(logDir, b.name + '.log'));
    const child = spawn(String(b.cmd[0]), b.cmd.slice(1).map(String), { cwd: ROOT, env: { ...process.env, ...(b.env || {}) } });
    const figures = [];
    let buffered = '';
    child.stdout.on('data', (d) => {
      log.write(d);
      buffered += d;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('@figure ')) {
          try { figures.push({ where: b.where, bench: b.name, ...JSON.parse(line.slice(8)) }); } catch (e) { log.write(`(unreadable figure: ${e.message})\n`); }
        }
      }
    });
    child.stderr.on('data', (d) => log.write(d));
    child.on('error', (e) => { log.end(); resolve({ figures, ok: false, why: e.message, seconds: (Date.now() - t0) / 1000 }); });
    child.on('close', (code, signal) => {
      log.end();
      const seconds = (Date.now() - t0) / 1000;
      const ok = code === 0 && figures.length > 0;
      const why = code !== 0 ? `exited with ${signal || code}` : figures.length === 0 ? 'printed no figure' : '';
      resolve({ figures, ok, why, seconds });
    });
  });
}

const started = new Date();
const all = [], failures = [], timings = {};
for (const b of BENCHES) {
  process.stdout.write(`${b.name.padEnd(12)} ${b.where.padEnd(8)} … `);
  const r = await runBench(b);
  timings[b.name] = r.seconds;
  console.log(`${r.figures.length} figures in ${r.seconds.toFixed(0)} s${r.ok ? '' : `  FAILED: ${r.why} (see ${path.relative(ROOT, path.join(logDir, b.name + '.log'))})`}`);
  if (!r.ok) failures.push({ bench: b.name, why: r.why });
  all.push(...r.figures);
}

// ---- wasm vs native --------------------------------------------------------------------------
// Every timed core and bundle figure measured both ways: the wasm figure beside the native one.
for (const w of all.filter((f) => f.where === 'wasm' && f.unit === 'ms')) {
  const n = all.find((f) => f.where === 'native' && f.id === w.id);
  if (!n) continue;
  all.push({ where: 'wasm÷native', bench: w.bench, id: 'wasm_vs_native.' + w.id, label: w.label, unit: 'ms',
             median: w.median, min: w.min, max: w.max, runs: w.runs,
             baseline: { label: 'the same, native', median: n.median, min: n.min, max: n.max, runs: n.runs } });
}
for (const f of all) {
  if (f.baseline && f.baseline.median > 0) f.ratio = f.median / f.baseline.median;
  if (f.count && f.unit === 'ms' && f.median > 0) f.rate = { per_second: f.count * 1000 / f.median, of: f.per };
}

// ---- the table -------------------------------------------------------------------------------
const num = (v, unit) => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2)) + (unit ? ' ' + unit : '');
const range = (f) => `${num(f.median, f.unit)} (${num(f.min)}–${num(f.max)})` + (f.p99 !== undefined ? `, p99 ${num(f.p99)}` : '');
const rate = (f) => (f.rate ? `${Math.round(f.rate.per_second).toLocaleString('en')} ${f.rate.of}/s` : '');
const rows = all.map((f) => [f.where, f.label, range(f), rate(f), f.baseline ? f.baseline.label : '—',
  f.baseline ? range({ ...f.baseline, unit: f.unit }) : '', f.ratio !== undefined ? f.ratio.toFixed(2) : '']);
const header = ['where', 'figure', 'median (min–max)', 'rate', 'baseline, measured in the same run', 'baseline median (min–max)', 'ratio'];
console.log(`\nHearth benchmarks — ${small ? 'small data set' : 'the synthetic district'}, ${runs} run(s) per figure, ${started.toISOString()}\n`);
console.log('| ' + header.join(' | ') + ' |');
console.log('|' + header.map(() => '---').join('|') + '|');
for (const r of rows) console.log('| ' + r.map((c) => String(c).replace(/\|/g, '/')).join(' | ') + ' |');
if (failures.length) console.log(`\nNOT RUN: ${failures.map((f) => `${f.bench} (${f.why})`).join(', ')}`);

// ---- the JSON --------------------------------------------------------------------------------
const tryRun = (cmd, a) => { try { return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };
const result = {
  generated: started.toISOString(),
  mode: small ? 'small' : 'district',
  runs,
  scale,
  commit: tryRun('git', ['-C', ROOT, 'rev-parse', 'HEAD']),
  dirty: (tryRun('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']) || '') !== '',
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1), loadavg_at_start: os.loadavg(),
             node: process.version, chromium: tryRun('/usr/bin/chromium', ['--version']) },
  builds: { native: path.relative(ROOT, nativeDir), wasm: path.relative(ROOT, wasmDir) },
  seconds: timings,
  failures,
  figures: all,
};
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`\n${all.length} figures → ${path.relative(ROOT, out)}; logs in ${path.relative(ROOT, logDir)}/`);
process.exit(failures.length ? 1 : 0);
