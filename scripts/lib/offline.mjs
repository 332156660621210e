// The last step of the browser build: makes build/wasm/dist an installable, offline,
// safely-updating web app (docs/offline.md).
// Index of this file
// - files: what dist/ holds, each with its sha256
// - stamp: icons and manifest; the build id; index.html's file table (the page asks for
//   hearth.wasm?v=…); sw.js with the precache list; stale .gz/.br removed
// - compress: .gz and .br beside each file that shrinks (scripts/serve, for deployment)
// Usage: node scripts/lib/offline.mjs stamp DIST [--web DIR] [--assets DIR]
//        node scripts/lib/offline.mjs compress DIST
// Only files whose bytes change are written, so a build that changed nothing changes no time.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { writeIcons } from './icons.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// ---- files ---------------------------------------------------------------------------------------
const NOT_PRECACHED = (rel) => rel === 'sw.js' || /\.(gz|br)$/.test(rel) || path.basename(rel).startsWith('.');

// Every file under dir as a path relative to it, with '/' separators, sorted.
export function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileSync(file, text);
  return true;
}

// ---- stamp ---------------------------------------------------------------------------------------
// The page's two stamped lines (shell/index.html carries them empty).
const BUILD_LINE = /window\.HEARTH_BUILD = "[^"\n]*";/;
const FILES_LINE = /window\.HEARTH_FILES = \{[^\n]*\};/;
// What the loader fetches itself and so asks for by version (hearth.wasm?v=…).
const VERSIONED = ['hearth.js', 'hearth.wasm', 'fonts/latin.ttf', 'fonts/cjk-common.ttf', 'fonts/cjk-full.ttf'];

function catalogValue(tsv, key) {
  const line = readFileSync(tsv, 'utf8').split('\n').find((l) => l.startsWith(key + '\t'));
  if (!line) throw new Error(`${tsv}: no ${key}`);
  return line.slice(key.length + 1).trim();
}

function manifest(assets) {
  const zh = path.join(assets, 'i18n/zh-CN.tsv');
  return JSON.stringify({
    name: catalogValue(zh, 'shell.manifest.name'),
    short_name: catalogValue(zh, 'shell.manifest.short_name'),
    description: catalogValue(zh, 'shell.manifest.description'),
    lang: 'zh-CN',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',   // its own window, no browser bars: full screen on a tablet
    orientation: 'any',
    background_color: '#f2f4f7',
    theme_color: '#1466bf',
    categories: ['government', 'productivity'],
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  }, null, 2) + '\n';
}

// Returns { build, files: [{url, sha256, bytes}] } as written into sw.js.
export function stamp(dist, { web = path.join(ROOT, 'web'), assets = path.join(ROOT, 'assets') } = {}) {
  const indexFile = path.join(dist, 'index.html');
  let index = readFileSync(indexFile, 'utf8');
  if (!BUILD_LINE.test(index) || !FILES_LINE.test(index))
    throw new Error(`${indexFile}: the lines window.HEARTH_BUILD = "…"; and window.HEARTH_FILES = {…}; are missing (shell/index.html)`);
  writeIcons(path.join(dist, 'icons'));
  writeIfChanged(path.join(dist, 'manifest.webmanifest'), manifest(assets));

  const rels = listFiles(dist).filter((r) => !NOT_PRECACHED(r) && r !== 'index.html');
  const files = rels.map((url) => {
    const bytes = readFileSync(path.join(dist, url));
    return { url, sha256: sha256(bytes), bytes: bytes.length };
  });
  for (const want of VERSIONED)
    if (!files.some((f) => f.url === want)) throw new Error(`${dist}: ${want} is missing: build the app first`);
  // the build id: every file but the page, and the page without its stamp
  const blank = index.replace(BUILD_LINE, 'window.HEARTH_BUILD = "";').replace(FILES_LINE, 'window.HEARTH_FILES = {};');
  const build = sha256(JSON.stringify([files.map((f) => [f.url, f.sha256]), sha256(blank)])).slice(0, 16);
  const table = Object.fromEntries(files.filter((f) => VERSIONED.includes(f.url)).map((f) => [f.url, f.sha256.slice(0, 12)]));
  index = blank.replace(BUILD_LINE, () => `window.HEARTH_BUILD = "${build}";`).replace(FILES_LINE, () => `window.HEARTH_FILES = ${JSON.stringify(table)};`);
  writeIfChanged(indexFile, index);
  const page = Buffer.from(index);
  files.unshift({ url: 'index.html', sha256: sha256(page), bytes: page.length });

  const precache = { build, files };
  const worker = readFileSync(path.join(web, 'sw.js'), 'utf8');
  if (!worker.includes('/*@PRECACHE@*/null')) throw new Error(`${web}/sw.js: the /*@PRECACHE@*/null placeholder is missing`);
  writeIfChanged(path.join(dist, 'sw.js'), worker.replace('/*@PRECACHE@*/null', () => JSON.stringify(precache)));
  removeStaleCompressed(dist);
  return precache;
}

