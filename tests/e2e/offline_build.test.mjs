// The build's offline step (scripts/lib/offline.mjs, docs/offline.md) on a copy of the built app,
// without a browser: what the service worker will trust must be exactly what is in the folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { DIST } from './lib/harness.mjs';
import { stamp, compress, listFiles } from '../../scripts/lib/offline.mjs';
import { ICONS } from '../../scripts/lib/icons.mjs';

const folders = [];
after(() => { for (const f of folders) rmSync(f, { recursive: true, force: true }); });
function copy() {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-stamp-'));
  folders.push(dir);
  cpSync(DIST, dir, { recursive: true, preserveTimestamps: true });
  for (const f of listFiles(dir)) if (/\.(gz|br)$/.test(f)) rmSync(path.join(dir, f));   // as a fresh build leaves it
  return dir;
}
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const precacheOf = (dir) => JSON.parse(/const PRECACHE = (\{.*?\});\n/.exec(readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1]);

test('sw.js lists every file of the site with its true sha256, and the page names this build', () => {
  const dir = copy();
  const p = stamp(dir);
  assert.deepEqual(precacheOf(dir), p);
  const files = listFiles(dir).filter((f) => f !== 'sw.js');
  assert.deepEqual(p.files.map((f) => f.url).sort(), files.sort(), 'every file but the worker itself, nothing more');
  for (const f of p.files) {
    assert.equal(f.sha256, sha256(path.join(dir, f.url)), f.url);
    assert.equal(f.bytes, statSync(path.join(dir, f.url)).size, f.url);
  }
  const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
  assert.match(page, new RegExp(`window\\.HEARTH_BUILD = "${p.build}";`));
  const table = JSON.parse(/window\.HEARTH_FILES = (\{[^\n]*\});/.exec(page)[1]);
  for (const [url, prefix] of Object.entries(table)) assert.equal(prefix, sha256(path.join(dir, url)).slice(0, 12), url);
  assert.ok(table['hearth.wasm'] && table['hearth.js'] && table['fonts/cjk-full.ttf']);
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.webmanifest'), 'utf8'));
  assert.equal(m.name, '家政通 · 开州区家政服务业信息系统');
  for (const icon of ICONS) {
    const png = readFileSync(path.join(dir, 'icons', icon.file));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(png.readUInt32BE(16), icon.size);
  }
});

test('stamping again changes nothing; a changed file changes the build id and only its own line', () => {
  const dir = copy();
  const first = stamp(dir);
  const times = Object.fromEntries(listFiles(dir).map((f) => [f, statSync(path.join(dir, f)).mtimeMs]));
  const again = stamp(dir);
  assert.deepEqual(again, first);
  for (const f of listFiles(dir)) assert.equal(statSync(path.join(dir, f)).mtimeMs, times[f], `${f} was not rewritten`);

  writeFileSync(path.join(dir, 'fonts/latin.ttf'), Buffer.concat([readFileSync(path.join(dir, 'fonts/latin.ttf')), Buffer.from([0])]));
  const changed = stamp(dir);
  assert.notEqual(changed.build, first.build);
  const differs = changed.files.filter((f) => first.files.find((g) => g.url === f.url).sha256 !== f.sha256).map((f) => f.url);
  assert.deepEqual(differs.sort(), ['fonts/latin.ttf', 'index.html'], 'the font, and the page that names it');
});

test('compressed copies decompress to their file, and a stale one is removed rather than served', () => {
  const dir = copy();
  stamp(dir);
  const rows = compress(dir, { brotliQuality: 4 });
  const wasm = rows.find((r) => r.url === 'hearth.wasm');
  assert.ok(wasm.brotli < wasm.bytes * 0.5 && wasm.gzip < wasm.bytes * 0.5, JSON.stringify(wasm));
  for (const r of rows) {
    const file = readFileSync(path.join(dir, r.url));
    if (existsSync(path.join(dir, r.url + '.gz'))) assert.ok(gunzipSync(readFileSync(path.join(dir, r.url + '.gz'))).equals(file), r.url);
    if (existsSync(path.join(dir, r.url + '.br'))) assert.ok(brotliDecompressSync(readFileSync(path.join(dir, r.url + '.br'))).equals(file), r.url);
  }
  assert.ok(!existsSync(path.join(dir, 'icons/icon-512.png.gz')), 'PNGs are not compressed again');
  // the wasm is rebuilt: its old compressed copies must go at the next stamp
  const later = new Date(Date.now() + 5000);
  utimesSync(path.join(dir, 'hearth.wasm'), later, later);
  stamp(dir);
  assert.ok(!existsSync(path.join(dir, 'hearth.wasm.gz')) && !existsSync(path.join(dir, 'hearth.wasm.br')));
  assert.ok(existsSync(path.join(dir, 'hearth.js.gz')), 'the others stay');
});
