// The benchmark runner (`make bench`): serves bench/www (the widget's CSP; the Arquero page
// adds 'unsafe-eval', which Arquero's expression compiler needs), starts ONE headless
// Chromium, and for each extract size and tool opens the bench page, fetches the file once,
// runs a warm-up, checks the figures against yjlens's report, then times 5 runs.
// Usage: node bench/run.mjs [--sizes 50k,1m] [--reps 5] [--tools yjlens,duckdb,arquero] [--via fetch|file]
// Size 10m (issue 15 item 3, 1.5 GB; `make bench-10m`) is handed to the page as a `File` through an
// `<input type=file>` (playwright's setInputFiles with the path, as an analyst drops it: Chromium
// reads it from disk, never whole into JS memory), with `--reps 0`: the warm-up run is the one
// timed (a second run would start with the first run's extract still held in wasm memory).
// `--via file` does the same for every size; files over 512 MB always go that way.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { stat, mkdir, cp, writeFile, rm, readdir } from 'node:fs/promises';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { CSP } from '../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WWW = join(ROOT, 'bench/www');
const GEN = join(WWW, 'gen');
const DATA = join(ROOT, 'bench/data');
const NM = join(ROOT, 'node_modules');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const SIZES = arg('sizes', '50k,1m').split(',');
const REPS = Number(arg('reps', '5'));
const TOOLS = arg('tools', 'yjlens,duckdb,arquero').split(',');
const VIA = arg('via', 'fetch');
const log = (...a) => console.error(...a);

// ---- the files the page loads (bench/www/gen, regenerated each run) ----------------------
async function prepare() {
  await rm(GEN, { recursive: true, force: true });
  await mkdir(join(GEN, 'duckdb'), { recursive: true });
  await mkdir(join(GEN, 'arquero'), { recursive: true });
  // YJLENS_PKG: benchmark another build of the package (default: this tree's www/yjlens).
  await cp(process.env.YJLENS_PKG ?? join(ROOT, 'www/yjlens'), join(GEN, 'yjlens'), { recursive: true });
  await cp(join(WWW, 'yj-bench-worker.js'), join(GEN, 'yjlens/yj-bench-worker.js'));
  const dd = join(NM, '@duckdb/duckdb-wasm/dist');
  // duckdb-browser.mjs imports the bare specifier "apache-arrow": point it at a local module
  // re-exporting Arrow's UMD build (no import map, no bundler, no CDN).
  const mjs = readFileSync(join(dd, 'duckdb-browser.mjs'), 'utf8').replaceAll('from"apache-arrow"', 'from"./apache-arrow.mjs"');
  await writeFile(join(GEN, 'duckdb/duckdb-browser.mjs'), mjs);
  for (const f of ['duckdb-browser-eh.worker.js', 'duckdb-eh.wasm']) await cp(join(dd, f), join(GEN, 'duckdb', f));
  await cp(join(WWW, 'duckdb-bench-worker.js'), join(GEN, 'duckdb/duckdb-bench-worker.js'));
  await cp(join(NM, 'apache-arrow/Arrow.es2015.min.js'), join(GEN, 'duckdb/Arrow.es2015.min.js'));
  const names = Object.keys(createRequire(import.meta.url)(join(NM, 'apache-arrow/Arrow.es2015.min.js'))).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
  await writeFile(join(GEN, 'duckdb/apache-arrow.mjs'),
    `// Arrow's UMD build is loaded first as a classic script (bench.js): it sets globalThis.Arrow.\nconst A = globalThis.Arrow;\n` +
    names.map((n) => `export const ${n} = A.${n};`).join('\n') + '\nexport default A;\n');
  await cp(join(NM, 'arquero/dist/arquero.min.js'), join(GEN, 'arquero/arquero.min.js'));
}

