// Issue 15: a parse worker of the pool (pool.js). It is given the file (a Blob: nothing is
// copied), the ranges of its share of the file (where each starts and ends, in file order) and
// the read options; it reads the file's head and then, range after range, only slices of the
// range (past its end to finish its last record), posting back each range's part of the
// extract as one transferable ArrayBuffer as soon as it is read. Then it is ended. The wasm
// module comes compiled with the job.
//
// Or, once a large file is read, it is given the extract's rows and the analysis's settings and
// computes the year-earlier figures while the coordinating worker computes the others
// (`yearEarlierInWorker` in pool.js).
import init, { RangeRead, yearEarlierOf, setLanguage, giveMessages } from './yjlens.js';
import { readHere } from './pool.js';
import { transferables } from './figures.js';

function errorOf(e) {
  if (e && typeof e === 'object' && 'kind' in e) return { kind: e.kind, message: e.message, detail: e.detail ?? null };
  // A wasm trap (a Rust panic aborts the instance), or the module would not load.
  return { kind: 'crash', message: String(e?.message ?? e) };
}

/** The year-earlier figures of `job` in the coordinating worker's language, posted back. */
async function yearEarlier({ module, earlier: job, rows, population, lang }) {
  try {
    const wasm = await init({ module_or_path: module });
    if (lang === 'cy') giveMessages('cy', (await import('./messages/core-cy.js')).default);
    setLanguage(lang);
    const earlier = yearEarlierOf(rows, job.tables, job.settings, job.row_layout, population?.bytes, population?.label);
    earlier.memory = wasm.memory.buffer.byteLength;
    self.postMessage({ type: 'year_earlier', earlier }, transferables(earlier));
  } catch (e) {
    self.postMessage({ type: 'error', error: errorOf(e) });
  }
}

self.onmessage = async ({ data }) => {
  if (data.ping) return self.postMessage({ type: 'pong' });
  if (data.earlier) return yearEarlier(data);
  const { module, file, prefixLength, whole, options, ranges } = data;
  let index = 0;
  try {
    // The coordinating worker's compiled module: nothing fetched or compiled here.
    const wasm = await init({ module_or_path: module });
    const prefix = new Uint8Array(await file.slice(0, prefixLength).arrayBuffer());
    for (const [start, end] of ranges) {
      const reader = new RangeRead(prefix, whole, options, start, end);
      try {
        // Progress counts this range's own bytes (a last record read past its end is not).
        await readHere(reader, file, start, end, (bytes) => self.postMessage({ type: 'progress', bytes }));
        const part = reader.finish();
        self.postMessage({ type: 'part', index, part: part.buffer, memory: wasm.memory.buffer.byteLength }, [part.buffer]);
      } finally {
        reader.free();
      }
      index++;
    }
  } catch (e) {
    self.postMessage({ type: 'error', index, error: errorOf(e) });
  }
};

// Started: a job posted from now on is read at once (`yearEarlierInWorker` waits for this).
self.postMessage({ type: 'ready' });
