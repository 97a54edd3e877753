// Issue 15: a large file read by a pool of parse workers, without SharedArrayBuffer (council
// portals cannot send the COOP/COEP headers it needs). The coordinating worker (yj-worker.js)
// reads the file's head, cuts the rest into byte ranges just after a line feed (`plan`), reads
// the first range itself and hands each parse worker (yj-parse-worker.js) its share of the
// rest in ranges of at most PART_BYTES; a parse worker reads only Blob slices of its ranges and
// posts back each range's part of the extract as one transferable ArrayBuffer. The parts are
// merged here in file order (RangeMerge, in the wasm core): a range whose cut fell inside a
// quoted field is read again here from where the previous range's records ended, so the
// extract is the one reading the file in one go gives, whatever the number of workers. The
// file is never held whole. Once the file is read, a worker of the pool computes the
// year-earlier figures while the coordinating worker computes the others (`yearEarlierInWorker`).

/** Files smaller than this are read in one go unless the host asks for workers. */
export const SPLIT_FROM = 8 << 20;
/** At most this many parse workers. */
export const MAX_WORKERS = 8;
/** The head (title lines, header) is looked for in at most this many first bytes. */
const HEAD_BYTES = 4 << 20;
/** A cut's line feed is looked for this many bytes at a time. */
const WINDOW = 64 << 10;
/** A range is read this much at a time, here and by a parse worker (4 MB as the one-go read: a
 * Blob slice costs the browser a copy across processes, fewer slices cost less). */
export const CHUNK = 4 << 20;
/**
 * A parse worker's share of the file read in ranges of at most this many bytes, each range's
 * part posted as soon as it is read: the coordinating worker decodes one while the next is
 * read, and a part's bytes (about 45% of its range's) land in the coordinator's wasm memory a
 * few megabytes at a time rather than all at once ("Every core reading" in BENCHMARKS.md).
 */
const PART_BYTES = 16 << 20;

/** Thrown (as the load's error) when a parse worker fails; the page words it (`error.pool`). */
export const POOL_FAILED = 'pool';
/** A range met a byte that is not UTF-8: the file is read in one go instead. */
const ONE_GO = 'read_in_one_go';

/**
 * How many parse workers read a file of `size` bytes: `requested` (the element's `workers`) when
 * given, else one per core up to MAX_WORKERS (1 on a single core), and 1 for a file under
 * SPLIT_FROM.
 */
export function poolSize(requested, size, cores = globalThis.navigator?.hardwareConcurrency ?? 1) {
  const asked = Number(requested);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_WORKERS);
  if (size < SPLIT_FROM) return 1;
  return Math.max(1, Math.min(Math.floor(cores) || 1, MAX_WORKERS));
}

/** The offset just after the first line feed at or after `p` in `file`, or null. */
async function lineEndAfter(file, p) {
  for (let at = p; at < file.size; at += WINDOW) {
    const w = new Uint8Array(await file.slice(at, Math.min(file.size, at + WINDOW)).arrayBuffer());
    const i = w.indexOf(10);
    if (i >= 0) return at + i + 1;
  }
  return null;
}

/**
 * Bytes `start..len` cut into at most `n` ranges of about equal size, just after line feeds (as
 * `cut_ranges` in the core). The line feeds are looked for all at once (each is a Blob read
 * across processes, ~15 ms: one after the other they held the start of reading up), then taken
 * in order as before.
 */
export async function cutRanges(file, start, len, n) {
  const cuts = [start];
  const span = Math.max(0, len - start);
  const targets = Array.from({ length: Math.max(1, n) - 1 }, (_, i) => start + Math.floor((span * (i + 1)) / n));
  const found = await Promise.all(targets.map((target) => lineEndAfter(file, target)));
  for (const [k, target] of targets.entries()) {
    if (target <= cuts[cuts.length - 1]) continue;
    const c = found[k];
    if (c === null || c >= len || c <= cuts[cuts.length - 1]) break;
    cuts.push(c);
  }
  cuts.push(Math.max(len, start));
  return cuts.slice(1).map((end, i) => [cuts[i], end]);
}

/**
 * The share of the data the coordinating worker reads itself when `n` read in parallel: less
 * than an equal share, since it also adds every other part to the merge (decoding a part took
 * about a third of the time reading it did, two readers on two cores: "Every core reading" in
 * BENCHMARKS.md), so that it is done reading about when the parts are there.
 */
export const shareHere = (n) => Math.max(0, 1 / n - 0.05);

/**
 * Bytes `start..total` of `file` shared out among `n` readers: the first range, read here (its
 * end just after a line feed, as every cut), and each of the `n` − 1 parse workers' ranges
 * (equal shares of the rest, each cut in ranges of at most PART_BYTES), in file order.
 */
