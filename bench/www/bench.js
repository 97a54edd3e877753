// The benchmark page: one tool per page (?tool=yjlens|duckdb|arquero), driven by
// bench/run.mjs through window.bench. Each tool turns the same file bytes (a Blob fetched
// once, untimed) into the headline figures { measure, period_type, period_start, breakdown,
// grp, stage, value }; the runner checks them against yjlens's report before timing counts.
const tool = new URLSearchParams(location.search).get('tool');

// Longest main-thread task during a run (PerformanceObserver 'longtask').
let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: false });

let blob = null;
let lastReport = null;
const tools = {};

// ---- yjlens: the package's worker protocol, as the element drives it --------------------
// `yjlens-wN` (issue 15): the same, the file read by N parse workers (`workers: N`; 1 = in
// one go); plain `yjlens` lets the worker choose (one per core for files of 8 MB and more).
tools.yjlens = async (workers) => {
  const { EngineClient } = await import('./gen/yjlens/client.js');
  class BenchClient extends EngineClient {
    start() {
      const profile = new URLSearchParams(location.search).get('profile') === '1' ? '?profile=1' : '';
      this.worker = new Worker(new URL(`./gen/yjlens/yj-bench-worker.js${profile}`, import.meta.url), { type: 'module' });
      this.worker.onmessage = ({ data }) => (data.type === 'ready' ? this.onReady?.() : this.receive(data));
      this.worker.onerror = (e) => { e.preventDefault?.(); this.crash(String(e.message ?? 'worker error')); };
    }
  }
  let client;
  await new Promise((ok) => {
    client = new BenchClient();
    client.onReady = ok;
  });
  const { port1, port2 } = new MessageChannel();
  client.worker.postMessage({ __probe: port2 }, [port2]);
  const probe = (what) => new Promise((ok) => { port1.onmessage = ({ data }) => ok(data); port1.postMessage(what); });
  const HEADLINE = ['reoffending_cohort', 'reoffending_reoffenders', 'reoffending_reoffences', 'custody_sentences'];
  const figuresJs = await import('./gen/yjlens/figures.js').catch(() => null);
  const select = figuresJs?.select ?? ((report, query) =>
    report.figures.filter((f) => Object.entries(query).every(([k, v]) => f[k] === v)));
  return {
    async run() {
      await probe('reset');
      const t0 = performance.now();
      let msg;
      try {
        msg = await client.request({ type: 'load', source: blob, workers });
      } catch (e) {
        // The wasm memory when it failed (wasm32's 4 GB at 10M rows), if the worker still answers.
        const stats = await Promise.race([probe('stats'), new Promise((ok) => setTimeout(() => ok({}), 5000))]);
        return { error: `${e?.kind ?? ""} ${e?.message ?? e} ${e?.detail ?? ""}`.trim().slice(0, 500), wasmBytes: stats.wasmBytes ?? null, ms: performance.now() - t0 };
      }
      const tReceived = performance.now();
      const received = performance.timeOrigin + tReceived;
      // As the views do: figures.js `select` on the packed table when the report has one
      // (main since the columnar transfer), else a filter over `report.figures`.
      const figures = [];
      const take = (query) => {
        for (const f of select(msg.report, query)) {
          figures.push({ measure: f.measure, period_type: f.period_type, period_start: f.period_start,
            breakdown: f.breakdown, grp: f.group, stage: f.stage, value: f.value });
        }
      };
      for (const measure of HEADLINE) take({ measure, period_type: 'quarter', breakdown: 'all' });
      for (const stage of ['court', 'custody']) take({ measure: 'disp_count', period_type: 'financial_year', stage });
      const ms = performance.now() - t0;
      lastReport = msg.report;
      const split = await probe('stats');
      return {
        ms, figures, nFigures: msg.report.table?.length ?? msg.report.figures.length, packed: !!msg.report.table,
        split: { push: split.push, pushes: split.pushes, finish: split.finish, analyse: split.analyse,
          transfer: received - split.analyseEnd, main: t0 + ms - tReceived,
          // issue 15 item 2: the worker's wasm memory in MiB (its high-water mark) in its first
          // load (the warm-up, in a fresh worker) once the extract is read and once analysed
          wasmReadMiB: (split.stages?.[0]?.read ?? 0) / 1048576, wasmAnalysedMiB: (split.stages?.[0]?.analysed ?? 0) / 1048576 },
        wasmBytes: split.wasmBytes,
        parseWorkers: msg.timing?.parse_workers ?? null,
        parseWasmBytes: msg.timing?.parse_memory_bytes ?? null,
        earlierWasmBytes: msg.timing?.earlier_memory_bytes ?? null,
        profile: split.profile,
      };
    },
  };
};

// ---- DuckDB-WASM: the CSV read by DuckDB from the Blob, the figures in SQL ---------------
const loadScript = (src) => new Promise((ok, fail) => {
  const s = document.createElement('script');
  s.src = src;
  s.onload = ok;
  s.onerror = fail;
  document.head.append(s);
});

