// A small static file server for the built app (scripts/serve and the end-to-end tests):
// correct MIME types (application/wasm), Content-Length for the loading progress bar,
// precompressed .gz files when present and accepted, no caching during development.
// Binds to 127.0.0.1 only. Usage: node static-server.mjs DIR [PORT] [HOST]
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.css': 'text/css; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

export function startServer(root, port = 8080, host = '127.0.0.1') {
  root = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || !stat.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache',
                        'X-Content-Type-Options': 'nosniff' };
      let send = file, size = stat.size;
      const gz = await fs.stat(file + '.gz').catch(() => null);
      if (gz && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        send = file + '.gz'; size = gz.size; headers['Content-Encoding'] = 'gzip'; headers['Vary'] = 'Accept-Encoding';
      }
      headers['Content-Length'] = size;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') { res.end(); return; }
      createReadStream(send).pipe(res);
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
