// What a browser fetches of the package to analyse a CSV (issue 15's "CSV path"): the files
// reached from the element's module by static imports and by `new URL('…', import.meta.url)`
// (the worker, the wasm module, the stylesheet), never through a dynamic `import()` — those
// (spreadsheets, the KPIs' and comparators' module and views) load only when they are needed.
// `tests/e2e/csv_path.test.mjs` checks that this list is exactly what Chromium fetches.
// `node scripts/shipped.mjs [dir]` prints the list with gzip -9 sizes (`make wasm` runs it).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

// Written or minified (`make wasm` writes the package through scripts/package.mjs: `import{a as
// b}from"./x.js";`): `import`/`export` then a space, `{` or `*`, never `import(`.
const STATIC_IMPORT = /(?:^|[\n;])\s*(?:import|export)(?=[\s{*])[^;'"`()]*?from\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/g;
const URL_OF = /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/** Files of package `dir` on the CSV path, relative to it, sorted. */
export function csvPath(dir, entry = 'yj-lens.js') {
  const seen = new Set();
  const visit = (file) => {
    const rel = relative(dir, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    if (!file.endsWith('.js')) return;
    const text = readFileSync(file, 'utf8');
    for (const re of [STATIC_IMPORT, URL_OF]) {
      for (const m of text.matchAll(re)) {
        const spec = m[1] ?? m[2];
        if (!/^([a-z]+:|\/)/.test(spec)) visit(resolve(dirname(file), spec));
      }
    }
  };
  visit(join(dir, entry));
  return [...seen].sort();
}

/** Bytes of `gzip -9c FILE` (as BENCHMARKS.md has always measured), each file on its own as a
 * server sends it. */
export function gzipBytes(file) {
  return execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 28 }).length;
}

/** Every file of the package with an extension in `exts` (the package total). */
function packageFiles(dir, exts) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...packageFiles(path, exts).map((f) => join(name, f)));
    else if (exts.some((e) => name.endsWith(e))) out.push(name);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? 'www/yjlens');
  const files = csvPath(dir);
  const sum = (list, ext) => list.filter((f) => f.endsWith(ext)).reduce((s, f) => s + gzipBytes(join(dir, f)), 0);
  const [wasm, js, css] = ['.wasm', '.js', '.css'].map((e) => sum(files, e));
  const all = packageFiles(dir, ['.wasm', '.js', '.css']);
  console.log(`CSV path (what a page fetches to analyse a CSV, ${files.length} files): wasm ${wasm} + js ${js} + css ${css} = ${wasm + js + css} bytes gzip`);
  console.log(`  not fetched for a CSV: ${all.filter((f) => !files.includes(f)).sort().join(', ') || 'none'}`);
  console.log(`package total: wasm ${sum(all, '.wasm')} + js ${sum(all, '.js')} + css ${sum(all, '.css')} bytes gzip`);
}