tools.duckdb = async () => {
  await loadScript('./gen/duckdb/Arrow.es2015.min.js');
  const duckdb = await import('./gen/duckdb/duckdb-browser.mjs');
  const base = new URL('./gen/duckdb/', import.meta.url);
  const worker = new Worker(new URL('duckdb-bench-worker.js', base));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL('duckdb-eh.wasm', base).href);
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ __probe: port2 }, [port2]);
  const probe = () => new Promise((ok) => { port1.onmessage = ({ data }) => ok(data); port1.postMessage('stats'); });
  const sql = await (await fetch('./peers/headline.sql')).text();
  const statements = sql.split(/^;;$/m).map((s) => s.trim()).filter(Boolean);
  let n = 0;
  return {
    async run() {
      const t0 = performance.now();
      try {
        return await this.timed(t0);
      } catch (e) {
        // What DuckDB says when it cannot (e.g. out of memory at 10M rows), and its wasm memory then.
        const { wasmBytes } = await Promise.race([probe(), new Promise((ok) => setTimeout(() => ok({}), 5000))]);
        return { error: String(e?.message ?? e).slice(0, 500), wasmBytes, ms: performance.now() - t0 };
      }
    },
    async timed(t0) {
      const name = `extract-${n++}.csv`;
      await db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      const conn = await db.connect();
      await conn.query(`CREATE OR REPLACE TABLE raw AS SELECT row_number() OVER () AS rn, *
        FROM read_csv('${name}', all_varchar = true, header = true, delim = ',', quote = '"')`);
      const tRead = performance.now();
      for (const s of statements) await conn.query(s);
      const res = await conn.query('SELECT * FROM headline');
      const figures = res.toArray().map((r) => {
        const o = r.toJSON();
        return { ...o, period_start: new Date(Number(o.period_start)).toISOString().slice(0, 10), value: Number(o.value) };
      });
      await conn.close();
      await db.dropFile(name);
      const ms = performance.now() - t0;
      const { wasmBytes } = await probe();
      return { ms, figures, split: { read_csv: tRead - t0, sql: ms - (tRead - t0) }, wasmBytes };
    },
  };
};

// ---- Arquero: CSV parsed and figures computed in JavaScript, on the page -----------------
tools.arquero = async () => {
  await loadScript('./gen/arquero/arquero.min.js');
  await loadScript('./peers/headline-arquero.js');
  return {
    async run() {
      const t0 = performance.now();
      const text = await blob.text();
      const tText = performance.now();
      const figures = self.arqueroHeadline(text);
      const ms = performance.now() - t0;
      return { ms, figures, split: { text: tText - t0, arquero: ms - (tText - t0) } };
    },
  };
};

let engine = null;
// The transfer proposal, measured on the page (RESULTS.md): the report's figures as objects
// through a structured clone, against the same figures column-wise (typed arrays + string
// tables) cloned with their buffers transferred. Both clones run on the main thread here, so
// each time is serialise + deserialise.
function transferExperiment() {
  if (lastReport.table) return { packed: true };
  const figures = lastReport.figures;
  let t = performance.now();
  structuredClone(figures);
  const objects = performance.now() - t;
  const n = figures.length;
  const STR = ['measure', 'stage', 'period_type', 'period_start', 'period_end', 'period_label', 'breakdown', 'group',
    'breakdown2', 'group2', 'unit', 'flag', 'status', 'definition'];
  const NUM = ['numerator', 'denominator', 'value', 'ci_low', 'ci_high'];
  const cols = { n, tables: {}, idx: {}, num: {}, suppressed: new Uint8Array(n) };
  for (const k of STR) {
    const map = new Map();
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = figures[i][k];
      let j = map.get(v);
      if (j === undefined) map.set(v, (j = map.size));
      idx[i] = j;
    }
    cols.tables[k] = [...map.keys()];
    cols.idx[k] = idx;
  }
  for (const k of NUM) {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = figures[i][k] ?? NaN;
    cols.num[k] = a;
  }
  const buffers = [...Object.values(cols.idx), ...Object.values(cols.num), cols.suppressed].map((a) => a.buffer);
  const columnarBytes = buffers.reduce((s, b) => s + b.byteLength, 0);
  t = performance.now();
  structuredClone(cols, { transfer: buffers });
  const columnar = performance.now() - t;
  const distinct = Object.fromEntries(STR.map((k) => [k, cols.tables[k].length]));
  return { figures: n, objectsCloneMs: objects, columnarCloneMs: columnar, columnarBytes, distinct };
}

const pooled = /^yjlens-w(\d+)$/.exec(tool ?? '');
if (pooled) tools[tool] = () => tools.yjlens(Number(pooled[1]));

window.bench = {
  transferExperiment,
  async init() {
    const t0 = performance.now();
    engine = await tools[tool]();
    return performance.now() - t0;
  },
  // A File picked through the page's <input type=file> (run.mjs setInputFiles): read from disk.
  useInput() {
    blob = document.getElementById('extract').files[0];
    return blob.size;
  },
  async fetchData(url) {
    blob = await (await fetch(url)).blob();
    return blob.size;
  },
  async run() {
    longest = 0;
    const r = await engine.run();
    if (r.error) return r;
    // Let the longtask observer deliver the last entries.
    await new Promise((ok) => setTimeout(ok, 50));
    const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
    return { ...r, longestTask: longest, mainHeapAfter: heap };
  },
};
window.benchReady = true;
