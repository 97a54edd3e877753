// A static file server for the demo and the browser tests: 127.0.0.1 only, the widget's
// Content-Security-Policy on every response, `.wasm` as application/wasm, no listings.
// Usage: node scripts/serve.mjs ROOT [PORT]   (or import { serve } for tests; port 0 = any).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' blob: data:; worker-src 'self' blob:";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serve `root` on 127.0.0.1:`port`; resolves to the listening server. */
export function serve(root, port = 0, { extraHeaders = {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', ...extraHeaders };
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!path.startsWith(base)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'EISDIR' ? 404 : 500, {
        ...headers,
        'Content-Type': 'text/plain; charset=utf-8',
      });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'www', port = '8000'] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  console.log(`serving ${root} on http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`);
}
