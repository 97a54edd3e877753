// Public mode and disclosure-controlled exports (issue 15): the publish wasm module
// (`yjlens_publish_bg.wasm`, beside the others), imported only for a public page — whose own
// thread then runs it for the catalogue and the charts (page-wasm.js) and whose worker runs it
// for the aggregate file — or for an analyst's controlled aggregate export. The CSV path
// fetches neither this file nor the publish module, so the module a page fetches to analyse a
// CSV carries no disclosure control, and a page of public widgets never fetches the CSV module.
import init, * as publishModule from './yjlens_publish.js';

let ready = null;
let welsh = false;

/** The module started (once); a module that cannot start is `{ kind: 'load', id }`, put in
 * words on the page's side. */
async function started() {
  ready ??= init({ module_or_path: new URL('yjlens_publish_bg.wasm', import.meta.url) });
  try {
    await ready;
  } catch (e) {
    ready = null;
    throw { kind: 'load', id: 'engine.publish_failed', values: { why: String(e?.message ?? e) } };
  }
  return publishModule;
}

/** The module started, with its sentences in `lang` (the element's): a Welsh request gives it
 * the core's Welsh table first, as the analysis module is given it. */
async function speaking(lang) {
  const wasm = await started();
  if (lang === 'cy' && !welsh) {
    try {
      welsh = wasm.giveMessages('cy', (await import('./messages/core-cy.js')).default) || welsh;
    } catch {
      // Not fetched (offline): the sentences stay in English, the next call tries again.
    }
  }
  wasm.setLanguage(lang ?? 'en');
  return wasm;
}

/**
 * Public mode: the figures of an aggregate file's bytes with disclosure control applied again
 * at threshold `k` (never below the public minimum): `{ provenance, k, packed }`.
 */
export async function publicReport(bytes, k, lang) {
  return (await speaking(lang)).publicFigures(bytes, k);
}

/**
 * The disclosure-controlled aggregate CSV of `exported` (`Session.aggregate`'s `{ packed, job }`
 * when control was asked for): the file the analysis module would write itself.
 */
export async function controlledCsv(exported, lang) {
  return (await speaking(lang)).controlledAggregate(exported);
}

/** The module started, for the page's own thread (page-wasm.js): it reads the catalogue from it
 * and draws the charts with it. */
export const pageModule = started;
