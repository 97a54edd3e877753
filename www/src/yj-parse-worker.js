// Issue 15: a parse worker of the pool (pool.js). It is given the file (a Blob: nothing is
// copied), the ranges of its share of the file (where each starts and ends, in file order) and
// the read options; it reads the file's head and then, range after range, only slices of the
// range (past its end to finish its last record), posting back each range's part of the
// extract as one transferable ArrayBuffer as soon as it is read. Then it is ended. The wasm
// module comes compiled with the job.
import init, { RangeRead } from './yjlens.js';
import { readHere } from './pool.js';

function errorOf(e) {
  if (e && typeof e === 'object' && 'kind' in e) return { kind: e.kind, message: e.message, detail: e.detail ?? null };
  // A wasm trap (a Rust panic aborts the instance), or the module would not load.
  return { kind: 'crash', message: String(e?.message ?? e) };
}

self.onmessage = async ({ data }) => {
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
