// The widget's worker (yj-worker.js, unchanged) plus a probe for the benchmark: wasm memory
// size and time spent inside each Session method. The probe listens first and answers on its
// own MessagePort, so the worker protocol itself is untouched. Copied next to yj-worker.js.
import init, { Session, initSync } from './yjlens.js';

// ?profile=1 (a separate, untimed run): wrap every JS function the wasm module imports, to
// find where `analyse` stops computing and starts building JS objects — the longest stretch
// with no call into JS is the pure-wasm compute; what follows is serialisation to JS objects.
const prof = { on: false, calls: 0, last: 0, maxGap: 0, gapStart: 0, gapEnd: 0 };
if (new URL(import.meta.url).searchParams.get('profile') === '1') {
  const wrapImports = (imports) => {
    for (const ns of Object.values(imports ?? {})) {
      for (const [k, f] of Object.entries(ns)) {
        if (typeof f !== 'function') continue;
        ns[k] = function (...a) {
          if (prof.on) {
            const t = performance.now();
            prof.calls++;
            if (t - prof.last > prof.maxGap) Object.assign(prof, { maxGap: t - prof.last, gapStart: prof.last, gapEnd: t });
            prof.last = t;
          }
          return f.apply(this, a);
        };
      }
    }
    return imports;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    WebAssembly[name] = (src, imports) => orig.call(WebAssembly, src, wrapImports(imports));
  }
}

const spent = { push: 0, finish: 0, analyse: 0, pushes: 0, analyseEnd: 0, stages: [] };
// Issue 15 item 2: the wasm memory (its high-water mark: it never shrinks) when each analysis
// starts (the extract read) and ends (every measure computed and handed to JS).
const wasmNow = () => initSync().memory.buffer.byteLength; // initialised by now: no-op
// Issue 15: `analyseFigures` is `analyse` for a large extract whose year-earlier figures another
// worker computes meanwhile (the time until they arrive is in the load's total, not here).
for (const method of ['push', 'finish', 'analyse', 'analyseFigures']) {
  const name = method === 'analyseFigures' ? 'analyse' : method;
  const orig = Session.prototype[method];
  Session.prototype[method] = function (...args) {
    const t = performance.now();
    if (name === 'analyse') spent.stages.push({ read: wasmNow() });
    if (name === 'analyse') Object.assign(prof, { on: true, calls: 0, last: t, maxGap: 0, gapStart: t, gapEnd: t, start: t });
    try {
      return orig.apply(this, args);
    } finally {
      const now = performance.now();
      spent[name] += now - t;
      if (name === 'push') spent.pushes++;
      if (name === 'analyse') {
        spent.stages[spent.stages.length - 1].analysed = wasmNow();
        spent.analyseEnd = performance.timeOrigin + now;
        prof.on = false;
        prof.end = now;
      }
    }
  };
}
self.addEventListener('message', (e) => {
  if (!e.data || !e.data.__probe) return;
  e.stopImmediatePropagation();
  const port = e.data.__probe;
  port.onmessage = async ({ data }) => {
    if (data === 'reset') {
      Object.assign(spent, { push: 0, finish: 0, analyse: 0, pushes: 0, analyseEnd: 0 }); // stages kept: the first load's are the fresh worker's
      port.postMessage({});
    } else {
      const wasm = await init(); // already initialised: returns the module's exports
      const profile = prof.calls
        ? { calls: prof.calls, beforeCompute: prof.gapStart - prof.start, compute: prof.maxGap, toJs: prof.end - prof.gapEnd }
        : null;
      port.postMessage({ ...spent, wasmBytes: wasm.memory.buffer.byteLength, profile });
    }
  };
});
await import('./yj-worker.js');
