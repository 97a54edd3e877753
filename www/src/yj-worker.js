// The Web Worker that runs the wasm core: file bytes in (read in chunks with Blob.slice, so a
// file of hundreds of MB is never one string), progress out, then the report. Nothing here
// touches the network beyond loading the wasm module itself.
import init, { Session, setLanguage, giveMessages, RangeMerge } from './yjlens.js';
import { poolSize, readInRanges, EARLIER_FROM, EARLIER_FROM_BYTES, EARLIER_UP_TO, startWorker, yearEarlierInWorker } from './pool.js';
import { transferables } from './figures.js';
import { CRASH } from './client.js';

const CHUNK = 4 * 1024 * 1024;
const RESTART = 'restart_as_windows_1252';
// The CSV module compiled once here and given to each parse worker of the pool (pool.js), which
// then fetches and compiles nothing (a large file read after the page loaded made a request for
// the module per parse worker). From a server that does not send wasm's MIME type, which
// streaming compilation refuses, it is fetched again and compiled from its bytes. Issue 15: a
// public widget's worker (named 'public' by client.js) runs the publish module alone
// (publish.js) and compiles the CSV module only if a request needs it; any other worker
// compiles it at once.
const wasmUrl = new URL('yjlens_bg.wasm', import.meta.url);
let compiling = null;
const compiled = () =>
  (compiling ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() =>
    fetch(wasmUrl).then((response) => response.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)),
  ));
let session = null;
let lang = 'en'; // the element's language, sent with every request

// Issue 15: the engine in use. The CSV module (`yjlens_bg.wasm`) has no KPIs or comparators;
// the full module (`yjlens_full.js` and its wasm, fetched once, only when KPI or comparator
// files arrive) has everything, and the session is then given again what it held.
let engine = { Session, setLanguage, giveMessages, RangeMerge, ready: null };
/** The engine in use, started (the CSV module the first time). */
const engineStarted = () => (engine.ready ??= compiled().then((module) => init({ module_or_path: module })));
// What the session holds, to give it again: the extract's bytes (or File) and read options,
// the population's bytes and label, our area, the settings of the last analysis.
const held = { extract: null, population: null, area: null, settings: undefined, language: 'en' };
let unanalysed = false; // the full session holds the extract but has not analysed it yet
let spare = null; // a worker started while a large file is read, for its year-earlier figures

/**
 * Write the core's sentences in `language` from now on. The modules have no Welsh table of
 * their own (issue 15): the first Welsh request gives the engine in use the package's
 * `messages/core-cy.js` (fetched once, only by a Welsh page).
 */
async function speak(language) {
  if (language === 'cy' && !engine.welsh) {
    try {
      const { default: table } = await import('./messages/core-cy.js');
      engine.giveMessages('cy', table);
      engine.welsh = true;
    } catch {
      // Not fetched (offline): the core's sentences stay in English, the next request tries again.
    }
  }
  engine.setLanguage(language);
}

async function useFull() {
  if (engine.full) return;
  let full;
  let instance;
  try {
    full = await import('./yjlens_full.js');
    instance = full.default();
    await instance;
  } catch (e) {
    throw { kind: 'load', id: 'engine.full_failed', values: { why: String(e?.message ?? e) } };
  }
  engine = { ...full, ready: instance, full: true };
  if (!session) return;
  session.free(); // the CSV module's memory stays reserved (wasm memory never shrinks), unused
  session = new engine.Session();
  await speak(held.language);
  if (held.population) session.setPopulation(held.population.bytes, held.population.label);
  if (held.area) session.setArea(held.area.name, held.area.code);
  if (held.extract) {
    await readExtract(null, held.extract.source, held.extract.options, held.extract.workers, {});
    unanalysed = true;
  }
}

/** The session's last report exists (a comparison or an export needs it). */
function analysed() {
  if (unanalysed) session.analyse(held.settings);
  unanalysed = false;
}

function post(msg) {
  self.postMessage(msg, transferables(msg.report));
}

function errorOf(e) {
  if (e && typeof e === 'object' && 'message' in e && 'kind' in e) {
    return { kind: e.kind, message: e.message, detail: e.detail ?? null };
  }
  // A sentence of this worker's own: a message id, put in words on the page's side (client.js).
  if (e && typeof e === 'object' && 'id' in e && 'kind' in e) {
    return { kind: e.kind, id: e.id, values: e.values ?? {}, detail: e.detail ?? null };
  }
  // A wasm trap (a Rust panic aborts the instance): the element restarts this worker.
  return {
    kind: 'crash',
    id: CRASH,
    detail: String(e?.message ?? e),
  };
}

