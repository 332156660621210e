// Figures for the browser benchmarks, in the same form as the C++ ones (bench/measure.hpp): one
// `@figure {…}` line each, which bench/run.mjs gathers into its table and latest.json.
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const rank99 = Math.ceil(s.length * 0.99);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], p99: s[Math.max(0, rank99 - 1)], runs: s.length };
}
export const once = (v) => ({ median: v, min: v, max: v, runs: 1 });

const plain = ({ median, min, max, runs, p99 }, withP99) => (withP99 ? { median, min, max, p99, runs } : { median, min, max, runs });

// figure('store.open', 'open the app…', stats(xs), { unit, baseline: ['bare read', stats(ys)], count: [n, 'events'], p99 })
export function figure(id, label, value, { unit = 'ms', baseline, count, p99 = false } = {}) {
  const f = { id, label, unit, ...plain(value, p99) };
  if (baseline) f.baseline = { label: baseline[0], ...plain(baseline[1], p99) };
  if (count) { f.count = count[0]; f.per = count[1]; }
  console.log('@figure ' + JSON.stringify(f));
}

export const fmt = (f, unit = 'ms', digits = 0) => `${f.median.toFixed(digits)} ${unit} (${f.min.toFixed(digits)}–${f.max.toFixed(digits)})`;
export const MiB = (b) => (b / 1048576).toFixed(1) + ' MiB';
