// The widget's session with its engine: the EngineClient (the worker running the wasm core)
// and what the worker must hold for the figures on screen to stay usable — the extract's bytes,
// the population, the settings and the mapping profile — and the order things happen in:
// reading a file, re-analysing, the host's population file, the public figures. The element
// (yj-lens.js) owns the screen; the session tells it what to show through a few of its
// methods: setStatus, setProgress, setSource, setPopulationStatus, fail, failWith,
// clearError, syncSettingControls, showExtract, showPublic, show.
import { EngineClient } from './client.js';
import { ETHNIC } from './labels.js';
import { CATALOGUE, LANG } from './catalogue.js';
import { emptyProfile, parseProfile } from './quality.js';
import { download } from './exports.js';
import { parseUkDate } from './format.js';
import { t } from './messages/index.js';
import { POOL_FAILED } from './pool.js';

/** The worker request carrying the whole comparator state. */
const comparatorRequest = (c) => ({ type: 'comparators', files: c.files, area: c.area, family: c.family, areas: c.areas, measures: c.measures });

/** The analysis settings, as the core takes them (and `el.settings` reads them). */
export const DEFAULT_SETTINGS = Object.freeze({ ...CATALOGUE.settings.defaults });

/** The attributes that are settings, and the setting each one is. */
export const SETTING_ATTRIBUTES = {
  'extract-date': 'extract_date',
  'reference-group': 'reference_group',
  'unit-custody': 'custody_unit',
  'cohort-method': 'cohort_method',
  'exclude-breaches': 'exclude_breaches',
};

const CUSTODY_UNITS = { per1000: 'per1000', 'per-1000': 'per1000', per100000: 'per100000', 'per-100000': 'per100000' };
const COHORT_METHODS = ['pooled', 'legacy'];

/** An ISO date (yyyy-mm-dd that is a real day) or a UK one (dd/mm/yyyy) as ISO; else null. */
function isoDate(text) {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (!m) return parseUkDate(text);
  return parseUkDate(`${m[3]}/${m[2]}/${m[1]}`);
}

export const quoted = (v) => `“${typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)}”`;

/** One setting checked: `{ value }` (normalised) or `{ error }` (a sentence a person can act on). */
export function checkSetting(key, v) {
  switch (key) {
    case 'extract_date': {
      if (v === null || v === undefined || v === '') return { value: null };
      const iso = typeof v === 'string' ? isoDate(v) : null;
      return iso ? { value: iso } : { error: t('setting.not_date', { value: quoted(v) }) };
    }
    case 'reference_group':
      return ETHNIC.includes(v) ? { value: v } : { error: t('setting.not_reference_group', { value: quoted(v), groups: ETHNIC.slice(0, -1).join(', '), last: ETHNIC.at(-1) }) };
    case 'custody_unit':
      return Object.hasOwn(CUSTODY_UNITS, v) ? { value: CUSTODY_UNITS[v] } : { error: t('setting.not_custody_unit', { value: quoted(v) }) };
    case 'cohort_method':
      return COHORT_METHODS.includes(v) ? { value: v } : { error: t('setting.not_cohort_method', { value: quoted(v) }) };
    case 'exclude_breaches':
      return typeof v === 'boolean' ? { value: v } : { error: t('setting.not_boolean', { key, value: quoted(v) }) };
    default:
      return { error: t('setting.unknown', { value: quoted(key), settings: Object.keys(DEFAULT_SETTINGS).join(', ') }) };
  }
}

/** A request that stopped because it was no longer wanted (element removed, mode or file changed). */
const quiet = (e) => e?.kind === 'closed' || e?.kind === 'cancelled';
/**
 * 128 MiB: a file of about 900,000 rows (1M rows leave 133–143 MiB; 50,000 rows 49 MiB, the
 * demo's sample with its KPI files 67 MiB: those keep their worker, and the page makes no
 * request after it has loaded).
 */
const RECYCLE_FROM = 128 << 20;

const cancelled = (message) => ({ kind: 'cancelled', message });

/** A population that belongs to an extract (given with it), not to the host or the user. */
const extractOwned = (p) => Boolean(p) && p.owner !== 'host' && p.owner !== 'user';

/**
 * File bytes as the worker takes them: a Blob or File as is; an ArrayBuffer, or any view of one
 * (Uint8Array, Uint16Array, DataView…) by exactly its bytes — its byteOffset and byteLength —
 * copied into a Blob, so a later change to the caller's buffer changes nothing here. Else null.
 */
export function fileBytes(x) {
  if (x instanceof Blob) return x;
  if (x instanceof ArrayBuffer) return new Blob([x]);
  if (ArrayBuffer.isView(x)) return new Blob([new Uint8Array(x.buffer, x.byteOffset, x.byteLength)]);
  return null;
}

