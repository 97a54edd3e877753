// The page's message tables, one per language, keyed by id (messages/en.js, messages/cy.js); `t(id, values)`
// reads the table of the catalogue's language, then English, then the catalogue's own table
// (the Rust one, for the words of the figures), filling `{name}` placeholders.
import { LANG, fill, message } from '../catalogue.js';
import en from './en.js';
import cy from './cy.js';

const TABLES = { en, cy };

/** The page's words for `id` in the widget's language, `{name}` filled from `values`. */
export function t(id, values = {}) {
  const text = TABLES[LANG]?.[id] ?? en[id];
  if (text === undefined) return message(id, values);
  return fill(text, values);
}

/** The ids of a table (a second language's table must have English's: see the tests). */
export const tableIds = (lang) => Object.keys(TABLES[lang] ?? {});

/** Whether the page's table of the language in use (or English) has message `id`. */
export const hasMessage = (id) => (TABLES[LANG]?.[id] ?? en[id]) !== undefined;