/** A file's bytes: a Blob read whole, an ArrayBuffer, or any view of one by exactly its bytes. */
async function bytesOf(source) {
  if (source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw { kind: 'bad_input', id: 'engine.not_bytes' };
}

/**
 * Stream `source` into the session, posting progress. If the first invalid UTF-8 byte comes
 * late, the core says so and the file is read again from byte 0 as Windows-1252.
 */
async function readExtract(id, source, options, workers, stats) {
  // No progress for a session given again its extract (`id` null).
  const tell = id == null ? () => {} : post;
  const total = source.size ?? source.byteLength;
  stats.parseWorkers = 0;
  // Issue 15: a large file (or one the host asked workers for) is read by a pool of parse
  // workers (pool.js); null: it is read in one go after all.
  const n = source instanceof Blob ? poolSize(workers, total) : 1;
  if (n > 1) {
    // The worker for the year-earlier figures, started while this one reads (`startWorker`).
    if (total >= EARLIER_FROM_BYTES) {
      spare ??= startWorker();
      spare.catch(() => {});
    }
    let lastPost = 0;
    const progress = (loaded) => {
      const now = performance.now();
      if (now - lastPost > 50 || loaded === total) {
        tell({ id, type: 'progress', loaded, total });
        lastPost = now;
      }
    };
    const quality = await readInRanges(source, options, n, { RangeMerge: engine.RangeMerge, module: await compiled(), session, progress, stats });
    if (quality !== null) return quality;
    stats.parseWorkers = 0;
  }
  const whole = source instanceof Blob ? null : await bytesOf(source);
  const stream = async (encoding) => {
    session.begin({ ...(options ?? {}), ...(encoding ? { encoding } : {}) });
    session.sizeHint(total);
    let lastPost = 0;
    // Read ahead: the next slice is being read from the file while this one is parsed.
    const slice = (offset) =>
      whole
        ? Promise.resolve(whole.subarray(offset, Math.min(total, offset + CHUNK)))
        : source.slice(offset, Math.min(total, offset + CHUNK)).arrayBuffer().then((b) => new Uint8Array(b));
    let next = total > 0 ? slice(0) : null;
    for (let offset = 0; offset < total; offset += CHUNK) {
      const end = Math.min(total, offset + CHUNK);
      const chunk = await next;
      next = end < total ? slice(end) : null;
      if (session.push(chunk) === RESTART) return RESTART;
      const now = performance.now();
      if (now - lastPost > 50 || end === total) {
        tell({ id, type: 'progress', loaded: end, total });
        lastPost = now;
      }
    }
    return session.finish();
  };
  const quality = await stream(null);
  if (quality !== RESTART) return quality;
  tell({ id, type: 'progress', loaded: 0, total, note: { id: 'progress.windows_1252' } });
  return stream('windows1252');
}

// Issue 13: a spreadsheet (.xlsx, .ods or a zip of them: "PK\3\4"; an .xls: OLE2) is read as
// CSV by sheets.js and its wasm module, both fetched only then. `null`: not a spreadsheet.
async function spreadsheet(source, options) {
  const h = new Uint8Array(await new Blob([source]).slice(0, 4).arrayBuffer());
  if (!((h[0] === 0x50 && h[1] === 0x4b && h[2] === 3 && h[3] === 4) || (h[0] === 0xd0 && h[1] === 0xcf && h[2] === 0x11))) return null;
  return (await import('./sheets.js')).toCsv(source, { name: source.name, lang, ...options });
}
let sheet = null; // the loaded extract's spreadsheet, if it was one: its report names the table read
// Issue 13: comparators. Once any comparator file is held, every report carries
// `comparison` (our figures beside the comparator areas', ranked: comparators.md).
let comparing = false;
let family = null;
const withComparison = (report) => {
  if (comparing) {
    analysed();
    report.comparison = session.compare({ family });
  }
  return report;
};

// One request at a time, in the order sent: a request that reads a file awaits its slices, and
// a request arriving meanwhile (a population, a re-analysis) must not run inside it.
let queue = Promise.resolve();

/**
 * The report with these settings (kept, to give the full module's session again). Issue 15:
 * for a large extract, the year-earlier figures are computed by another worker (on the CSV
 * module, whichever this one runs), on another core, while this one computes the others;
 * computed here after all if that worker fails. `stats.earlierMemoryBytes`: that worker's wasm
 * memory (0: none).
 */
async function analyse(settings, stats = {}) {
  const elsewhere = await yearEarlierElsewhere(settings);
  let report;
  try {
    report = elsewhere ? session.analyseFigures(settings) : session.analyse(settings);
  } catch (e) {
    elsewhere?.stop();
    throw e;
  }
  held.settings = settings;
  unanalysed = false;
  if (elsewhere) {
    const { memory = 0, ...earlier } = await elsewhere.promise.catch(() => session.yearEarlier(settings));
    stats.earlierMemoryBytes = memory;
    Object.assign(report, earlier);
  }
  return report;
}

/**
 * The year-earlier figures started in another worker (`yearEarlierInWorker`), or null: fewer
 * than EARLIER_FROM rows or more than EARLIER_UP_TO, one core, the host asked for one worker,
 * a population the worker cannot be given (`Session.yearEarlierJob`), or the worker did not
 * start.
 */
async function yearEarlierElsewhere(settings) {
  const started = spare;
  spare = null;
  const count = session.rowCount();
  let job;
  try {
    if (count >= EARLIER_FROM && count <= EARLIER_UP_TO && poolSize(held.extract?.workers, Infinity) > 1) job = session.yearEarlierJob(settings);
  } finally {
    if (!job) started?.then((w) => w.terminate(), () => {});
  }
  if (!job) return null;
  // The rows copied out as they lie in this instance's memory (no wasm memory used for them).
  const rows = new Uint8Array((await engine.ready).memory.buffer, job.rows_at, job.rows_bytes).slice();
  return yearEarlierInWorker(started ?? startWorker(), job, rows, { module: await compiled(), population: held.population, lang }).catch(() => null);
}
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data)).catch(() => {});
};