export async function plan(file, start, total, n) {
  const cut = await lineEndAfter(file, start + Math.floor((total - start) * shareHere(n)));
  const end = cut !== null && cut > start && cut < total ? cut : total;
  const workersShares = end < total ? await cutRanges(file, end, total, n - 1) : [];
  const shares = await Promise.all(workersShares.map(([s, e]) => cutRanges(file, s, e, Math.ceil((e - s) / PART_BYTES))));
  return { first: [start, end], shares };
}

/**
 * `job.ranges` read in turn by parse worker `worker` (`parseWorker`): one promise per range,
 * of its part's bytes (an ArrayBuffer) and, with the last part, the worker's wasm memory (else
 * 0). A failure rejects its range's promise and every later one's.
 */
function parseInWorker({ worker, failed }, job, onBytes) {
  const waiting = job.ranges.map(() => {
    const w = {};
    w.promise = new Promise((resolve, reject) => Object.assign(w, { resolve, reject }));
    return w;
  });
  const fail = (from, error) => {
    worker.terminate();
    for (const w of waiting.slice(from)) w.reject(error);
  };
  // It failed while the file was cut: no job is posted.
  if (failed.error) {
    fail(0, failed.error);
    return waiting.map((w) => w.promise);
  }
  worker.onmessage = ({ data }) => {
    if (data.type === 'ready') return;
    if (data.type === 'progress') return onBytes(data.bytes);
    if (data.type !== 'part') return fail(data.index ?? 0, data.error);
    const last = data.index === waiting.length - 1;
    waiting[data.index].resolve({ part: data.part, memory: last ? data.memory : 0 });
    if (last) worker.terminate();
  };
  failed.tell = (error) => fail(0, error);
  worker.postMessage(job);
  return waiting.map((w) => w.promise);
}

/**
 * A parse worker, started before its ranges are known (its start took ~130 ms of the read):
 * `{ worker, failed }`. Its error handler is set at once: a worker that fails while the file is
 * cut (its script would not load, or threw) has its error kept in `failed.error`, given to
 * `failed.tell` once there is a job. Unhandled, the error would reach this worker's own scope
 * and end the load as a crash of the widget's worker rather than as the pool's failure.
 */
function parseWorker() {
  const worker = new Worker(new URL('./yj-parse-worker.js', import.meta.url), { type: 'module' });
  const failed = { error: null, tell: null };
  worker.onerror = (e) => {
    e.preventDefault?.();
    failed.error = { kind: 'crash', message: String(e.message ?? 'parse worker error') };
    failed.tell?.(failed.error);
  };
  return { worker, failed };
}

/**
 * Bytes `start..end` of `file` pushed into `read` (a `RangeRead`) until it has its range's
 * records, the next slice read from the file while this one is parsed: by a parse worker, and
 * here for the first range and a range read again (its cut fell inside a record). `onBytes` is
 * told the range's own bytes as they are read (null: they were counted already).
 */
export async function readHere(read, file, start, end, onBytes) {
  const slice = (at) => file.slice(at, Math.min(file.size, at + CHUNK)).arrayBuffer();
  let next = start < file.size ? slice(start) : null;
  for (let at = start; at < file.size; at += CHUNK) {
    const chunk = new Uint8Array(await next);
    next = at + CHUNK < file.size ? slice(at + CHUNK) : null;
    onBytes?.(Math.max(0, Math.min(chunk.length, end - at)));
    if (read.push(chunk)) break;
  }
}

/**
 * The part of bytes `start..end` read here and added to `merge` (`RangeMerge.addRead`: its rows
 * moved, never encoded): undefined, or where to read it again from, as `RangeMerge.add`.
 */
async function addReadHere(merge, file, start, end, onBytes) {
  const read = merge.range(start, end);
  try {
    await readHere(read, file, start, end, onBytes);
    return merge.addRead(read);
  } finally {
    read.free();
  }
}

/**
 * Read `file` (a Blob) in `n` ranges into `session`: its quality report, as `session.finish()`
 * gives it; null when the file is to be read in one go (its head says so, or a range is not
 * UTF-8). `module`: the compiled CSV module, given to the parse workers. This worker reads the
 * first range itself while `n` − 1 parse workers read the others
 * (on two cores, two parse workers left it idle and both parts crossed as bytes: "Every core
 * reading" in BENCHMARKS.md). `progress(loaded, total)` is told the bytes read so far. What was
 * done is in `stats`: `{ parseWorkers, parseMemoryBytes }` (how many read in parallel, this
 * worker included; the parse workers' wasm memory added up).
 */
