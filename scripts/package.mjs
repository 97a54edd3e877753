// The package's page files, minified (issue 15: the CSV path's shipped size). `make wasm` runs
// `node scripts/package.mjs www/src www/yjlens yjlens.js yjlens_full.js yjlens_sheets.js`: every
// file of `www/src` is written into the package folder, each JavaScript module minified on its
// own with esbuild (one file per module, as in `www/src`, so the lazy `import()`s and the
// `new URL('…', import.meta.url)` of the worker, the wasm and the stylesheet stay as written) and
// the stylesheet minified; the TypeScript declarations and package.json are copied as they are.
// The files named after the two folders (wasm-bindgen's bindings, already in the package) are
// minified where they are. `www/src` stays the readable source.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, statSync, copyFileSync } from 'node:fs';
import { join, extname } from 'node:path';

// esbuild is a dev dependency (`npm ci`). Without it the package is still written, unminified,
// with a warning: the build never stops for want of it, but the sizes it prints are then larger.
let transform = null;
try {
  ({ transform } = await import('esbuild'));
} catch {
  console.error('scripts/package.mjs: esbuild is not installed (npm ci): the package is written UNMINIFIED');
}

/** `text` of a file with extension `ext` minified, or null when it is copied unchanged. */
async function minified(text, ext) {
  if (!transform) return null;
  if (ext === '.js') return (await transform(text, { loader: 'js', format: 'esm', minify: true, legalComments: 'none' })).code;
  if (ext === '.css') return (await transform(text, { loader: 'css', minify: true, legalComments: 'none' })).code;
  return null;
}

/** Writes `from`'s files into `to` (folders too), minified where `minified` knows the type. */
async function writePackage(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (statSync(source).isDirectory()) {
      await writePackage(source, target);
      continue;
    }
    const out = await minified(readFileSync(source, 'utf8'), extname(name));
    if (out === null) copyFileSync(source, target);
    else writeFileSync(target, out);
  }
}

const [src, pkg, ...inPlace] = process.argv.slice(2);
if (!src || !pkg) {
  console.error('usage: node scripts/package.mjs SRC_DIR PACKAGE_DIR [FILE_IN_PACKAGE …]');
  process.exit(2);
}
await writePackage(src, pkg);
for (const name of inPlace) {
  const file = join(pkg, name);
  const out = await minified(readFileSync(file, 'utf8'), extname(name));
  if (out !== null) writeFileSync(file, out);
}