export class Session {
  /** The session of element `el` (a <yj-lens>), which shows what the session reports. */
  constructor(el) {
    this.el = el;
    /** The EngineClient, while the element is on the page. */
    this.engine = null;
    /** The report on screen (an analysis, or the public figures), or null. */
    this.report = null;
    this.settings = { ...DEFAULT_SETTINGS };
    // An extract date the host set (the `extract-date` attribute or `settings`) holds for every
    // file until changed; one typed in the settings panel holds for its file only.
    this.hostDate = null;
    this.profile = emptyProfile();
    // The population in use: `{ label, owner, source }`. A population given with an extract (the
    // demo's synthetic sample) belongs to that extract and goes with it; one the host set
    // (`population-src`) or the user loaded stays until replaced.
    this.population = null;
    // Every population given gets a turn (one given since wins over a retried one).
    this.populationTurn = 0;
    // What the analysis on screen was computed from: `{ source, original, name, settings,
    // profile, population }` (`source` the bytes, `original` what the caller gave). A worker
    // that has not got it (a new one, one restarted after a crash, one that read another file
    // that failed) is given it again before it is asked for figures.
    this.shown = null;
    // What the worker in use holds: the `shown` it read, and the population it was given.
    this.engineHolds = null;
    this.enginePopulation = null;
    // Issue 14: the KPIs' files in use, `{ interventions, board }` (each `{ source, label }` or
    // null), and the one the worker holds (a new or restarted worker is given them again).
    this.kpiFiles = { interventions: null, board: null };
    this.engineKpi = { interventions: null, board: null };
    /** The public threshold of the figures on screen. */
    this.k = null;
    // Every load and every public file gets a turn: an answer for an older turn is not shown.
    this.loadTurn = 0;
    this.publicTurn = 0;
    /** The load under way (a promise settled when it ends), or null. */
    this.reading = null;
    // Issue 13: the comparator state (comparators.md): the files (bytes and names), our area
    // and our family; the worker is given all of it in one request, and again when new.
    this.comparators = { files: [], area: { name: '', code: '' }, family: null, areas: {}, measures: {} };
    this.engineComparators = null;
    /** After a file whose worker's wasm memory reached this, the next file gets a new worker. */
    this.recycleFrom = RECYCLE_FROM;
  }

  // ------------------------------------------------------------------ the engine

  /**
   * The worker, started if need be. A new one (the element came back to the page after its
   * worker stopped) is given the population in use and, unless `extract` is false, the extract
   * on screen, so the next settings change or export works. The worker runs requests in the
   * order sent, so what follows waits for these.
   */
  ensureEngine({ extract = true } = {}) {
    if (this.engine) return this.engine;
    const engine = new EngineClient(() => LANG, t, this.el.mode);
    this.engine = engine;
    this.engineHolds = null;
    this.enginePopulation = null;
    this.engineComparators = null;
    this.engineKpi = { interventions: null, board: null };
    engine.onrestart = () => this.restarted(engine);
    this.sync(engine, { extract }).catch(() => {});
    return engine;
  }

  /**
   * Give `engine` what it lacks: the population in use and (unless `extract` is false) the
   * extract on screen, read with the settings and profile of the figures shown — so the worker
   * computes what the screen shows. Resolves when it holds them; rejects `cancelled` if the
   * extract could not be read again (the screen was then cleared with a sentence).
   */
  sync(engine, { extract = true } = {}) {
    const steps = [];
    if (this.enginePopulation !== this.population) {
      const pop = this.population;
      this.enginePopulation = pop;
      const sent = engine.request(pop ? { type: 'population', source: pop.source, label: pop.label } : { type: 'population', source: null });
      steps.push(
        sent.catch((e) => {
          if (this.engine === engine && this.enginePopulation === pop) this.enginePopulation = undefined;
          throw e;
        }),
      );
    }
    if (this.engineComparators !== this.comparators && (this.comparators.files.length || this.comparators.area.name || this.comparators.area.code)) {
      const c = this.comparators;
      this.engineComparators = c;
      steps.push(
        engine.request(comparatorRequest(c)).catch((e) => {
          if (this.engine === engine && this.engineComparators === c) this.engineComparators = undefined;
          throw e;
        }),
      );
    }
    // The KPIs' files, before the extract (its analysis uses them).
    const kpi = this.kpiFiles;
    const held = this.engineKpi;
    if (held.interventions !== kpi.interventions || held.board !== kpi.board) {
      const files = { interventions: kpi.interventions, board: kpi.board };
      this.engineKpi = files;
      const msg = { type: 'kpi', options: { profile: structuredClone(this.profile) } };
      if (held.interventions !== files.interventions) msg.interventions = files.interventions?.source ?? null;
      if (held.board !== files.board) msg.board = files.board?.source ?? null;
      steps.push(
        engine.request(msg).catch((e) => {
          if (this.engine === engine && this.engineKpi === files) this.engineKpi = { interventions: undefined, board: undefined };
          throw e;
        }),
      );
    }
    const shown = this.shown;
    if (extract && shown && this.engineHolds !== shown && this.el.mode !== 'public') {
      this.engineHolds = shown;
      const restore = engine.request({ type: 'load', source: shown.source, settings: shown.settings, options: { profile: shown.profile, sheet: shown.sheet } });
      this.restoring = restore;
      steps.push(
        restore.then(
          () => {
            if (this.restoring === restore) this.restoring = null;
          },
          (e) => {
            if (this.restoring === restore) this.restoring = null;
            if (this.engine === engine && this.engineHolds === shown) this.engineHolds = null;
            if (quiet(e)) throw e;
            this.lost(shown);
            throw cancelled(t('session.cleared.reread'));
          },
        ),
      );
    } else if (extract && this.restoring) steps.push(this.restoring.catch(() => Promise.reject(cancelled(t('session.cleared')))));
    return Promise.all(steps);
  }