// A .gz or .br older than its file (or without one) would serve old bytes: gone.
export function removeStaleCompressed(dist) {
  for (const rel of listFiles(dist)) {
    const m = /^(.*)\.(gz|br)$/.exec(rel);
    if (!m) continue;
    const original = path.join(dist, m[1]), packed = path.join(dist, rel);
    if (!existsSync(original) || statSync(original).mtimeMs > statSync(packed).mtimeMs) unlinkSync(packed);
  }
}

// ---- compress ------------------------------------------------------------------------------------
const COMPRESSIBLE = /\.(html|js|mjs|wasm|ttf|json|webmanifest|svg|css|txt)$|LICENSE$/;

// Writes FILE.gz and FILE.br where they are at least 5 % smaller and not already up to date.
// Returns [{url, bytes, gzip, brotli}] for every compressible file (sizes as served).
// Brotli's best (11) takes half a minute for the whole site; tests may ask for less.
export function compress(dist, { brotliQuality = 11 } = {}) {
  removeStaleCompressed(dist);
  const out = [];
  for (const rel of listFiles(dist)) {
    if (!COMPRESSIBLE.test(rel) || /\.(gz|br)$/.test(rel)) continue;
    const file = path.join(dist, rel), bytes = readFileSync(file), mtime = statSync(file).mtimeMs;
    const row = { url: rel, bytes: bytes.length, gzip: bytes.length, brotli: bytes.length };
    for (const [ext, pack] of [
      ['gz', () => gzipSync(bytes, { level: 9 })],
      ['br', () => brotliCompressSync(bytes, { params: { [zc.BROTLI_PARAM_QUALITY]: brotliQuality, [zc.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                                                         [zc.BROTLI_PARAM_MODE]: rel.endsWith('.ttf') ? zc.BROTLI_MODE_FONT : zc.BROTLI_MODE_GENERIC } })],
    ]) {
      const target = `${file}.${ext}`;
      let size;
      if (existsSync(target) && statSync(target).mtimeMs >= mtime) {
        size = statSync(target).size;
      } else {
        const packed = pack();
        if (packed.length > bytes.length * 0.95) { if (existsSync(target)) unlinkSync(target); continue; }
        writeFileSync(target, packed);
        size = packed.length;
      }
      row[ext === 'gz' ? 'gzip' : 'brotli'] = size;
    }
    out.push(row);
  }
  return out;
}

// ---- command line --------------------------------------------------------------------------------
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, dist, ...rest] = process.argv.slice(2);
  const option = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
  try {
    if (command === 'stamp' && dist) {
      const p = stamp(dist, { web: option('--web'), assets: option('--assets') });
      const total = p.files.reduce((n, f) => n + f.bytes, 0);
      console.log(`offline: build ${p.build}, ${p.files.length} files (${(total / 1048576).toFixed(1)} MB) precached by sw.js`);
    } else if (command === 'compress' && dist) {
      const rows = compress(dist);
      const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
      console.log(`compressed: ${(sum('bytes') / 1048576).toFixed(2)} MB → gzip ${(sum('gzip') / 1048576).toFixed(2)} MB, brotli ${(sum('brotli') / 1048576).toFixed(2)} MB`);
    } else {
      console.error('usage: offline.mjs stamp DIST [--web DIR] [--assets DIR] | compress DIST');
      process.exit(2);
    }
  } catch (e) {
    console.error(`offline.mjs: ${e.message}`);
    process.exit(1);
  }
}
