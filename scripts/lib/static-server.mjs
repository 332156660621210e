// A small static file server for the built app (scripts/serve and the end-to-end tests),
// behaving as a well-set-up production server should (docs/offline.md):
// - correct MIME types (application/wasm, application/manifest+json);
// - Content-Length, for the loading progress bar;
// - precompressed .br or .gz files when present and accepted;
// - validators (ETag, Last-Modified, 304): a revisit revalidates instead of downloading;
// - file?v=… (a version the page names by its content) cached for a year; everything else,
//   sw.js above all, revalidated every time.
// Binds to 127.0.0.1 unless told otherwise. Usage: node static-server.mjs DIR [PORT] [HOST]
// `onResponse(req, {status, bytes, encoding})` (optional) sees every answer: tests count bytes.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.css': 'text/css; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

export function startServer(root, port = 8080, host = '127.0.0.1', { onResponse } = {}) {
  root = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || !stat.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' }).end('not found');
        if (onResponse) onResponse(req, { status: 404, bytes: 0, encoding: '' });
        return;
      }
      const immutable = url.searchParams.has('v');
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
                        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
                        'X-Content-Type-Options': 'nosniff', 'Vary': 'Accept-Encoding' };
      let send = file, size = stat.size, encoding = '';
      const accepts = req.headers['accept-encoding'] || '';
      for (const [ext, name] of [['.br', 'br'], ['.gz', 'gzip']]) {
        if (!new RegExp(`\\b${name}\\b`).test(accepts)) continue;
        const packed = await fs.stat(file + ext).catch(() => null);
        if (packed && packed.mtimeMs >= stat.mtimeMs) { send = file + ext; size = packed.size; encoding = name; break; }
      }
      if (encoding) headers['Content-Encoding'] = encoding;
      headers['ETag'] = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}${encoding ? '-' + encoding : ''}"`;
      headers['Last-Modified'] = stat.mtime.toUTCString();
      const done = (status, bytes) => { if (onResponse) onResponse(req, { status, bytes, encoding }); };
      if (req.headers['if-none-match'] === headers['ETag']) {
        delete headers['Content-Type'];
        res.writeHead(304, headers).end();
        done(304, 0);
        return;
      }
      headers['Content-Length'] = size;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') { res.end(); return; }
      createReadStream(send).pipe(res);
      done(200, size);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  if (!dir) { console.error('usage: static-server.mjs DIR [PORT] [HOST]'); process.exit(2); }
  startServer(dir, Number(port), host).then(() => {
    console.log(`Hearth is served at http://${host}:${port}/  (Ctrl+C stops)`);
  }, (e) => {
    console.error(e.code === 'EADDRINUSE' ? `port ${port} is in use: set PORT=… to use another` : String(e));
    process.exit(1);
  });
}
