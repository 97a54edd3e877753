// Issue 15: a parse worker of the pool (pool.js). It is given the file (a Blob: nothing is
// copied), where its range starts and ends, and the read options; it reads the file's head and
// then only slices of its range (past its end to finish its last record), and posts back its
// part of the extract as one transferable ArrayBuffer. One range per worker, then it is ended.
import init, { RangeRead } from './yjlens.js';

const CHUNK = 1 << 20;
const ready = init({ module_or_path: new URL('yjlens_bg.wasm', import.meta.url) });

function errorOf(e) {
  if (e && typeof e === 'object' && 'kind' in e) return { kind: e.kind, message: e.message, detail: e.detail ?? null };
  // A wasm trap (a Rust panic aborts the instance), or the module would not load.
  return { kind: 'crash', message: String(e?.message ?? e) };
}

self.onmessage = async ({ data }) => {
  const { file, prefixLength, whole, options, start, end } = data;
  try {
    const wasm = await ready;
    const prefix = new Uint8Array(await file.slice(0, prefixLength).arrayBuffer());
    const reader = new RangeRead(prefix, whole, options, start, end);
    try {
      const slice = (at) => file.slice(at, Math.min(file.size, at + CHUNK)).arrayBuffer();
      // Read ahead: the next slice is read from the file while this one is parsed.
      let next = start < file.size ? slice(start) : null;
      for (let at = start; at < file.size; at += CHUNK) {
        const chunk = new Uint8Array(await next);
        next = at + CHUNK < file.size ? slice(at + CHUNK) : null;
        // Progress counts this range's own bytes (a last record read past its end is not).
        self.postMessage({ type: 'progress', bytes: Math.max(0, Math.min(chunk.length, end - at)) });
        if (reader.push(chunk)) break;
      }
      const part = reader.finish();
      self.postMessage({ type: 'part', part: part.buffer, memory: wasm.memory.buffer.byteLength }, [part.buffer]);
    } finally {
      reader.free();
    }
  } catch (e) {
    self.postMessage({ type: 'error', error: errorOf(e) });
  }
};
