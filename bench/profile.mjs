// node bench/profile.mjs [--native DIR] [--divisor N] [--events N]: where the time goes in the
// largest native figures, measured with perf (sampling at 999 Hz, frame-pointer call graphs;
// scripts/bench builds build/bench-native with frame pointers for this). Each sample is given
// to the phase whose function is on its stack (fold = Workspace::load, restore =
// restore_snapshot, …); for each phase it prints the share of its samples in the functions that
// ran (self) and in the phase function's direct callees (inclusive). Libraries built without
// frame pointers (libstdc++, libsodium) can cut a stack short: such samples reach no phase and
// are left out, so shares are of the samples attributed. Written to bench/results/profile.txt
// as well. docs/performance.md quotes it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shortName } from './lib/symbols.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const nativeDir = path.resolve(ROOT, opt('--native', 'build/bench-native'));
const divisor = opt('--divisor', '1');
const bundleEvents = opt('--events', '100000');
const outFile = path.join(ROOT, 'bench/results/profile.txt');

// phase → the function (demangled, without its parameters) whose presence on the stack marks it
const RUNS = [
  { bench: 'bench_core', args: [divisor, '1'], phases: [
    ['generate the district', 'hearth::generate_district'],
    ['fold all events into state', 'hearth::Workspace::load'],
    ['decode only (the fold\'s baseline)', 'hearth::decode_event'],
    ['encode a snapshot', 'hearth::encode_snapshot'],
    ['restore a snapshot', 'hearth::restore_snapshot'],
    ['build the worker register', 'hearth::workers_table'],
    ['index the register for search', 'hearth::TableSearch::TableSearch'],
    ['search as you type, register', 'hearth::chosen_rows'],
    ['search as you type, picker', 'hearth::State::search_workers'],
    ['KPIs for a year', 'hearth::programme_kpis'],
    ['the dashboard\'s figures', 'hearth::dashboard_figures'],
    ['credit grades', 'hearth::rate_credit'],
  ] },
  { bench: 'bench_bundle', args: [bundleEvents, '1'], phases: [
    ['export (make_bundle)', 'hearth::make_bundle'],
    ['verify (open_bundle)', 'hearth::open_bundle'],
    ['merge: plan the import (open, check, order each bundle)', 'hearth::Inbox::plan'],
    ['merge: fold the merged events', 'hearth::State::apply'],
    ['merge: the inbox\'s bookkeeping', 'hearth::Inbox::commit'],
  ] },
];

function profile(run) {
  const data = path.join(os.tmpdir(), `hearth-perf-${run.bench}-${process.pid}.data`);
  const exe = path.join(nativeDir, 'bench', run.bench);
  const rec = spawnSync('perf', ['record', '-F', '999', '--call-graph', 'fp', '-o', data, '--', exe, ...run.args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (rec.status !== 0) throw new Error(`perf record ${run.bench}: ${rec.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const script = execFileSync('perf', ['script', '-i', data, '-F', 'ip,sym', '--no-inline'], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  rmSync(data, { force: true });
  // samples: blank-line separated stacks, leaf first
  const samples = script.split(/\n\s*\n/).map((block) => block.split('\n').map((l) => l.trim()).filter(Boolean)
    .map((l) => shortName(l.replace(/^[0-9a-f]+\s+/, '')))).filter((st) => st.length);
  // each sample belongs to the outermost phase function on its stack (decode_event called by
  // Workspace::load is the fold's, not the decode baseline's)
  const phaseOf = (st) => {
    let best = -1, at = -1;
    run.phases.forEach(([, root], k) => { const i = st.lastIndexOf(root); if (i > at) { at = i; best = k; } });
    return best;
  };
  const byPhase = run.phases.map(() => []);
  let attributed = 0;
  for (const st of samples) { const k = phaseOf(st); if (k >= 0) { byPhase[k].push(st); attributed++; } }
  const lines = [`${run.bench} ${run.args.join(' ')}: ${samples.length} samples (999 Hz), ${attributed} with a phase function on their stack`];
  run.phases.forEach(([title, root], k) => {
    const mine = byPhase[k];
    if (!mine.length) { lines.push(`\n  ${title} (${root}): no samples`); return; }
    const self = new Map(), callee = new Map();
    for (const st of mine) {
      self.set(st[0], (self.get(st[0]) || 0) + 1);
      const at = st.lastIndexOf(root);  // the outermost call of it; the frame below is its callee
      const c = at > 0 ? st[at - 1] : '(itself)';
      callee.set(c, (callee.get(c) || 0) + 1);
    }
    const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([name, count]) => `      ${(100 * count / mine.length).toFixed(1).padStart(5)} %  ${name}`);
    lines.push(`\n  ${title} (${root}): ${mine.length} samples ≈ ${(mine.length / 999).toFixed(2)} s`);
    lines.push('    self (the function running when sampled):', ...top(self, 10));
    lines.push(`    inclusive, by what ${root.split('::').pop()} called directly:`, ...top(callee, 8));
  });
  return lines.join('\n');
}

const report = [`Hearth profile — ${new Date().toISOString()}, ${os.cpus()[0]?.model}, build ${path.relative(ROOT, nativeDir)}`];
let failed = false;
for (const run of RUNS) {
  try { report.push('', profile(run)); } catch (e) { failed = true; report.push('', `${run.bench}: not profiled: ${e.message}`); }
}
const text = report.join('\n') + '\n';
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
console.log(text);
console.log(`→ ${path.relative(ROOT, outFile)}`);
process.exit(failed ? 1 : 0);
