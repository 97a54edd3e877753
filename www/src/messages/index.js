// The page's message tables, one per language, keyed by id (messages/en.js, messages/cy.js); `t(id, values)`
// reads the table of the catalogue's language, then English, then the catalogue's own table
// (the Rust one, for the words of the figures), filling `{name}` placeholders.
//
// English is always here; another language's table is fetched only when the widget is to speak
// it (`loadTable`, awaited by the element before it switches): an English page never requests
// messages/cy.js (issue 15, the CSV path's bytes; a test checks the requests).
import { LANG, fill, loadLanguage, message } from '../catalogue.js';
import en from './en.js';

const TABLES = { en };
// The page's table and the core's (the catalogue in that language: issue 15) arrive together.
const LOADERS = { cy: () => Promise.all([import('./cy.js'), loadLanguage('cy')]).then(([m]) => m) };
const loading = {};

/** Whether the page's table of `lang` is here (English always is). */
export const hasTable = (lang) => Object.hasOwn(TABLES, lang) || !Object.hasOwn(LOADERS, lang);

/**
 * Fetch the page's table of `lang` (once; a failed fetch may be tried again). Resolves when
 * `t` can speak it; a language without a table of its own resolves at once (English words).
 */
export function loadTable(lang) {
  if (hasTable(lang)) return Promise.resolve();
  loading[lang] ??= LOADERS[lang]().then(
    (m) => {
      TABLES[lang] = m.default;
    },
    (e) => {
      delete loading[lang];
      throw e;
    },
  );
  return loading[lang];
}

/** The page's words for `id` in the widget's language, `{name}` filled from `values`. */
export function t(id, values = {}) {
  const text = TABLES[LANG]?.[id] ?? en[id];
  if (text === undefined) return message(id, values);
  return fill(text, values);
}

/** The ids of a table loaded (a second language's table must have English's: see the tests). */
export const tableIds = (lang) => Object.keys(TABLES[lang] ?? {});

/** Whether the page's table of the language in use (or English) has message `id`. */
export const hasMessage = (id) => (TABLES[LANG]?.[id] ?? en[id]) !== undefined;
