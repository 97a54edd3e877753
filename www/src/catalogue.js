// The catalogue: every id, label, order, unit and definition the page shows, from the wasm core
// (src/catalogue/ in Rust), read once when this module loads, on the main thread's wasm
// instance (the one that draws the charts: page-wasm.js) — so it is there before anything is
// shown. The page types no measure id, stage, outcome, group or field name of its own: it names
// a measure by the name of its Rust variant (`Measure.ReoffendingBinaryRate`), which maps to
// the id; a name the catalogue does not have is an error at once, not a figure silently
// missing.
//
// Every label comes from the catalogue's message table of the language in use: English (`en`),
// read at load, or Welsh (`cy`), read by `loadLanguage` the first time it is wanted (the wasm
// module has no Welsh table of its own: `messages/core-cy.js` gives it, issue 15); `setLang`
// chooses (the element does, from its `lang`, once `loadTable` has loaded the language), and
// `message(id, values)`, `CATALOGUE` and the entries below follow the language in use.
import { pageWasm } from './page-wasm.js';

/** The languages of the message tables. */
export const LANGS = Object.freeze(['en', 'cy']);

/** The language in use ('en' or 'cy'). */
export let LANG = 'en';

/** The language of a `lang` attribute ("cy", "cy-GB" → 'cy'); anything else is English. */
export const langOf = (attr) => (/^cy\b/i.test(attr ?? '') ? 'cy' : 'en');

let loaded = null;
let byLang = {};
let failure = null;
// The page's wasm module (page-wasm.js: the CSV module, or the publish module on a public page).
let wasm = null;
try {
  wasm = await pageWasm();
  byLang = { en: wasm.catalogue('en') };
  loaded = byLang.en;
} catch (e) {
  // The engine cannot start (the worker will say so): an empty catalogue keeps the element
  // defined, so the page can show that error.
  failure = e;
}

const EMPTY = {
  lang: LANG,
  measures: [],
  families: [],
  stages: [],
  decision_points: [],
  breakdowns: [],
  tiers: [],
  outcomes: [],
  units: [],
  flags: [],
  statuses: [],
  period_types: [],
  fields: [],
  settings: { reference_group: [], custody_unit: [], cohort_method: [], defaults: {} },
  text_columns: [],
  number_columns: [],
  messages: {},
};

/** The core's message tables of languages other than English, fetched when first wanted. */
export const CORE_TABLES = { cy: () => import('./messages/core-cy.js') };

/**
 * Read the catalogue of `lang` (once): the core's table of that language is fetched and given
 * to this instance first. Resolves when `setLang(lang)` can speak it; English, a language
 * without a table, or no engine resolve at once.
 */
export async function loadLanguage(lang) {
  if (!loaded || Object.hasOwn(byLang, lang) || !Object.hasOwn(CORE_TABLES, lang)) return;
  const { default: table } = await CORE_TABLES[lang]();
  wasm.giveMessages(lang, table);
  byLang[lang] ??= wasm.catalogue(lang);
}

/** Use language `lang` ('en' or 'cy') for every label and sentence from now on. */
export function setLang(lang) {
  const l = LANGS.includes(lang) ? lang : 'en';
  if (l === LANG) return;
  LANG = l;
  // This instance draws the charts: its sentences (a chart's refusal) follow too.
  if (loaded) wasm.setLanguage(l);
}

const current = () => byLang[LANG] ?? loaded ?? EMPTY;

/**
 * An object built from the catalogue of the language in use, rebuilt (once) per language: it
 * reads like a plain object (keys, entries, properties) whose values follow `setLang`.
 */
export function perLang(build) {
  const built = {};
  const target = () => (built[LANG] ??= build(current()));
  return new Proxy(
    {},
    {
      get: (_, k) => target()[k],
      has: (_, k) => k in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, k) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), k);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** The whole catalogue in the language in use (see `Catalogue` in report.d.ts). */
export const CATALOGUE = perLang((c) => Object.freeze(c));