export async function readInRanges(file, options, n, { RangeMerge, module, session, progress, stats }) {
  const total = file.size;
  // The parse workers start while the head is read and the file is cut (they are ended below
  // whatever happens, and unused when the file is read in one go after all).
  const workers = Array.from({ length: n - 1 }, parseWorker);
  let merge;
  try {
    const prefixLength = Math.min(total, HEAD_BYTES);
    const prefix = new Uint8Array(await file.slice(0, prefixLength).arrayBuffer());
    const whole = prefixLength >= total;
    merge = RangeMerge.begin(prefix, whole, options, total);
    if (!merge) return null;
    const opts = merge.options();
    const { first, shares } = await plan(file, merge.dataStart(), total, n);
    const ranges = [first];
    const parts = [null];
    // The head was read here; the ranges' bytes are counted as their readers read them.
    let loaded = merge.dataStart();
    const onBytes = (b) => {
      loaded += b;
      progress(Math.min(loaded, total), total);
    };
    stats.parseWorkers = 1 + shares.length;
    stats.parseMemoryBytes = 0;
    for (const [k, own] of shares.entries()) {
      ranges.push(...own);
      parts.push(...parseInWorker(workers[k], { module, file, prefixLength, whole, options: opts, ranges: own }, onBytes));
    }
    // Unhandled rejections of later parts are settled here; the first in file order is thrown.
    for (const p of parts.slice(1)) p.catch(() => {});
    // The first range starts at the data's start: it is never read again.
    try {
      await addReadHere(merge, file, ranges[0][0], ranges[0][1], onBytes);
    } catch (e) {
      if (e?.kind === ONE_GO) return null;
      throw e;
    }
    for (let i = 1; i < ranges.length; i++) {
      let got;
      try {
        got = await parts[i];
      } catch (e) {
        if (e?.kind === ONE_GO) return null;
        if (e?.kind === 'refused') throw e;
        throw { kind: POOL_FAILED, message: 'A part of the file could not be read by the parallel readers.', detail: String(e?.message ?? e) };
      }
      stats.parseMemoryBytes += got.memory ?? 0;
      parts[i] = null; // issue 15 item 2: the part's bytes are not kept once merged
      const from = merge.add(new Uint8Array(got.part));
      got = null;
      if (from !== undefined) {
        try {
          await addReadHere(merge, file, from, ranges[i][1], null);
        } catch (e) {
          if (e?.kind === ONE_GO) return null;
          throw e;
        }
      }
    }
    return merge.finishInto(session);
  } finally {
    for (const { worker } of workers) worker.terminate();
    merge?.free();
  }
}

/** From this many rows the year-earlier figures are computed in a worker of their own… */
export const EARLIER_FROM = 200_000;
/** …up to this many: at 1M and 3M rows it saved 100–300 ms, at 10M it cost 4 s (its copy of
 * the rows, 480 MB, and its 900 MB of wasm memory beside the widget's worker's 1.2 GB). */
export const EARLIER_UP_TO = 3_000_000;
/** The worker for them is started while a file of this many bytes or more is read (rows of
 * 100 bytes or more: the sample's are 149). */
export const EARLIER_FROM_BYTES = EARLIER_FROM * 100;

/**
 * A worker of the pool started ahead of its job: a promise of it once it is running (rejects
 * when it does not start). Chromium hands a message to a worker started by a worker through the
 * starting worker's thread until the new worker is running: a job posted at once, or as soon
 * as the worker said it had started, waited until the computation here ended (at 1M rows). So
 * a first message goes there and back before the job is posted, and the worker is started
 * while a large file is read (`yj-worker.js`), when this worker is not busy.
 */
export function startWorker() {
  const worker = new Worker(new URL('./yj-parse-worker.js', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.type === 'ready' ? worker.postMessage({ ping: true }) : resolve(worker));
    worker.onerror = (e) => {
      e.preventDefault?.();
      worker.terminate();
      reject({ kind: 'crash', message: String(e.message ?? 'worker error') });
    };
  });
}

/**
 * The year-earlier figures of `job` (`Session.yearEarlierJob`: the settings and the tables) and
 * `rows` (the extract's rows as they lie in the coordinating worker's memory) computed by
 * `started` (`startWorker`) with the population `population` (`{ bytes, label }` or null) in
 * `lang`, on another core, while this worker computes the others: `{ promise, stop }`. The
 * promise gives `{ year_earlier_as_at, packed_year_earlier, memory }` (the worker's wasm
 * memory), or rejects; `stop()` ends the worker. Rejects when the worker did not start.
 */
export async function yearEarlierInWorker(started, job, rows, { module, population, lang }) {
  const worker = await started;
  const promise = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.type === 'year_earlier' ? resolve(data.earlier) : reject(data.error));
    worker.onerror = (e) => {
      e.preventDefault?.();
      reject({ kind: 'crash', message: String(e.message ?? 'year-earlier worker error') });
    };
  }).finally(() => worker.terminate());
  worker.postMessage({ module, earlier: job, rows, population, lang }, [rows.buffer, job.tables.buffer]);
  return { promise, stop: () => worker.terminate() };
}
