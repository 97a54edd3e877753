// DuckDB-WASM's browser worker (unchanged) plus a probe for the benchmark: the wasm memories it
// creates or instantiates, reported on a MessagePort. Copied next to the DuckDB worker files.
/* eslint-disable no-restricted-globals */
const memories = [];
const keep = (result) => {
  const inst = result.instance ?? result;
  for (const v of Object.values(inst.exports ?? {})) if (v instanceof WebAssembly.Memory) memories.push(v);
  return result;
};
const OrigMemory = WebAssembly.Memory;
WebAssembly.Memory = function (desc) {
  const m = new OrigMemory(desc);
  memories.push(m);
  return m;
};
WebAssembly.Memory.prototype = OrigMemory.prototype;
for (const name of ['instantiate', 'instantiateStreaming']) {
  const orig = WebAssembly[name];
  WebAssembly[name] = (...a) => orig.apply(WebAssembly, a).then(keep);
}
self.addEventListener('message', (e) => {
  if (!e.data || !e.data.__probe) return;
  e.stopImmediatePropagation();
  const port = e.data.__probe;
  port.onmessage = () =>
    port.postMessage({ wasmBytes: [...new Set(memories)].reduce((s, m) => s + m.buffer.byteLength, 0) });
});
importScripts('duckdb-browser-eh.worker.js');