async function handle(data) {
  const { id, type } = data;
  try {
    // The element's language: the core writes its sentences (notes, definitions, period
    // labels, refusals) in it.
    lang = data.lang ?? 'en';
    held.language = lang;
    // Issue 15: public mode runs the publish module (and the full one for comparator files),
    // never the CSV module.
    if (type === 'public') return await publicFigures(id, data);
    await engineStarted();
    session ??= new engine.Session();
    await speak(lang);
    if (type === 'load') {
      const t0 = performance.now();
      const note = (n) => post({ id, type: 'progress', loaded: 0, total: 0, note: n });
      const table = await spreadsheet(data.source, { sheet: data.options?.sheet, profile: data.options?.profile, onNote: note }); // issue 13
      const stats = {};
      // Issue 15 item 2: the previous extract and report are dropped before this file is read
      // (wasm memory never shrinks: held, they would add their size to its peak); if this file
      // is refused, the previous one is read again, so the widget keeps its analysis.
      session.dropExtract();
      let quality;
      try {
        quality = await readExtract(id, table?.csv ?? data.source, data.options, data.workers, stats);
      } catch (e) {
        if (held.extract) {
          try {
            await readExtract(null, held.extract.source, held.extract.options, held.extract.workers, {});
            unanalysed = true;
          } catch {
            held.extract = null; // unreadable now: no analysis to keep
          }
        }
        // No analysis follows: a worker started for the year-earlier figures would wait, idle,
        // until the next one (which starts another when it needs one).
        spare?.then((w) => w.terminate(), () => {});
        spare = null;
        throw e;
      }
      sheet = table;
      held.extract = { source: table?.csv ?? data.source, options: data.options, workers: data.workers };
      const t1 = performance.now();
      const report = withComparison(await analyse(data.settings, stats));
      sheet?.annotate(report); // issue 13
      const t2 = performance.now();
      // Where the time went, for benchmarks (reading + parsing, then every measure).
      // wasm_memory_bytes: the wasm instance's linear memory, which never shrinks (its peak).
      const timing = {
        read_ms: t1 - t0,
        analyse_ms: t2 - t1,
        bytes: data.source.size ?? data.source.byteLength,
        wasm_memory_bytes: (await engine.ready).memory.buffer.byteLength,
        // Issue 15: the parse workers started for this file (0: read in one go here), and their
        // wasm memories added up (each peak, as they ended).
        parse_workers: stats.parseWorkers,
        parse_memory_bytes: stats.parseMemoryBytes ?? 0,
        // The wasm memory of the worker that computed the year-earlier figures (0: none did).
        earlier_memory_bytes: stats.earlierMemoryBytes ?? 0,
      };
      post({ id, type: 'result', quality, report, timing, sheet: sheet?.info ?? null });
    } else if (type === 'population') {
      // `source: null` drops the population (it belonged to the previous extract).
      const pop = data.source && (await spreadsheet(data.source, { fromHeader: true })); // issue 13
      if (data.source) {
        const population = { bytes: pop?.csv ?? (await bytesOf(data.source)), label: data.label ?? 'population file' };
        session.setPopulation(population.bytes, population.label);
        held.population = population;
      } else {
        session.clearPopulation();
        held.population = null;
      }
      post({ id, type: 'result' });
    } else if (type === 'kpi') {
      // Issue 14: the KPIs' files, each replaced or dropped (`null`); `undefined` leaves it.
      // A spreadsheet is read as the CSV of its table, as the extract is.
      const csv = async (source) => (await spreadsheet(source, { profile: data.options?.profile }))?.csv ?? (await bytesOf(source));
      const out = {};
      // A KPI file: the full module from now on. Only files dropped: the CSV module has none.
      if (data.interventions || data.board) await useFull();
      if (!engine.full) return post({ id, type: 'result' });
      if (data.interventions === null) session.clearInterventions();
      else if (data.interventions) out.interventions = session.setInterventions(await csv(data.interventions), data.options);
      if (data.board === null) session.clearBoard();
      else if (data.board) out.board = session.setBoard(await csv(data.board));
      post({ id, type: 'result', ...out });
    } else if (type === 'analyse') {
      const report = withComparison(await analyse(data.settings));
      post({ id, type: 'result', report: sheet ? sheet.annotate(report) : report });
    } else if (type === 'comparators') {
      // The whole comparator state at once (files, our area, our family), so a new worker is
      // given it as one request. A refused file refuses the request (its sentence names it).
      // A comparator file: the full module from now on. Our area alone needs none of it.
      if (data.files?.length) await useFull();
      if (engine.full) {
        session.clearComparators();
        session.setTableMeasures(data.measures ?? {}); // issue 13: other tables of the publication
      }
      comparing = false;
      const kinds = [];
      for (const f of data.files ?? []) {
        const table = await spreadsheet(f.source, { fromHeader: true });
        kinds.push(session.addComparators(table?.csv ?? (await bytesOf(f.source)), f.name ?? 'comparator file'));
      }
      held.area = { name: data.area?.name ?? '', code: data.area?.code ?? '' };
      session.setArea(held.area.name, held.area.code);
      if (engine.full) session.setAreaMap(data.areas ?? {});
      family = data.family ?? null;
      comparing = kinds.length > 0;
      post({ id, type: 'result', kinds });
    } else if (type === 'families') {
      // Issue 13: a `family, area` file (CSV or a spreadsheet): its families.
      await useFull();
      const table = await spreadsheet(data.source, { fromHeader: true });
      post({ id, type: 'result', families: engine.readFamilies(table?.csv ?? (await bytesOf(data.source))) });
    } else if (type === 'aggregate') {
      analysed();
      // Issue 13: with our family's pooled rows. Issue 15: the CSV module has no disclosure
      // control; it gives a controlled export's figures to the publish module (publish.js).
      const out = session.aggregate({ ...data.choice, family }, data.source ?? 'extract', new Date().toISOString());
      const csv = typeof out === 'string' ? out : await (await import('./publish.js')).controlledCsv(out, lang);
      post({ id, type: 'result', csv });
    } else {
      throw { kind: 'protocol', id: 'engine.unknown_request', values: { type } };
    }
  } catch (e) {
    post({ id, type: 'error', error: errorOf(e) });
  }
}

/**
 * Public mode: an aggregate file's figures, disclosure-controlled again at `data.k`, from the
 * publish module (publish.js); with comparator files (issue 13, `comparators-src`), the
 * published figures beside theirs, from the full module. A failure is posted by `handle`.
 */
async function publicFigures(id, data) {
  const table = await spreadsheet(data.source, { fromHeader: true }); // issue 13
  const bytes = table?.csv ?? (await bytesOf(data.source));
  const report = await (await import('./publish.js')).publicReport(bytes, data.k ?? 5, lang);
  if (data.comparators?.length) {
    await useFull();
    await speak(lang);
    const files = [];
    for (const f of data.comparators) files.push({ bytes: (await spreadsheet(f.source, { fromHeader: true }))?.csv ?? (await bytesOf(f.source)), name: f.name });
    report.comparison = engine.publicComparison(bytes, data.k ?? 5, files, data.area?.name ?? '', data.area?.code ?? '');
  }
  post({ id, type: 'result', report });
}

(self.name === 'public' ? Promise.resolve() : engineStarted()).then(
  () => post({ type: 'ready' }),
  (e) => post({ type: 'fatal', error: { kind: 'load', id: 'engine.failed', values: { why: String(e?.message ?? e) } } }),
);
