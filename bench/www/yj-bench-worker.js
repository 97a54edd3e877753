// The widget's worker (yj-worker.js, unchanged) plus a probe for the benchmark: wasm memory
// size and time spent inside each Session method. The probe listens first and answers on its
// own MessagePort, so the worker protocol itself is untouched. Copied next to yj-worker.js.
import init, { Session } from './yjlens.js';

const spent = { push: 0, finish: 0, analyse: 0, pushes: 0, analyseEnd: 0 };
for (const name of ['push', 'finish', 'analyse']) {
  const orig = Session.prototype[name];
  Session.prototype[name] = function (...args) {
    const t = performance.now();
    try {
      return orig.apply(this, args);
    } finally {
      const now = performance.now();
      spent[name] += now - t;
      if (name === 'push') spent.pushes++;
      if (name === 'analyse') spent.analyseEnd = performance.timeOrigin + now;
    }
  };
}
self.addEventListener('message', (e) => {
  if (!e.data || !e.data.__probe) return;
  e.stopImmediatePropagation();
  const port = e.data.__probe;
  port.onmessage = async ({ data }) => {
    if (data === 'reset') {
      Object.assign(spent, { push: 0, finish: 0, analyse: 0, pushes: 0, analyseEnd: 0 });
      port.postMessage({});
    } else {
      const wasm = await init(); // already initialised: returns the module's exports
      port.postMessage({ ...spent, wasmBytes: wasm.memory.buffer.byteLength });
    }
  };
});
await import('./yj-worker.js');
