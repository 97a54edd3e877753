// Which wasm module the page's own thread runs (issue 15). The catalogue and the charts are in
// every page-facing module, so a page whose widgets are all in public mode when the element's
// module loads (the embedding of `widget.md`: the script is deferred, the elements are there)
// runs the publish module, with no reader and no measures (publish.js), and its worker runs it
// too: the page never fetches the CSV module. Any other page runs the CSV module, which its
// worker runs anyway. A widget added later in the other mode still works: the charts and the
// catalogue are the same in both, only the bytes fetched differ.
import init, * as csvModule from './yjlens.js';

/** Whether every `<yj-lens>` on the page now is in public mode (and there is one). */
export function publicPage(root = globalThis.document) {
  const all = [...(root?.querySelectorAll?.('yj-lens') ?? [])];
  return all.length > 0 && all.every((el) => el.getAttribute('mode') === 'public');
}

async function load() {
  if (publicPage()) return (await import('./publish.js')).pageModule();
  await init({ module_or_path: new URL('yjlens_bg.wasm', import.meta.url) });
  return csvModule;
}

let loading = null;
/**
 * The page's module, started: `{ catalogue, giveMessages, setLanguage, drawChart, chartSvg }`
 * (rejects when it cannot start: the worker then says why).
 */
export function pageWasm() {
  loading ??= load();
  return loading;
}
