// Profile of the 50k path (issue 15 item 4; a benchmark, not a test): one drop of a 50,000-row
// extract on the Reoffending view, recorded with Chromium's performance tracing (timeline and
// V8's sampling profiler, every thread of the page: the main thread and the workers), then
//  - the widget's own split: read + parse, analyse (compute + packing), the post to the page,
//    then the page until the charts are drawn;
//  - per thread, the tasks over 5 ms from the drop on (start, duration), and the longest;
//  - per thread, self time by function between the drop and the charts drawn (wasm functions
//    summed as "(wasm)": the package's module has no name section).
// node bench/widget-profile.mjs [ROWS=50000] [RUNS=1]   (needs target/release/yjlens and the built package)
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { start, openPage, WWW } from '../tests/e2e/browser.mjs';

const ROWS = Number(process.argv[2] ?? 50_000);
const RUNS = Number(process.argv[3] ?? 1);
const CLI = join(WWW, '../target/release/yjlens');
const dir = join(WWW, 'bench-tmp');
mkdirSync(dir, { recursive: true });
const file = join(dir, `extract-${ROWS}.csv`);
writeFileSync(file, execFileSync(CLI, ['sample', '--rows', String(ROWS), '--seed', '11'], { maxBuffer: 1 << 30 }));

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler', 'toplevel'];

const env = await start();
try {
  const { page, context } = await openPage(env.browser, `${env.base}/`);
  await page.waitForFunction(() => document.documentElement.dataset.sampleLoaded === 'true', null, { timeout: 60_000 });
  await page.locator('yj-lens [role="tab"]', { hasText: 'Reoffending' }).click();
  await page.waitForTimeout(500);
  for (let run = 1; run <= RUNS; run++) {
    await env.browser.startTracing(page, { categories: CATEGORIES });
    const done = page.evaluate(() => new Promise((ok) => {
      const el = document.querySelector('yj-lens');
      const marks = {};
      el.addEventListener('yj-progress', () => { marks.progress ||= performance.timeOrigin + performance.now(); }, { once: true });
      el.addEventListener('yj-loaded', (e) => { marks.loaded = performance.timeOrigin + performance.now(); marks.timing = e.detail.timing; }, { once: true });
      const onDrawn = (e) => {
        if (e.detail.since_load_ms === null) return;
        el.removeEventListener('yj-drawn', onDrawn);
        const now = performance.now();
        ok({ ...e.detail, marks, drawnAt: performance.timeOrigin + now, loadAt: performance.timeOrigin + now - e.detail.since_load_ms });
      };
      el.addEventListener('yj-drawn', onDrawn);
    }));
    const load = loadavg()[0];
    await page.locator('yj-lens input[type="file"]').setInputFiles(file);
    const d = await done;
    await page.waitForTimeout(200);
    const trace = JSON.parse((await env.browser.stopTracing()).toString());
    writeFileSync(join(dir, `trace-${ROWS}-${run}.json`), JSON.stringify(trace));
    report(trace, d, load);
  }
  await context.close();
} finally {
  await env.close();
}

// Nodes name their children; the parent of a node, found once per profile.
function parentOf(p, id) {
  if (!p.parents) {
    p.parents = new Map();
    for (const n of p.nodes.values()) for (const c of n.children ?? []) p.parents.set(c, n.id);
  }
  return p.parents.get(id);
}