  /** The engine in use, holding the population and the extract on screen. */
  async ready() {
    const engine = this.ensureEngine();
    await this.sync(engine);
    if (this.engine !== engine) throw cancelled(t('session.stopped'));
    return engine;
  }

  /**
   * Whether `e` cancelled a request to `engine` because the worker was replaced while it waited
   * (another file chosen while one was read, or a new worker after a large file): what that
   * request carried is given to the new one instead, not lost.
   */
  replaced(e, engine) {
    return e?.kind === 'cancelled' && Boolean(this.engine) && this.engine !== engine;
  }

  /**
   * The worker crashed and the client started a new one, which holds nothing. Give it back the
   * population and the extract on screen — once the failed request's own handling has run (it
   * may put back the population of the figures shown). If it died while being given them, the
   * file cannot be read again: `lost` clears the screen.
   */
  restarted(engine) {
    const failedRestore = this.restoring;
    this.engineHolds = null;
    this.enginePopulation = null;
    this.engineComparators = null;
    this.engineKpi = { interventions: null, board: null };
    if (failedRestore) return;
    setTimeout(() => {
      if (this.engine === engine) this.sync(engine).catch(() => {});
    });
  }

  /**
   * The extract on screen could not be read again into a new worker: clear the screen, with a
   * sentence, rather than leave figures that no setting or export can answer for.
   */
  lost(shown) {
    if (this.shown !== shown) return;
    this.shown = null;
    this.report = null;
    this.el.clearScreen();
    this.el.fail({
      kind: 'crash',
      message: t('session.lost', { name: shown.name }),
    });
  }

  /** Wait until no file is being read (a later one chosen meanwhile included). */
  async idle() {
    while (this.reading) await this.reading;
  }

  /** The element went on the page: preload the engine, and run an analysis asked for while off it. */
  connected() {
    this.ensureEngine();
    if (this.reanalyseOnConnect) {
      this.reanalyseOnConnect = false;
      this.scheduleReanalyse();
    }
  }

  /** The element left the page for good: stop the worker (what is pending is rejected as closed). */
  stop() {
    this.engine?.close();
    this.engine = null;
  }

  /**
   * The element's mode changed. To public: every case-level thing goes — a load under way, the
   * analysis on screen, the extract's bytes, and the worker that read them (a new one reads only
   * published files) — and the public file is fetched afresh. To analyst: the published figures
   * go (they are not an analysis), and a public file on its way is not shown.
   */
  modeChanged(mode) {
    this.loadTurn++;
    this.publicTurn++;
    this.publicSrc = null;
    this.publicK = null;
    this.reanalyseOnConnect = false;
    if (mode === 'public') {
      this.engine?.close(t('session.to_public'), 'cancelled');
      this.engine = null;
      this.shown = null;
      this.restoring = null;
      this.lastSource = null;
      this.lastLabel = null;
      this.report = null;
    } else if (this.report?.public) {
      this.report = null;
    }
  }

  // ------------------------------------------------------------------ settings