/** Why the catalogue could not be read (null when it was). */
export const CATALOGUE_ERROR = failure;

/**
 * Names → ids, as the Rust enum's variants map to their ids. Reading a name the catalogue
 * does not have throws (a typo, or a measure that is gone); with no catalogue (the engine did
 * not start) a name reads as itself, so the modules still load and the element can say why.
 */
function names(list, value = (x) => x.id, what = 'id') {
  const map = Object.freeze(Object.fromEntries(list.map((x) => [x.key, value(x)])));
  return new Proxy(map, {
    get(target, name) {
      if (typeof name !== 'string' || Object.hasOwn(target, name)) return target[name];
      if (!loaded) return name;
      throw new Error(`The catalogue has no ${what} named ${name}.`);
    },
  });
}

/** Measure ids by variant name: `Measure.FteRate` is the first-time entrant rate's id. */
export const Measure = names(CATALOGUE.measures, undefined, 'measure');
/** Measure families: `Family.Disproportionality`. */
export const Family = names(CATALOGUE.families, undefined, 'family');
/** Disproportionality stages: `Stage.Custody`. */
export const Stage = names(CATALOGUE.stages, undefined, 'stage');
/** Breakdowns: `Breakdown.Ethnicity`. */
export const Breakdown = names(CATALOGUE.breakdowns, undefined, 'breakdown');
/** Outcome tiers: `Tier.Diversion`. */
export const Tier = names(CATALOGUE.tiers, undefined, 'tier');
/** Units, as figures carry them: `Unit.Percent` is '%'. */
export const Unit = names(CATALOGUE.units, (u) => u.text, 'unit');
/** RRI flags: `Flag.Over`. */
export const Flag = names(CATALOGUE.flags, undefined, 'flag');
/** Figure statuses: `Status.Provisional`. */
export const Status = names(CATALOGUE.statuses, undefined, 'status');
/** Period types: `PeriodType.FinancialYear`. */
export const PeriodType = names(CATALOGUE.period_types, undefined, 'period type');

const index = (list, key = (x) => x.id) => new Map(list.map((x) => [key(x), x]));
const INDEX = perLang((c) => ({
  measures: index(c.measures),
  stages: index(c.stages),
  breakdowns: index(c.breakdowns),
  units: index(c.units, (u) => u.text),
}));
const MEASURES = { get: (id) => INDEX.measures.get(id) };
const STAGES = { get: (id) => INDEX.stages.get(id) };
const BREAKDOWNS = { get: (id) => INDEX.breakdowns.get(id) };
const UNITS = { get: (text) => INDEX.units.get(text) };

/** A measure's entry (label, family, unit, needs_population, definition), or undefined. */
export const measureInfo = (id) => MEASURES.get(id);
/** A stage's entry (label, base_label, counted, headline), or undefined. */
export const stageInfo = (id) => STAGES.get(id);
/** A breakdown's entry (label, groups in display order or null, unknown group), or undefined. */
export const breakdownInfo = (id) => BREAKDOWNS.get(id);
/** A unit's entry by the text figures carry ('%'): kind, decimals; undefined for another text. */
export const unitInfo = (text) => UNITS.get(text);

/** The text of message `id` in language `lang` ('en', 'cy'), whatever the language in use. */
export const messageIn = (lang, id) => byLang[lang]?.messages[id] ?? loaded?.messages[id] ?? id;

/** The message `id` of the language, its `{name}` placeholders filled from `values`. */
export function message(id, values = {}) {
  const text = current().messages[id] ?? loaded?.messages[id];
  if (text === undefined) return id;
  return fill(text, values);
}

/**
 * A template with its `{name}` placeholders filled from `values`, as the core's `fill()`:
 * `{n|one|other}` is the word that agrees with a number ("{n} {n|row|rows}").
 */
export function fill(text, values = {}) {
  return text.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (all, name, one, other) => {
    if (!Object.hasOwn(values, name)) return all;
    if (one === undefined) return String(values[name]);
    return String(values[name]) === '1' ? one : other;
  });
}