function report(trace, d, load) {
  const ev = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  // Trace clock (µs) against the page's clock (ms since the epoch): the yj-drawn mark is the
  // end of the drop; the trace's own 'TimeStamp'-free mapping is the main thread's last task
  // before it, so offsets below are from the drop (loadAt) as the page measured it.
  const main = [...names].find(([, n]) => n === 'CrRendererMain')?.[0];
  const tasks = ev.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur);
  // Align: the trace event of the drop's 'input' change is hard to find; use the EventDispatch
  // of 'change' on the main thread (the file input), else the first task.
  const change = ev.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change' && `${e.pid}:${e.tid}` === main);
  const t0 = change ? change.ts : Math.min(...tasks.map((e) => e.ts));
  const tEnd = t0 + d.since_load_ms * 1000;
  console.log(`\n${ROWS} rows: drop → ${d.charts} charts of "${d.view}" drawn in ${d.since_load_ms.toFixed(0)} ms (render ${d.render_ms.toFixed(0)} ms); load average ${load.toFixed(2)}`);
  const t = d.marks.timing;
  if (t) {
    const loadedAfter = d.marks.loaded - d.loadAt;
    console.log(`  worker: read + parse ${t.read_ms.toFixed(0)} ms, analyse (compute + pack) ${t.analyse_ms.toFixed(0)} ms; report on the page (yj-loaded) ${loadedAfter.toFixed(0)} ms after the drop; then ${(d.since_load_ms - loadedAfter).toFixed(0)} ms to the charts drawn`);
  }
  const byThread = new Map();
  for (const e of tasks) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ts + e.dur < t0 || e.ts > tEnd + 100_000) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  for (const [k, list] of byThread) {
    const big = list.filter((e) => e.dur > 5000);
    if (!big.length) continue;
    const n = names.get(k) ?? k;
    console.log(`  ${n}: ${list.length} tasks, ${(list.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(0)} ms busy, longest ${(Math.max(...list.map((e) => e.dur)) / 1000).toFixed(0)} ms; over 5 ms: ${big.map((e) => `@${((e.ts - t0) / 1000).toFixed(0)}+${(e.dur / 1000).toFixed(0)}`).join(', ')}`);
  }
  // V8 sampling profiles, per thread: self time by function within [t0, tEnd].
  const profiles = new Map();
  for (const e of ev) {
    if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { tid: `${e.pid}:${e.tid}`, start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    if (e.name === 'ProfileChunk') {
      const p = profiles.get(`${e.pid}:${e.id}`);
      if (!p) continue;
      const c = e.args.data.cpuProfile ?? {};
      for (const n of c.nodes ?? []) p.nodes.set(n.id, n);
      p.samples.push(...(c.samples ?? []));
      p.deltas.push(...(e.args.data.timeDeltas ?? []));
    }
  }
  for (const p of profiles.values()) {
    const self = new Map();
    const incl = new Map();
    let ts = p.start;
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.deltas[i];
      const dt = (p.deltas[i + 1] ?? 0) / 1000;
      if (ts < t0 || ts > tEnd) continue;
      const node = p.nodes.get(p.samples[i]);
      const cf = node?.callFrame ?? {};
      if (cf.functionName === '(idle)' || cf.functionName === '(program)') continue;
      const name = cf.url?.endsWith('.wasm') || /^\$?(func|wasm-function)/.test(cf.functionName ?? '') || cf.codeType === 'wasm' ? '(wasm)' : `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.split('/').pop() : ''}:${(cf.lineNumber ?? -1) + 1}`;
      self.set(name, (self.get(name) ?? 0) + dt);
      total += dt;
      // Inclusive time: every function on the sample's stack, once.
      const seen = new Set();
      for (let n = node; n; n = p.nodes.get(n.parent ?? parentOf(p, n.id))) {
        const f = n.callFrame ?? {};
        if (!f.url || f.url.endsWith('.wasm')) continue;
        const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${(f.lineNumber ?? -1) + 1}`;
        if (seen.has(key)) continue;
        seen.add(key);
        incl.set(key, (incl.get(key) ?? 0) + dt);
      }
    }
    if (total < 5) continue;
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(`  ${names.get(p.tid) ?? p.tid}, sampled CPU ${total.toFixed(0)} ms from drop to drawn; self time: ${top.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join('; ')}`);
    const inclTop = [...incl].filter(([, ms]) => ms >= 3).sort((a, b) => b[1] - a[1]).slice(0, 30);
    console.log(`    inclusive: ${inclTop.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join('; ')}`);
  }
}