  /** Check `patch` and apply all of it (re-analysing once), or none of it; true if applied. */
  applySettings(patch) {
    const el = this.el;
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      el.failWith(t('setting.not_object', { value: quoted(patch) }));
      return false;
    }
    const next = {};
    for (const [key, v] of Object.entries(patch)) {
      const checked = checkSetting(key, v);
      if (checked.error) {
        el.failWith(checked.error);
        return false;
      }
      next[key] = checked.value;
    }
    if ('extract_date' in next) this.hostDate = next.extract_date;
    Object.assign(this.settings, next);
    el.syncSettingControls();
    this.scheduleReanalyse();
    return true;
  }

  /** A setting attribute set or removed (removed: the default; for the date, the file's own). */
  settingFromAttribute(name, value) {
    const key = SETTING_ATTRIBUTES[name];
    let v = value;
    if (value === null) v = DEFAULT_SETTINGS[key];
    else if (key === 'exclude_breaches') v = { '': true, true: true, false: false }[value.trim()] ?? value;
    this.applySettings({ [key]: v });
  }

  /** One setting changed in the settings panel (checked there): it holds for this file only. */
  changeSetting(key, value) {
    this.settings[key] = value;
    this.reanalyse().catch(() => {});
  }

  /** Re-analyse once for every change made in this task (several attributes, or settings). */
  scheduleReanalyse() {
    if (this.reanalyseQueued || !this.report || this.report.public) return;
    // Off the page, no worker is started for it: the analysis runs when the element is back.
    if (!this.el.isConnected) {
      this.reanalyseOnConnect = true;
      return;
    }
    this.reanalyseQueued = true;
    queueMicrotask(() => {
      this.reanalyseQueued = false;
      this.reanalyse().catch(() => {});
    });
  }

  // ------------------------------------------------------------------ files from the host's site

  /** `src` as a URL if it is on this page's origin; otherwise refuse it, unfetched. */
  sameOrigin(src, what) {
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) {
      throw this.el.failWith(t('session.same_origin', { what, origin: location.origin, other: url.origin }));
    }
    return url;
  }

  /**
   * Fetch a file of the host's site (`src`, `population-src`), refusing it — with one sentence,
   * `{ kind: 'fetch' }` — if it is on another site, if the site does not answer or answers with
   * an error, or if it redirects: no redirect is followed (one could hand the widget a file from
   * another site), so `src` must name the file itself.
   */
  async fetchFromSite(src, what) {
    const url = this.sameOrigin(src, what);
    const file = url.pathname.split('/').pop() || url.pathname;
    const refuse = (why) => {
      throw { kind: 'fetch', message: t('fetch.not_loaded', { what, file, why }) };
    };
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin', redirect: 'manual' });
    } catch {
      refuse(t('fetch.no_answer'));
    }
    if (response.type === 'opaqueredirect' || response.redirected || (response.status >= 300 && response.status < 400)) {
      refuse(t('fetch.redirect'));
    }
    if (!response.ok) refuse(t('fetch.http', { status: response.status }));
    return { blob: await response.blob(), file };
  }

  /**
   * Fetch a same-origin population file (the `population-src` attribute). If the attribute
   * changes while this one is on its way, the later file wins.
   */
  async loadPopulationFrom(src) {
    this.populationSrc = src;
    let got;
    try {
      got = await this.fetchFromSite(src, t('file.population'));
    } catch (e) {
      if (this.populationSrc === src && e?.kind === 'fetch') this.el.fail(e);
      throw e;
    }
    if (this.populationSrc !== src) return undefined;
    return this.loadPopulation(got.blob, { label: got.file, owner: 'host' });
  }

  /** `population-src` removed: the host's population goes (rates are no longer shown). */
  async dropHostPopulation() {
    this.populationSrc = null;
    if (this.population?.owner !== 'host') return;
    try {
      await this.dropPopulation();
      // A file being read is computed again without it, once shown.
      await this.idle();
      if (this.report && !this.report.public) await this.reanalyse();
    } catch (e) {
      if (!quiet(e)) this.el.fail(e);
      throw e;
    }
  }

  /**
   * Public mode: fetch a same-origin aggregate file and show it with disclosure control
   * re-applied (threshold `k`, never below the built-in minimum of 3).
   */
  async loadPublic(src, k, comparatorsSrc = '') {
    const el = this.el;
    this.publicSrc = src;
    this.publicK = k;
    this.publicComparators = comparatorsSrc;
    this.sameOrigin(src, t('file.figures'));
    // `src` or `suppress-below` may change again before this one is shown: the last one wins.
    const turn = ++this.publicTurn;
    el.clearError();
    el.setStatus(t('session.loading_public'));
    try {
      const { blob } = await this.fetchFromSite(src, t('file.figures'));
      // Issue 13: `comparators-src` (space-separated, same-origin only, like `src`).
      const comparators = [];
      for (const c of comparatorsSrc.split(/\s+/).filter(Boolean)) {
        const got = await this.fetchFromSite(c, t('compare.file'));
        comparators.push({ source: got.blob, name: got.file });
      }
      const msg = await this.ensureEngine().request({ type: 'public', source: blob, k, comparators, area: this.comparators.area });
      if (turn !== this.publicTurn || el.mode !== 'public') return this.report;
      msg.report.public = true;
      this.report = msg.report;
      this.k = msg.report.k ?? k;
      return el.showPublic(msg.report);
    } catch (e) {
      if (turn === this.publicTurn) el.fail(e);
      throw e;
    }
  }

  // ------------------------------------------------------------------ extracts

  /**
   * Analyse a case-level extract. Resolves with the report; rejects with `{kind, message}`.
   * `population` (optional, with `populationLabel`): denominators that belong to this extract
   * (the demo's synthetic sample) and go when another extract is loaded. The last file chosen
   * wins: a file still being read when another is chosen is dropped — its worker stops — and
   * its promise rejects `cancelled`.
   */
  async loadExtract(source, { label, population, populationLabel, sheet, interventions, board } = {}) {
    const el = this.el;
    if (el.mode === 'public') throw el.failWith(t('public.no_files'));
    const bytes = fileBytes(source);
    if (!bytes) throw el.failWith(t('session.bytes', { method: 'loadExtract' }));
    const turn = ++this.loadTurn;
    // Switching to public mode (or choosing another file) while this one is read makes it not wanted.
    const wanted = () => turn === this.loadTurn && el.mode !== 'public';
    if (this.reading) {
      // The file being read is no longer wanted: its worker stops now (it may have hundreds of
      // MB to go). A new one is given the population; the figures on screen are given back to
      // it only if this file fails.
      this.engine?.close(t('session.another_file'), 'cancelled');
      this.engine = null;
    } else if ((this.timing?.wasm_memory_bytes ?? 0) >= this.recycleFrom && this.engine && !this.engine.busy) {
      // Issue 15 item 2: after a large file, the next is read by a new worker. wasm memory
      // never shrinks: the old worker's memory goes back to the browser (when this rule came,
      // a heap laid out by the last file also held the next one less well: 1M rows with the
      // pool, 142 MiB the first time, 176 MiB the next; 143 MiB both since the widget's worker
      // reads the first range itself), and the new one is given the population, comparators
      // and KPI files (the figures on screen only if this file fails), as after a crash. Only
      // an idle worker: a pending request would be cancelled and have to be given again.
      this.engine.close(t('session.unwanted.ready'), 'cancelled');
      this.engine = null;
    }
    let finished;
    const reading = new Promise((ok) => {
      finished = ok;
    });
    this.reading = reading;
    const engine = this.ensureEngine({ extract: false });
    el.clearError();
    el.setProgress(0);
    const name = label ?? source.name ?? 'extract';
    this.lastSource = source;
    this.lastLabel = label;
    this.lastSheet = sheet;
    this.loadStarted = performance.now();
    el.setStatus(t('session.reading', { name }));
    try {
      // A population belongs to its source: the last extract's own population goes with it.
      if (population) await this.usePopulation(population, { label: populationLabel ?? t('population.with_extract'), owner: source });
      else if (extractOwned(this.population) && this.population.owner !== source) await this.dropPopulation();
      // Issue 14: the KPIs' files given with it replace those in use (the worker gets them
      // first) and belong to it, like its population: files another extract brought go.
      const owned = (f) => f && f.owner !== 'user' && f.owner !== source;
      const drop = { interventions: owned(this.kpiFiles.interventions) ? null : undefined, board: owned(this.kpiFiles.board) ? null : undefined };
      if (interventions || board || drop.interventions === null || drop.board === null) {
        this.setKpiFiles({ interventions: interventions ?? drop.interventions, board: board ?? drop.board }, source);
        await this.sync(engine, { extract: false });
      }
      if (!wanted()) throw cancelled(t('session.another_file'));
      // A new file is read with the date the host set, else the date it gives (its title line,
      // else its latest outcome); a date typed for the last file does not carry over.
      if (this.sourceForDate !== source) this.settings.extract_date = this.hostDate;
      this.sourceForDate = source;
      const settings = { ...this.settings };
      const profile = structuredClone(this.profile);
      const msg = await engine.request({ type: 'load', source: bytes, settings, options: { profile, sheet }, workers: el.workers }, (p) => {
        if (!wanted()) return;
        const pct = p.total ? Math.round((p.loaded / p.total) * 100) : 0;
        el.setProgress(pct);
        el.setStatus(p.note ?? t('session.reading.pct', { name, pct }));
        el.emit('yj-progress', { loaded: p.loaded, total: p.total });
      });
      // Issue 15: the view is built in a task of its own, after the one that received the report
      // and unpacked its figures (client.js): at 50,000 rows one ~40 ms task became two.
      await new Promise((ok) => setTimeout(ok, 0));
      if (!wanted()) throw cancelled(t('session.unwanted.read'));
      this.report = msg.report;
      this.shown = { source: bytes, original: source, name, settings, profile, sheet, population: this.population, kpi: this.kpiFiles };
      this.engineHolds = this.shown;
      this.timing = msg.timing;
      // Issue 15: how many parse workers read it (0: read in one go), for the host and tests.
      el.dataset.parseWorkers = String(msg.timing?.parse_workers ?? 0);
      this.sourceName = source.name ?? 'extract.csv';
      el.setProgress(null);
      const report = el.showExtract(msg.report, msg.timing, name);
      // A spreadsheet: which table was read, and a choice of the others (read again on pick).
      el.showSheet(msg.sheet, (other) => this.loadExtract(source, { label, sheet: other }).catch(() => {}));
      // A setting changed while the file was read: the figures follow it.
      if (JSON.stringify(settings) !== JSON.stringify(this.settings)) this.scheduleReanalyse();
      return report;
    } catch (e) {
      // No longer wanted: the screen is another file's, or public (the caller is told).
      if (!wanted()) throw quiet(e) ? e : cancelled(t('session.unwanted'));
      // Issue 15: a parse worker failed: one sentence in the widget's language.
      if (e?.kind === POOL_FAILED) e.message = t('session.pool_failed');
      // Taken off the page while reading: nothing to tell (the element's caller is told).
      if (e?.kind === 'closed') {
        el.setProgress(null);
        el.setStatus('');
      } else {
        el.fail(e);
        this.backToShown(source);
      }
      throw e;
    } finally {
      if (this.reading === reading) this.reading = null;
      finished();
    }
  }

  /**
   * A file failed (refused, or the worker crashed reading it): the screen keeps the figures of
   * the last file, so their extract date (one typed for that file had been cleared for the new
   * one) and their population (if the failed file had brought or dropped one) are in use again,
   * and the worker is given them again if it no longer holds them.
   */
  backToShown(failed) {
    const shown = this.shown;
    if (shown && this.sourceForDate === failed) {
      this.sourceForDate = shown.original;
      this.settings.extract_date = shown.settings.extract_date;
      this.el.syncSettingControls();
    }
    const pop = this.population;
    const back = shown ? shown.population : null;
    if (pop !== back && (pop?.owner === failed || (!pop && extractOwned(back)))) {
      this.population = back;
      this.el.setPopulationStatus(back ? t('population.in_use', { label: back.label }) : t('population.none'));
    }
    // The KPI files a failed extract brought (or dropped) go back to those of the figures shown.
    const kpi = this.kpiFiles;
    const backKpi = shown?.kpi ?? { interventions: null, board: null };
    const broughtByFailed = kpi.interventions?.owner === failed || kpi.board?.owner === failed;
    const droppedByFailed = (!kpi.interventions && backKpi.interventions) || (!kpi.board && backKpi.board);
    if (kpi !== backKpi && (broughtByFailed || droppedByFailed)) this.kpiFiles = backKpi;
    if (this.engine) this.sync(this.engine).catch(() => {});
  }

  /** Read the last file again with the current mapping profile. */
  async reanalyseWithProfile() {
    if (!this.lastSource) throw this.el.failWith(t('session.choose_again'));
    return this.loadExtract(this.lastSource, { label: this.lastLabel, sheet: this.lastSheet });
  }

  /** Recompute the report with the current settings (no re-reading). */
  async reanalyse() {
    if (!this.report || this.report.public) return null;
    const el = this.el;
    el.setStatus(t('session.recalculating'));
    try {
      const report = await this.analyse();
      // A message about an earlier step (a file that failed, a crash) is over: these figures stand.
      el.clearError();
      el.setStatus(t('session.recalculated'));
      return el.show(report);
    } catch (e) {
      if (!quiet(e)) el.fail(e);
      throw e;
    }
  }

  /**
   * Analyse the extract on screen with the settings in use (after any file being read), and
   * make it the report on screen — unless another file was chosen or the mode changed
   * meanwhile (then `cancelled`). If the worker crashed on it, the settings go back to those
   * of the figures shown (which a new worker is given).
   */
  async analyse() {
    await this.idle();
    const turn = this.loadTurn;
    const shown = this.shown;
    if (!shown) throw cancelled(t('session.nothing_shown'));
    const settings = { ...this.settings };
    let msg;
    try {
      msg = await (await this.ready()).request({ type: 'analyse', settings });
    } catch (e) {
      if (e?.kind === 'crash' && this.shown === shown) {
        Object.assign(this.settings, shown.settings);
        this.el.syncSettingControls();
      }
      throw e;
    }
    if (turn !== this.loadTurn || this.shown !== shown || this.el.mode === 'public') throw cancelled(t('session.unwanted.ready'));
    this.report = msg.report;
    this.shown = { ...shown, settings, population: this.population, kpi: this.kpiFiles };
    if (this.engineHolds === shown) this.engineHolds = this.shown;
    return msg.report;
  }

  // ------------------------------------------------------------------ comparators (issue 13)

  /**
   * Make `next` the comparator state: the worker is given it, then the figures on screen are
   * computed again with their comparison. A refused file (one sentence) leaves the state as
   * it was.
   */
  async setComparators(next) {
    const engine = this.ensureEngine();
    try {
      await engine.request(comparatorRequest(next));
    } catch (e) {
      if (this.replaced(e, engine)) return this.setComparators(next);
      // The worker cleared its set before refusing: give it back the state in use.
      if (this.engine === engine) {
        this.engineComparators = undefined;
        await engine.request(comparatorRequest(this.comparators)).then(() => (this.engineComparators = this.comparators)).catch(() => {});
      }
      if (!quiet(e)) this.el.fail(e);
      throw e;
    }
    const had = this.comparators.files.length > 0;
    this.comparators = next;
    if (this.engine === engine) this.engineComparators = next;
    this.el.showComparators?.();
    // Without comparator files before or after, the figures on screen do not change.
    if (this.report && !this.report.public && (had || next.files.length)) {
      try {
        await this.reanalyse();
      } catch (e) {
        // Another analysis finished first (a setting changed meanwhile): it may have been
        // asked before the worker had these comparators, so ask once more.
        if (e?.kind !== 'cancelled' || !this.report || this.report.public) throw e;
        await this.reanalyse();
      }
    }
    return next;
  }

  /** Add comparator files (each a File or Blob; a name is taken from `names` or the file). */
  loadComparators(sources, names = []) {
    const list = Array.isArray(sources) || sources instanceof FileList ? [...sources] : [sources];
    const files = [];
    for (const [i, source] of list.entries()) {
      const bytes = fileBytes(source);
      if (!bytes) return Promise.reject(this.el.failWith(t('compare.error.bytes')));
      files.push({ source: bytes, name: names[i] ?? source.name ?? t('compare.file') });
    }
    return this.setComparators({ ...this.comparators, files: [...this.comparators.files, ...files] });
  }

  clearComparators() {
    return this.setComparators({ ...this.comparators, files: [] });
  }

  /** Name our area (`area` / `area-code` attributes, the Settings panel). */
  setArea(name, code) {
    const area = { name: (name ?? '').trim(), code: (code ?? '').trim() };
    const was = this.comparators.area;
    if (area.name === was.name && area.code === was.code) return Promise.resolve(this.comparators);
    return this.setComparators({ ...this.comparators, area });
  }

  /** Our family: `{ name, members: [area names] }`, or null; saved in the mapping profile. */
  setFamily(family) {
    const members = (family?.members ?? []).map((m) => String(m).trim()).filter(Boolean);
    const chosen = members.length ? { name: String(family.name ?? '').trim() || t('compare.family.default'), members } : null;
    this.profile.family = chosen;
    return this.setComparators({ ...this.comparators, family: chosen });
  }

  /**
   * Our family from a `family, area` file (CSV or a spreadsheet): the family naming our area,
   * else the file's first. Resolves to the family chosen; a file without both columns is
   * refused in one sentence.
   */
  async loadFamilyFile(file) {
    const engine = this.ensureEngine();
    let msg;
    try {
      msg = await engine.request({ type: 'families', source: file });
    } catch (e) {
      if (this.replaced(e, engine)) return this.loadFamilyFile(file);
      if (!quiet(e)) this.el.fail(e);
      throw e;
    }
    const families = msg.families ?? [];
    if (!families.length) throw this.el.failWith(t('compare.family.file_empty'));
    const ours = this.comparators.area.name.toLowerCase();
    const named = (m) => ours && (m.toLowerCase() === ours || m.toLowerCase().startsWith(`${ours} `));
    const family = families.find((f) => f.members.some(named)) ?? families[0];
    await this.setFamily(family);
    return family;
  }

  /**
   * An area name that matched nothing mapped to a known area (`to`; '' leaves it out; null
   * forgets the choice); saved in the mapping profile's `areas` and the comparison re-run.
   */
  mapArea(name, to) {
    const areas = { ...this.comparators.areas };
    if (to === null || to === undefined) delete areas[name];
    else areas[name] = to;
    this.profile.areas = { ...areas };
    return this.setComparators({ ...this.comparators, areas });
  }

  /** The aggregate CSV of the report on screen as a Blob (see YjLens.exportAggregate). */
  async exportAggregate(options = {}) {
    await this.idle();
    if (!this.report || this.report.public) throw this.el.failWith(t('session.no_export'));
    const choice = { suppress: true, k: 5, round_to_5: false, include_quarters: false, ...options };
    const msg = await (await this.ready()).request({ type: 'aggregate', choice, source: this.sourceName ?? 'extract' });
    return new Blob([msg.csv], { type: 'text/csv' });
  }

  // ------------------------------------------------------------------ population

  /** Add population denominators (a population file). It stays until replaced. */
  async loadPopulation(source, { label, owner = 'user' } = {}) {
    const bytes = fileBytes(source);
    if (!bytes) throw this.el.failWith(t('session.bytes', { method: 'loadPopulation' }));
    try {
      await this.usePopulation(bytes, { label: label ?? source.name ?? t('file.population'), owner });
      // A file being read was read without it (the worker had it after): its figures, once
      // shown, are computed again with it.
      await this.idle();
      if (this.report && !this.report.public) this.el.show(await this.analyse());
    } catch (e) {
      if (!quiet(e)) this.el.fail(e);
      throw e;
    }
  }

  /** Give the worker a population and say which is in use. */
  usePopulation(source, { label, owner }) {
    return this.givePopulation({ label, owner, source: fileBytes(source) });
  }

  /** Drop the population (it belonged to the previous extract, or the host took it away). */
  dropPopulation() {
    return this.givePopulation(null);
  }

  /** Make `pop` (`{ label, owner, source }`, or null: none) the population in use. */
  async givePopulation(pop) {
    const engine = this.ensureEngine();
    const turn = pop ? ++this.populationTurn : this.populationTurn;
    // What an extract brings or drops goes with its read, which a file chosen meanwhile replaces.
    const byExtract = extractOwned(pop ?? this.population);
    try {
      await engine.request(pop ? { type: 'population', source: pop.source, label: pop.label } : { type: 'population', source: null });
    } catch (e) {
      // Not if another population was given since (that file's own: it wins, as it would have).
      if (this.replaced(e, engine) && !byExtract && turn === this.populationTurn) return this.givePopulation(pop);
      throw e;
    }
    this.population = pop;
    if (this.engine === engine) this.enginePopulation = pop;
    this.el.setPopulationStatus(pop ? t('population.in_use', { label: pop.label }) : t('population.none'));
  }

  // ------------------------------------------------------------------ KPI files (issue 14)

  /** Replace the KPIs' files given (`undefined` keeps one, `null` drops it). */
  setKpiFiles({ interventions, board }, owner = 'user') {
    const file = (f, what) => {
      if (f === undefined) return this.kpiFiles[what];
      if (f === null) return null;
      const bytes = fileBytes(f);
      if (!bytes) throw this.el.failWith(t('session.bytes.any'));
      return { source: bytes, owner, label: f.name ?? t(what === 'board' ? 'error.kpi.board_file' : 'error.kpi.interventions_file') };
    };
    this.kpiFiles = { interventions: file(interventions, 'interventions'), board: file(board, 'board') };
  }

  /**
   * Load (or with `null` drop) the interventions extract or the board attendance file: the
   * worker reads it (a refusal keeps the one in use, with one sentence) and the figures on
   * screen are computed again with it. Resolves with the file's quality report.
   */
  async loadKpiFile(what, source) {
    const before = this.kpiFiles;
    let engine;
    let files;
    try {
      this.setKpiFiles({ [what]: source });
      engine = this.ensureEngine();
      files = this.kpiFiles;
      const msg = await engine.request({ type: 'kpi', [what]: files[what]?.source ?? null, options: { profile: structuredClone(this.profile) } });
      if (this.engine === engine) this.engineKpi = { ...this.engineKpi, [what]: files[what] };
      if (this.report && !this.report.public) this.el.show(await this.analyse());
      return msg[what] ?? null;
    } catch (e) {
      // Unless the KPI files changed since (another file's own: they win, as they would have).
      if (this.kpiFiles === files) {
        this.kpiFiles = before;
        if (this.replaced(e, engine)) return this.loadKpiFile(what, source);
      }
      if (!quiet(e)) this.el.fail(e);
      throw e;
    }
  }

  // ------------------------------------------------------------------ mapping profile

  saveProfile() {
    const json = JSON.stringify(this.profile, null, 2);
    download(new Blob([json], { type: 'application/json' }), 'yjlens-mapping-profile.json');
  }

  async loadProfile(file) {
    try {
      this.profile = parseProfile(await file.text());
    } catch {
      throw this.el.failWith(t('session.not_profile'));
    }
    this.el.setStatus(t('session.profile_loaded'));
    // Issue 13: the profile's family and area names are the comparator state's; the worker
    // is given them before the extract is read again with the profile.
    const c = this.comparators;
    const p = this.profile;
    if (JSON.stringify([c.family, c.areas, c.measures]) !== JSON.stringify([p.family, p.areas, p.comparator_measures])) {
      const next = { ...c, family: p.family, areas: { ...p.areas }, measures: { ...p.comparator_measures } };
      if (this.lastSource) {
        this.comparators = next;
        this.el.showComparators?.();
        await this.sync(this.ensureEngine(), { extract: false });
      } else await this.setComparators(next).catch(() => {});
    }
    if (this.lastSource) return this.reanalyseWithProfile();
    return null;
  }
}
