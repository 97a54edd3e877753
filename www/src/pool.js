// Issue 15: a large file read by a pool of parse workers, without SharedArrayBuffer (council
// portals cannot send the COOP/COEP headers it needs). The coordinating worker (yj-worker.js)
// reads the file's head, cuts the rest into byte ranges just after a line feed, and hands each
// range to a parse worker (yj-parse-worker.js), which reads only Blob slices of its range and
// posts back its part of the extract as one transferable ArrayBuffer. The parts are merged here
// in file order (RangeMerge, in the wasm core): a range whose cut fell inside a quoted field is
// read again from where the previous range's records ended, so the extract is the one reading
// the file in one go gives, whatever the number of workers. The file is never held whole.

/** Files smaller than this are read in one go unless the host asks for workers. */
export const SPLIT_FROM = 8 << 20;
/** At most this many parse workers. */
export const MAX_WORKERS = 8;
/** The head (title lines, header) is looked for in at most this many first bytes. */
const HEAD_BYTES = 4 << 20;
/** A cut's line feed is looked for this many bytes at a time. */
const WINDOW = 64 << 10;
/** A parse worker reads its range this much at a time (also here, for a range read again). */
export const CHUNK = 1 << 20;

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

/** Bytes `start..len` cut into at most `n` ranges of about equal size, just after line feeds (as `cut_ranges` in the core). */
export async function cutRanges(file, start, len, n) {
  const cuts = [start];
  const span = Math.max(0, len - start);
  for (let k = 1; k < Math.max(1, n); k++) {
    const target = start + Math.floor((span * k) / n);
    if (target <= cuts[cuts.length - 1]) continue;
    const c = await lineEndAfter(file, target);
    if (c === null || c >= len || c <= cuts[cuts.length - 1]) break;
    cuts.push(c);
  }
  cuts.push(Math.max(len, start));
  return cuts.slice(1).map((end, i) => [cuts[i], end]);
}

/** One range read by a new parse worker: its part's bytes (an ArrayBuffer). */
function parseInWorker(job, onBytes, workers) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./yj-parse-worker.js', import.meta.url), { type: 'module' });
    workers.push(worker);
    const done = () => worker.terminate();
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') return onBytes(data.bytes);
      done();
      if (data.type === 'part') resolve({ part: data.part, memory: data.memory });
      else reject(data.error);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      done();
      reject({ kind: 'crash', message: String(e.message ?? 'parse worker error') });
    };
    worker.postMessage(job);
  });
}

/** A range read again here, in the coordinating worker (its cut fell inside a record). */
async function parseHere(RangeRead, job) {
  const reader = new RangeRead(job.prefix, job.whole, job.options, job.start, job.end);
  try {
    for (let at = job.start; at < job.file.size; at += CHUNK) {
      const chunk = new Uint8Array(await job.file.slice(at, Math.min(job.file.size, at + CHUNK)).arrayBuffer());
      if (reader.push(chunk)) break;
    }
    return reader.finish();
  } finally {
    reader.free();
  }
}

/**
 * Read `file` (a Blob) in `n` ranges into `session`: its quality report, as `session.finish()`
 * gives it; null when the file is to be read in one go (its head says so, or a range is not
 * UTF-8). `progress(loaded, total)` is told the bytes read so far. What was started is in
 * `stats`: `{ parseWorkers, parseMemoryBytes }`.
 */
export async function readInRanges(file, options, n, { RangeMerge, RangeRead, session, progress, stats }) {
  const total = file.size;
  const prefixLength = Math.min(total, HEAD_BYTES);
  const prefix = new Uint8Array(await file.slice(0, prefixLength).arrayBuffer());
  const whole = prefixLength >= total;
  const merge = RangeMerge.begin(prefix, whole, options, total);
  if (!merge) return null;
  const workers = [];
  try {
    const opts = merge.options();
    const ranges = await cutRanges(file, merge.dataStart(), total, n);
    // The head was read here; the ranges' bytes are counted as their workers read them.
    let loaded = merge.dataStart();
    const onBytes = (b) => {
      loaded += b;
      progress(Math.min(loaded, total), total);
    };
    stats.parseWorkers = ranges.length;
    stats.parseMemoryBytes = 0;
    const parts = ranges.map(([start, end]) =>
      parseInWorker({ file, prefixLength, whole, options: opts, start, end }, onBytes, workers),
    );
    // Unhandled rejections of later parts are settled here; the first in file order is thrown.
    for (const p of parts) p.catch(() => {});
    for (let i = 0; i < ranges.length; i++) {
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
        let again;
        try {
          again = await parseHere(RangeRead, { file, prefix, whole, options: opts, start: from, end: ranges[i][1] });
        } catch (e) {
          if (e?.kind === ONE_GO) return null;
          throw e;
        }
        merge.add(again);
      }
    }
    return merge.finishInto(session);
  } finally {
    for (const w of workers) w.terminate();
    merge.free();
  }
}