// ---- a static server like scripts/serve.mjs, with the per-page CSP ------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.sql': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json' };
const ARQUERO_CSP = CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
function serve() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const csp = url.searchParams.get('tool') === 'arquero' ? ARQUERO_CSP : CSP;
    try {
      const [base, rel] = url.pathname.startsWith('/data/') ? [DATA, url.pathname.slice(6)] : [WWW, url.pathname];
      let path = normalize(join(base, decodeURIComponent(rel)));
      if (!path.startsWith(base)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const { size } = await stat(path);
      // Streamed from disk: a 1.5 GB extract is never held whole by the server.
      res.writeHead(200, { 'Content-Security-Policy': csp, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-cache' });
      createReadStream(path).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Security-Policy': csp });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---- figures check ---------------------------------------------------------------------------
const keyOf = (f) => [f.measure, f.period_type, f.period_start, f.breakdown, f.grp, f.stage].join('|');
function compare(ref, got) {
  const want = new Map(ref.map((f) => [keyOf(f), f.value]));
  const have = new Map(got.map((f) => [keyOf(f), f.value]));
  const diffs = [];
  for (const [k, v] of want) if ((have.get(k) ?? 0) !== v) diffs.push({ key: k, yjlens: v, peer: have.get(k) ?? 0 });
  for (const [k, v] of have) if (!want.has(k) && v !== 0) diffs.push({ key: k, yjlens: null, peer: v });
  return diffs;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function main() {
  await prepare();
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
  const results = { machine: machine(browser.version()), runs: [], checks: [] };
  const files = { '50k': 'rows-50k.csv', '1m': 'rows-1m.csv', '10m': 'rows-10m.csv' };
  for (const size of SIZES) {
    let reference = null;
    const figuresOf = {};
    for (const tool of TOOLS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const shipped = new Map();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
      page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${new URL(r.url()).pathname}`));
      context.on('requestfinished', (r) => {
        const p = new URL(r.url()).pathname;
        if (p.startsWith('/gen/') && !p.includes('bench-worker')) shipped.set(p, join(WWW, p));
      });
      await page.goto(`${base}/index.html?tool=${tool}`);
      await page.waitForFunction(() => window.benchReady === true);
      const cdp = await context.newCDPSession(page);
      const startup = await page.evaluate(() => window.bench.init());
      const file = files[size] ?? `rows-${size}.csv`;
      let bytes;
      const viaFile = VIA === 'file' || statSync(join(DATA, file)).size > 512 * 1048576;
      if (viaFile) {
        // As an analyst drops it: a File backed by the file on disk.
        await page.locator('#extract').setInputFiles(join(DATA, file));
        bytes = await page.evaluate(() => window.bench.useInput());
      } else {
        bytes = await page.evaluate((u) => window.bench.fetchData(u), `/data/${file}`);
      }
      const load = loadavg()[0];
      const runs = [];
      for (let i = 0; i <= Math.max(REPS, 0); i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        let peak = 0;
        let polling = true;
        const poller = (async () => {
          while (polling) {
            try { const h = await cdp.send('Runtime.getHeapUsage'); peak = Math.max(peak, h.usedSize); } catch {}
            await new Promise((ok) => setTimeout(ok, 50));
          }
        })();
        let r;
        try {
          r = await page.evaluate(() => window.bench.run());
        } catch (e) {
          r = { error: String(e).slice(0, 500) };
        }
        polling = false;
        await poller;
        if (r.error) { log(`${tool} ${size}: ${r.error}${r.wasmBytes ? ` (wasm memory ${MB(r.wasmBytes)} when it failed)` : ''}`); runs.push(r); break; }
        r.mainHeapPeak = peak;
        // --reps 0: the warm-up (cold) run is the one timed.
        if (i === 0 && REPS === 0) runs.push(r);
        if (i === 0) {
          if (tool.startsWith('yjlens') && !reference) reference = r.figures;
          figuresOf[tool] = r.figures;
          const diffs = reference ? compare(reference, r.figures) : [{ key: 'no yjlens reference' }];
          results.checks.push({ size, tool, figures: r.figures.length, equal: diffs.length === 0, diffs: diffs.slice(0, 40), nDiffs: diffs.length });
          log(`${size} ${tool}: warm-up ${r.ms.toFixed(0)} ms, ${r.figures.length} figures, ${diffs.length} differences`);
        } else {
          runs.push(r);
          log(`${size} ${tool}: run ${i} ${r.ms.toFixed(0)} ms (load ${loadavg()[0].toFixed(2)})`);
        }
        delete r.figures;
      }
      // The wasm memory at a failure (e.g. wasm32's 4 GB), when the worker could still answer.
      const failedRun = runs.find((r) => r.error);
      const ok = runs.filter((r) => !r.error);
      const gz = [...shipped.values()].map((f) => ({ file: f.slice(WWW.length), raw: readFileSync(f).length, gzip: gzipSync(readFileSync(f), { level: 9 }).length }));
      results.runs.push({
        size, tool, fileBytes: bytes, startupMs: startup, loadAvgStart: load, loadAvgEnd: loadavg()[0],
        medianMs: ok.length ? median(ok.map((r) => r.ms)) : null,
        ms: ok.map((r) => Math.round(r.ms)),
        mainHeapPeak: ok.length ? Math.max(...ok.map((r) => r.mainHeapPeak)) : null,
        wasmBytes: ok.some((r) => r.wasmBytes != null) ? Math.max(...ok.map((r) => r.wasmBytes ?? 0)) : null,
        // Issue 15: parse workers started, and their wasm memories added up (largest run).
        parseWorkers: ok[0]?.parseWorkers ?? null,
        parseWasmBytes: ok.some((r) => r.parseWasmBytes) ? Math.max(...ok.map((r) => r.parseWasmBytes ?? 0)) : null,
        earlierWasmBytes: ok.some((r) => r.earlierWasmBytes) ? Math.max(...ok.map((r) => r.earlierWasmBytes ?? 0)) : null,
        longestTask: ok.length ? Math.max(...ok.map((r) => r.longestTask)) : null,
        split: ok.length ? Object.fromEntries(Object.keys(ok[0].split ?? {}).map((k) => [k, median(ok.map((r) => r.split[k]))])) : null,
        nFigures: ok[0]?.nFigures,
        shippedGzip: gz.reduce((s, f) => s + f.gzip, 0), shippedRaw: gz.reduce((s, f) => s + f.raw, 0), shipped: gz,
        errors: errors.slice(0, 10),
        failed: failedRun?.error,
        failedWasmBytes: failedRun?.wasmBytes ?? null,
        failedAfterMs: failedRun?.ms ?? null,
      });
      await context.close();
      // Written after each tool: a long run (size 10m) stopped half-way keeps what it measured.
      await writeFile(join(ROOT, 'bench/data/results-partial.json'), JSON.stringify(results, null, 2));
      if (tool === 'yjlens' && !process.env.BENCH_NO_PROFILE && !viaFile) results.runs.at(-1).profile = await profileYjlens(browser, base, `/data/${files[size] ?? `rows-${size}.csv`}`);
    }
    // The peers against each other (independent implementations of measures.md).
    if (figuresOf.duckdb && figuresOf.arquero) {
      const diffs = compare(figuresOf.duckdb, figuresOf.arquero);
      results.checks.push({ size, tool: 'arquero vs duckdb', equal: diffs.length === 0, diffs: diffs.slice(0, 40), nDiffs: diffs.length });
      log(`${size} arquero vs duckdb: ${diffs.length} differences`);
    }
  }
  await browser.close();
  server.close();
  results.yjlensPkg = process.env.YJLENS_PKG ?? 'www/yjlens';
  const out = join(ROOT, 'bench/data/results.json');
  await writeFile(out, JSON.stringify(results, null, 2));
  const md = table(results);
  await writeFile(join(ROOT, 'bench/data/results.md'), md);
  console.log(md);
  log(`wrote ${out} and bench/data/results.md`);
  for (const c of results.checks.filter((c) => !c.equal)) {
    log(`WARNING: ${c.size} ${c.tool}: ${c.nDiffs} headline figures differ from ${c.tool.includes(' vs ') ? 'each other' : "yjlens's"}; its times do not count (first: ${JSON.stringify(c.diffs[0])})`);
  }
}

const MB = (b) => (b == null ? '–' : `${(b / 1048576).toFixed(1)} MB`);
const KB = (b) => `${Math.round(b / 1024)} KB`;
function table(results) {
  const m = results.machine;
  const lines = [
    `Machine: ${m.nproc} cores, ${m.cpu}; Chromium ${m.chromium}; Node ${m.node}; load average at start ${m.loadavg.map((x) => x.toFixed(2)).join(' ')}; ${m.date}; yjlens package: ${results.yjlensPkg}`,
    '',
    '| extract | tool | load + compute, median of ' + Math.max(REPS, 1) + (REPS === 0 ? ' (first, cold run)' : '') + ' (runs) | peer ÷ yjlens | figures = yjlens | startup | peak main-thread JS heap | wasm memory | longest main-thread task | shipped, gzip | load avg (start → end) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results.runs) {
    const y = results.runs.find((x) => x.size === r.size && x.tool === 'yjlens');
    const check = results.checks.find((c) => c.size === r.size && c.tool === r.tool);
    const ratio = r.tool === 'yjlens' || !y?.medianMs || !r.medianMs ? '' : `${(r.medianMs / y.medianMs).toFixed(2)}×`;
    lines.push(`| ${r.size} (${MB(r.fileBytes)}) | ${r.tool} | ${r.medianMs == null ? 'failed: ' + r.failed.split('\n')[0] + (r.failedAfterMs ? ` after ${Math.round(r.failedAfterMs)} ms` : '') + (r.failedWasmBytes ? ` (wasm memory ${MB(r.failedWasmBytes)})` : '') : Math.round(r.medianMs) + ' ms'} (${r.ms.join(', ')}) | ${ratio} | ${r.tool === 'yjlens' ? 'reference' : !check ? '–' : check.equal ? `yes (${check.figures})` : `**no: ${check.nDiffs} differ**`} | ${Math.round(r.startupMs)} ms | ${MB(r.mainHeapPeak)} | ${MB(r.wasmBytes)} | ${r.longestTask == null ? '–' : Math.round(r.longestTask) + ' ms'} | ${KB(r.shippedGzip)} | ${r.loadAvgStart.toFixed(2)} → ${r.loadAvgEnd.toFixed(2)} |`);
  }
  lines.push('', 'Split (medians, ms):', '');
  for (const r of results.runs) if (r.split) lines.push(`- ${r.size} ${r.tool}: ${Object.entries(r.split).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}${r.nFigures ? ` (report: ${r.nFigures} figures)` : ''}${r.parseWorkers ? `; ${r.parseWorkers} parse workers, their wasm memory ${MB(r.parseWasmBytes)} in all` : ''}${r.earlierWasmBytes ? `; the year-earlier figures' worker's wasm memory ${MB(r.earlierWasmBytes)}` : ''}`);
  for (const r of results.runs) if (r.profile) lines.push(`- ${r.size} yjlens, profiled run (imports wrapped, untimed): analyse = ${Math.round(r.profile.beforeCompute)} settings + ${Math.round(r.profile.compute)} compute (pure wasm) + ${Math.round(r.profile.toJs)} building JS objects (${r.profile.calls} calls into JS); transfer ${Math.round(r.profile.split.transfer)}${r.profile.experiment.packed ? ' (report arrives packed in columns)' : `; on the page, structuredClone of the ${r.profile.experiment.figures} figures as objects ${Math.round(r.profile.experiment.objectsCloneMs)} ms vs column-wise with transferred buffers ${r.profile.experiment.columnarCloneMs.toFixed(1)} ms (${MB(r.profile.experiment.columnarBytes)} of typed arrays; ${r.profile.experiment.distinct.definition} distinct definitions)`}`);
  for (const c of results.checks) if (c.tool.includes(' vs ')) lines.push(`- ${c.size} ${c.tool}: ${c.equal ? 'equal' : c.nDiffs + ' differ'}`);
  return lines.join('\n') + '\n';
}

// One untimed run with the wasm module's JS imports wrapped (yj-bench-worker.js ?profile=1):
// splits `analyse` into compute (pure wasm) and building the report as JS objects.
async function profileYjlens(browser, base, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/index.html?tool=yjlens&profile=1`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate(() => window.bench.init());
  await page.evaluate((u) => window.bench.fetchData(u), url);
  await page.evaluate(() => window.bench.run());
  const r = await page.evaluate(() => window.bench.run());
  const experiment = await page.evaluate(() => window.bench.transferExperiment());
  await context.close();
  log(`profile: ${JSON.stringify(r.profile)}; transfer experiment: ${JSON.stringify(experiment)}`);
  return { ...r.profile, ms: r.ms, split: r.split, experiment };
}

function machine(chromium) {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try { cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)[1]; } catch {}
  return { nproc: Number(execSync('nproc').toString().trim()), cpu, chromium, node: process.version, loadavg: loadavg(), date: new Date().toISOString() };
}

await main();
