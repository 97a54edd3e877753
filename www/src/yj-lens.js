// <yj-lens>: the embeddable widget. A shadow root (the portal's CSS cannot break it, its CSS
// cannot leak), a Web Worker running the wasm core (no record leaves the page), tabs of views,
// controls, population, settings, mapping and exports. This module is the element shell (its
// API, attributes, session state and layout); each toolbar panel — population, settings,
// export — is a module of its own in panels/, a function taking the element.
//
//   <script type="module" src="/yjlens/yj-lens.js"></script>
//   <yj-lens></yj-lens>
//
// API: loadExtract(File|Blob|ArrayBuffer) → Promise<report>, loadPopulation(…), report,
// settings (read a copy; assign a partial object to re-analyse), exportAggregate(options) →
// Blob, events yj-progress, yj-loaded, yj-error, yj-drawn. Moved in the page it keeps its
// worker; taken off the page, the worker stops, and back on it a new one is given the file.
import { h, replace, uid } from './dom.js';
import { EngineClient } from './client.js';
import { loadDrawing } from './charts.js';
import { VIEWS, breakdownsOf, servicesOf } from './views.js';
import { BREAKDOWNS, STAGES, ETHNIC, PERIOD_LABELS } from './labels.js';
import { Breakdown, CATALOGUE, Measure, PeriodType, Stage } from './catalogue.js';
import { distinct, periods } from './figures.js';
import { columnFix, emptyProfile, parseProfile, publicSource } from './quality.js';
import { download } from './exports.js';
import { exportPanel } from './panels/export.js';
import { populationPanel } from './panels/population.js';
import { settingsPanel } from './panels/settings.js';
import { count, ukDate, ukNumericDate, parseUkDate } from './format.js';
import { rowLossAlarm } from './alarm.js';

const STYLESHEET = new URL('yj-lens.css', import.meta.url);
const PERIOD_TYPES = PERIOD_LABELS;
const COUNTS = { [Measure.ThroughputChildren]: 'Children', [Measure.ThroughputOccasions]: 'Occasions', [Measure.ThroughputOffences]: 'Offences (rows)' };
const SCOPES = { substantive: 'Substantive (as the YJB counts)', all: 'All, diversion included' };

/** Public mode opens on the period type with the most published periods. */
function mostPublished(report) {
  const counts = Object.keys(PERIOD_TYPES).map((t) => [t, periods(report, t).length]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : PeriodType.FinancialYear;
}

const DATE_SOURCES = {
  title: 'read from the file’s title line',
  latest_outcome: 'the latest outcome date in the file',
  user: 'set by you',
};

function isBytes(x) {
  return x instanceof Blob || x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

/** The analysis settings, as the core takes them (and `el.settings` reads them). */
const DEFAULT_SETTINGS = Object.freeze({ ...CATALOGUE.settings.defaults });

/** The attributes that are settings, and the setting each one is. */
const SETTING_ATTRIBUTES = {
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

const quoted = (v) => `“${typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)}”`;

/** One setting checked: `{ value }` (normalised) or `{ error }` (a sentence a person can act on). */
function checkSetting(key, v) {
  switch (key) {
    case 'extract_date': {
      if (v === null || v === undefined || v === '') return { value: null };
      const iso = typeof v === 'string' ? isoDate(v) : null;
      return iso ? { value: iso } : { error: `${quoted(v)} is not a date: give the extract date as yyyy-mm-dd or day/month/year, e.g. 2025-09-30 or 30/09/2025 (or null for the date the file gives).` };
    }
    case 'reference_group':
      return ETHNIC.includes(v) ? { value: v } : { error: `${quoted(v)} is not a reference group: use one of ${ETHNIC.slice(0, -1).join(', ')} or ${ETHNIC.at(-1)}.` };
    case 'custody_unit':
      return Object.hasOwn(CUSTODY_UNITS, v) ? { value: CUSTODY_UNITS[v] } : { error: `${quoted(v)} is not a custody rate unit: use per1000 (per-1000) or per100000 (per-100000).` };
    case 'cohort_method':
      return COHORT_METHODS.includes(v) ? { value: v } : { error: `${quoted(v)} is not a cohort method: use pooled (4 quarterly cohorts) or legacy (each child once in 12 months).` };
    case 'exclude_breaches':
      return typeof v === 'boolean' ? { value: v } : { error: `exclude_breaches takes true or false, not ${quoted(v)}.` };
    default:
      return { error: `${quoted(key)} is not a setting: the settings are ${Object.keys(DEFAULT_SETTINGS).join(', ')}.` };
  }
}

export class YjLens extends HTMLElement {
  static observedAttributes = ['views', 'mode', 'src', 'suppress-below', 'population-src', 'source-label', ...Object.keys(SETTING_ATTRIBUTES)];

  constructor() {
    super();
    this._report = null;
    this._busy = false;
    this._settings = { ...DEFAULT_SETTINGS };
    // An extract date the host set (the `extract-date` attribute or `settings`) holds for every
    // file until changed; one typed in the settings panel holds for its file only.
    this._hostDate = null;
    this._state = {
      periodType: PeriodType.Rolling12m,
      scope: 'substantive',
      breakdown: Breakdown.Ethnicity,
      service: '',
      stage: Stage.Substantive,
      count: Measure.ThroughputChildren,
    };
    this._profile = emptyProfile();
    // The population in use: `{ label, owner, source }`. A population given with an extract (the demo's
    // synthetic sample) belongs to that extract and goes with it; one the host set
    // (`population-src`) or the user loaded stays until replaced.
    this._population = null;
    const root = this.attachShadow({ mode: 'open' });
    root.append(h('link', { rel: 'stylesheet', href: STYLESHEET.href }));
    this.$ = {};
    root.append(this.layout());
    // Public mode takes no files: a file dropped anywhere on it is refused, not opened.
    this.addEventListener('dragover', (e) => {
      if (this.mode === 'public') e.preventDefault();
    });
    this.addEventListener('drop', (e) => {
      if (this.mode !== 'public') return;
      e.preventDefault();
      this.failWith('This is a public dashboard: it shows published figures and does not take files.');
    });
  }

  /** The report object of the last analysis (read-only), or null. */
  get report() {
    return this._report;
  }

  /** The mapping profile in use (columns, outcomes, ethnicities, sexes, month_first). */
  get profile() {
    return this._profile;
  }

  /** `analyst` (default) or `public`. */
  get mode() {
    return this.getAttribute('mode') === 'public' ? 'public' : 'analyst';
  }

  /**
   * The analysis settings in use (a copy): `{ extract_date, reference_group, custody_unit,
   * cohort_method, exclude_breaches }`.
   */
  get settings() {
    return { ...this._settings };
  }

  /**
   * Change settings: a partial object merges with those in use and the extract is analysed
   * again once. An object with any value that is not a setting is refused whole (yj-error).
   */
  set settings(patch) {
    this.applySettings(patch);
  }

  /** Check `patch` and apply all of it (re-analysing once), or none of it; true if applied. */
  applySettings(patch) {
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      this.failWith(`Settings are an object, e.g. { reference_group: 'Black' }, not ${quoted(patch)}.`);
      return false;
    }
    const next = {};
    for (const [key, v] of Object.entries(patch)) {
      const checked = checkSetting(key, v);
      if (checked.error) {
        this.failWith(checked.error);
        return false;
      }
      next[key] = checked.value;
    }
    if ('extract_date' in next) this._hostDate = next.extract_date;
    Object.assign(this._settings, next);
    this.syncSettingControls();
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

  /** Re-analyse once for every change made in this task (several attributes, or settings). */
  scheduleReanalyse() {
    if (this._reanalyseQueued || !this._report || this._report.public) return;
    // Off the page, no worker is started for it: the analysis runs when the element is back.
    if (!this.isConnected) {
      this._reanalyseOnConnect = true;
      return;
    }
    this._reanalyseQueued = true;
    queueMicrotask(() => {
      this._reanalyseQueued = false;
      this.reanalyse().catch(() => {});
    });
  }

  connectedCallback() {
    // Moved within the page (taken out and put back in one task): the worker carries on.
    clearTimeout(this._closing);
    this._closing = null;
    // `settings` given before the element was defined is a plain property: apply it now.
    if (Object.hasOwn(this, 'settings')) {
      const given = this.settings;
      delete this.settings;
      this.settings = given;
    }
    // Preload the worker and the wasm now, so dropping a file causes no request at all. Back
    // on the page after its worker stopped, the element gives a new one what it holds.
    this.ensureEngine();
    if (this._reanalyseOnConnect) {
      this._reanalyseOnConnect = false;
      this.scheduleReanalyse();
    }
    loadDrawing().catch(() => {});
    this.$.drop.hidden = this.mode === 'public';
    this.$.toolbar.hidden = this.mode === 'public' || !this._report;
    this.followSources();
  }

  /**
   * Load what `src`, `suppress-below` and `population-src` name, if that is not what is
   * loaded (they may have changed while the element was off the page).
   */
  followSources() {
    if (!this.isConnected) return;
    const src = this.getAttribute('src');
    if (this.mode === 'public') {
      if (src && (src !== this._publicSrc || this.suppressBelow() !== this._publicK)) this.loadPublic(src).catch(() => {});
      return;
    }
    const pop = this.getAttribute('population-src');
    if (pop && pop !== this._populationSrc) this.loadPopulationFrom(pop).catch(() => {});
    else if (!pop && this._populationSrc) this.dropHostPopulation().catch(() => {});
  }

  /** The public mode threshold: `suppress-below`, never below the built-in minimum of 3. */
  suppressBelow() {
    return Math.max(3, Number(this.getAttribute('suppress-below')) || 5);
  }

  /**
   * The worker, started if need be. A new one (the element came back to the page after its
   * worker stopped) is given the population in use and, unless `extract` is false, the extract
   * the element holds, so the next settings change or export works. The worker runs requests
   * in the order sent, so what follows waits for these.
   */
  ensureEngine({ extract = true } = {}) {
    if (this.engine) return this.engine;
    const engine = new EngineClient();
    this.engine = engine;
    const pop = this._population;
    const steps = [];
    if (pop?.source) steps.push(engine.request({ type: 'population', source: pop.source, label: pop.label }));
    if (extract && this._held && this.mode !== 'public') {
      steps.push(engine.request({ type: 'load', source: this._held, settings: this._settings, options: { profile: this._profile } }));
    }
    Promise.all(steps).catch((e) => {
      if (e?.kind !== 'closed') this.fail(e);
    });
    return engine;
  }

  /** `src` as a URL if it is on this page's origin; otherwise refuse it, unfetched. */
  sameOrigin(src, what) {
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) {
      throw this.failWith(`The ${what} must be on this site (${location.origin}); ${url.origin} is not, so it was not loaded.`);
    }
    return url;
  }

  /**
   * Fetch a same-origin population file (the `population-src` attribute). If the attribute
   * changes while this one is on its way, the later file wins.
   */
  async loadPopulationFrom(src) {
    this._populationSrc = src;
    const url = this.sameOrigin(src, 'population file');
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin' });
    } catch {
      throw this.failWith(`The population file ${url.pathname.split('/').pop()} could not be loaded (the site did not answer).`);
    }
    if (!response.ok) throw this.failWith(`The population file could not be loaded (HTTP ${response.status}).`);
    const blob = await response.blob();
    if (this._populationSrc !== src) return undefined;
    return this.loadPopulation(blob, { label: url.pathname.split('/').pop(), owner: 'host' });
  }

  /** `population-src` removed: the host's population goes (rates are no longer shown). */
  async dropHostPopulation() {
    this._populationSrc = null;
    if (this._population?.owner !== 'host') return;
    try {
      await this.dropPopulation();
      if (this._report && !this._report.public) await this.reanalyse();
    } catch (e) {
      if (e?.kind !== 'closed') this.fail(e);
      throw e;
    }
  }

  disconnectedCallback() {
    // Stop the worker only if the element is not put back in this task: moving it (append it
    // elsewhere) disconnects then connects it, and keeps the worker with its extract.
    clearTimeout(this._closing);
    this._closing = setTimeout(() => {
      this._closing = null;
      if (this.isConnected) return;
      this.engine?.close();
      this.engine = null;
    });
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (Object.hasOwn(SETTING_ATTRIBUTES, name)) {
      this.settingFromAttribute(name, after);
      return;
    }
    if (name === 'population-src' || name === 'suppress-below' || name === 'src') {
      this.followSources();
      return;
    }
    if (this._report) this.render();
  }

  /**
   * Public mode: fetch a same-origin aggregate file and show it with disclosure control
   * re-applied (threshold `suppress-below`, never below the built-in minimum of 3).
   */
  async loadPublic(src) {
    const k = this.suppressBelow();
    this._publicSrc = src;
    this._publicK = k;
    const url = this.sameOrigin(src, 'figures file');
    // `src` or `suppress-below` may change again before this one is shown: the last one wins.
    const turn = (this._publicTurn = (this._publicTurn ?? 0) + 1);
    this.clearError();
    this.$.status.textContent = 'Loading published figures…';
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw { kind: 'fetch', message: `The figures file could not be loaded (HTTP ${response.status}).` };
      const msg = await this.ensureEngine().request({ type: 'public', source: await response.blob(), k });
      if (turn !== this._publicTurn) return this._report;
      msg.report.public = true;
      this._report = msg.report;
      this._k = msg.report.k ?? k;
      this.$.status.textContent = '';
      msg.report.source_label = publicSource(msg.report, this);
      this.$.source.textContent = `Source: ${msg.report.source_label}`;
      this._state.periodType = mostPublished(msg.report);
      return this.show(this._report);
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  /** Show a new report: render the views and tell the host page. */
  show(report, timing) {
    this._report = report;
    this.render();
    this.emit('yj-loaded', timing ? { report, timing } : { report });
    return report;
  }

  /**
   * The aggregate CSV of the current report as a Blob. Disclosure control applies unless
   * `{ suppress: false }` (then the file is for internal use only). Options:
   * `{ suppress = true, k = 5, round_to_5 = false, include_quarters = false }`.
   */
  async exportAggregate(options = {}) {
    if (!this._report || this._report.public) throw this.failWith('Load an extract first: there are no figures to export.');
    const choice = { suppress: true, k: 5, round_to_5: false, include_quarters: false, ...options };
    const msg = await this.ensureEngine().request({ type: 'aggregate', choice, source: this._sourceName ?? 'extract' });
    return new Blob([msg.csv], { type: 'text/csv' });
  }

  // ------------------------------------------------------------------ layout

  layout() {
    const inputId = uid('file');
    const $ = this.$;
    $.input = h('input', { type: 'file', id: inputId, accept: '.csv,.txt,.tsv,text/csv', class: 'visually-hidden' });
    $.input.addEventListener('change', () => {
      const file = $.input.files?.[0];
      if (file) this.loadExtract(file).catch(() => {});
      $.input.value = '';
    });
    $.drop = h(
      'div',
      { class: 'drop' },
      h('p', {}, 'Drop a case-level CSV extract here, or '),
      h('label', { for: inputId, class: 'button' }, 'choose a file'),
      $.input,
      h('p', { class: 'muted small' }, 'The file is analysed in this browser tab. Nothing is uploaded.'),
    );
    $.drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      $.drop.classList.add('over');
    });
    $.drop.addEventListener('dragleave', () => $.drop.classList.remove('over'));
    $.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      $.drop.classList.remove('over');
      const file = e.dataTransfer?.files?.[0];
      if (file) this.loadExtract(file).catch(() => {});
    });
    $.progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Reading the file' });
    $.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    $.error = h('p', { class: 'error', role: 'alert', hidden: true });
    $.fix = h('div', { class: 'fix-area' });
    $.source = h('p', { class: 'source muted' });
    $.asAtText = h('span', {});
    $.asAtChange = h('button', { type: 'button', class: 'link', 'aria-label': 'Change the extract date' }, 'change');
    $.asAtChange.addEventListener('click', () => {
      const panel = $.toolbar.querySelector('details.settings');
      panel.open = true;
      $.extractDate.focus();
    });
    $.asAt = h('p', { class: 'as-at', hidden: true }, $.asAtText, ' — ', $.asAtChange);
    $.toolbar = h('div', { class: 'toolbar', hidden: true }, populationPanel(this), settingsPanel(this), exportPanel(this));
    $.tabs = h('div', { role: 'tablist', 'aria-label': 'Views', class: 'tabs' });
    $.controls = h('div', { class: 'controls', role: 'group', 'aria-label': 'What the view shows' });
    $.legend = h('p', { class: 'legend small', hidden: true });
    $.panels = h('div', { class: 'panels' });
    $.panels.addEventListener('yj-chart-drawn', (e) => this.chartDrawn(e));
    return h('div', { class: 'yj', part: 'root' }, $.drop, $.progress, $.status, $.error, $.fix, $.source, $.asAt, $.toolbar, $.tabs, $.controls, $.legend, $.panels);
  }

  /** A labelled select; `onChange(value)`. */
  selectControl(label, options, value, onChange, { name = label.toLowerCase().replace(/[^a-z0-9]+/g, '-') } = {}) {
    const id = uid('ctl');
    const sel = h(
      'select',
      { id, name },
      Object.entries(options).map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    );
    sel.addEventListener('change', () => onChange(sel.value));
    return h('div', { class: 'control' }, h('label', { for: id }, label), sel);
  }

  // ------------------------------------------------------------------ state

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  fail(error) {
    const message = error?.message ?? String(error);
    this.$.error.textContent = message;
    this.$.error.hidden = false;
    this.$.status.textContent = '';
    this.$.progress.hidden = true;
    replace(this.$.fix, error?.detail && this.mode !== 'public' ? columnFix(error.detail, this) : null);
    this.emit('yj-error', { message, kind: error?.kind ?? 'error', detail: error?.detail ?? null });
  }

  failWith(message) {
    const e = { kind: 'bad_input', message };
    this.fail(e);
    return e;
  }

  clearError() {
    this.$.error.hidden = true;
    this.$.error.textContent = '';
    replace(this.$.fix);
  }

  /**
   * Analyse a case-level extract. Resolves with the report; rejects with `{kind, message}`.
   * `population` (optional, with `populationLabel`): denominators that belong to this extract
   * (the demo's synthetic sample) and go when another extract is loaded.
   */
  async loadExtract(source, { label, population, populationLabel } = {}) {
    if (this.mode === 'public') throw this.failWith('This is a public dashboard: it shows published figures and does not take files.');
    if (!isBytes(source)) throw this.failWith('Give loadExtract a File, Blob or ArrayBuffer.');
    this.ensureEngine({ extract: false });
    const $ = this.$;
    this.clearError();
    $.progress.hidden = false;
    $.progress.value = 0;
    const name = label ?? source.name ?? 'extract';
    this._lastSource = source;
    this._lastLabel = label;
    this._loadStarted = performance.now();
    $.status.textContent = `Reading ${name}…`;
    this._busy = true;
    try {
      // A population belongs to its source: the last extract's own population goes with it.
      if (population) await this.usePopulation(population, { label: populationLabel ?? 'population given with the extract', owner: source });
      else if (this._population && this._population.owner !== 'host' && this._population.owner !== 'user' && this._population.owner !== source) await this.dropPopulation();
      // A new file is read with the date the host set, else the date it gives (its title line,
      // else its latest outcome); a date typed for the last file does not carry over.
      if (this._sourceForDate !== source) this._settings.extract_date = this._hostDate;
      this._sourceForDate = source;
      const msg = await this.ensureEngine({ extract: false }).request(
        { type: 'load', source, settings: this._settings, options: { profile: this._profile } },
        (p) => {
          const pct = p.total ? Math.round((p.loaded / p.total) * 100) : 0;
          $.progress.value = pct;
          $.status.textContent = p.note ?? `Reading ${name}… ${pct}%`;
          this.emit('yj-progress', { loaded: p.loaded, total: p.total });
        },
      );
      this._report = msg.report;
      this._held = source;
      this._timing = msg.timing;
      this._sourceName = source.name ?? 'extract.csv';
      $.progress.hidden = true;
      const q = msg.report.quality;
      $.status.textContent = `Analysed ${name}: ${count(q.rows_used)} rows used of ${count(q.rows_read)} read.`;
      $.source.textContent = `Source: ${name}`;
      this._alarm = rowLossAlarm(q);
      this._alarmAccepted = false;
      this.show(this._report, this._timing);
      return this._report;
    } catch (e) {
      // Taken off the page while reading: nothing to tell (the element's caller is told).
      if (e?.kind === 'closed') {
        $.progress.hidden = true;
        $.status.textContent = '';
      } else this.fail(e);
      throw e;
    } finally {
      this._busy = false;
    }
  }

  /** Read the last file again with the current mapping profile. */
  async reanalyseWithProfile() {
    if (!this._lastSource) throw this.failWith('Choose the file again: the widget no longer holds it.');
    return this.loadExtract(this._lastSource, { label: this._lastLabel });
  }

  /** Recompute the report with the current settings (no re-reading). */
  async reanalyse() {
    if (!this._report || this._report.public) return null;
    this.$.status.textContent = 'Recalculating…';
    try {
      const msg = await this.ensureEngine().request({ type: 'analyse', settings: this._settings });
      this.$.status.textContent = 'Figures recalculated with the new settings.';
      return this.show(msg.report);
    } catch (e) {
      if (e?.kind !== 'closed') this.fail(e);
      throw e;
    }
  }

  /** Add population denominators (a population file). It stays until replaced. */
  async loadPopulation(source, { label, owner = 'user' } = {}) {
    if (!isBytes(source)) throw this.failWith('Give loadPopulation a File, Blob or ArrayBuffer.');
    try {
      await this.usePopulation(source, { label: label ?? source.name ?? 'population file', owner });
      if (this._report && !this._report.public) {
        const msg = await this.ensureEngine().request({ type: 'analyse', settings: this._settings });
        this.show(msg.report);
      }
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  /** Give the worker a population and say which is in use. */
  async usePopulation(source, { label, owner }) {
    await this.ensureEngine().request({ type: 'population', source, label });
    this._population = { label, owner, source };
    this.$.popStatus.textContent = `Population in use: ${label}.`;
  }

  /** Drop the population (it belonged to the previous extract). */
  async dropPopulation() {
    await this.ensureEngine().request({ type: 'population', source: null });
    this._population = null;
    this.$.popStatus.textContent = 'No population loaded: rates are not shown.';
  }

  saveProfile() {
    const json = JSON.stringify(this._profile, null, 2);
    download(new Blob([json], { type: 'application/json' }), 'yjlens-mapping-profile.json');
  }

  async loadProfile(file) {
    try {
      this._profile = parseProfile(await file.text());
    } catch {
      throw this.failWith('That file is not a mapping profile (it is not valid JSON).');
    }
    this.$.status.textContent = 'Mapping profile loaded.';
    if (this._lastSource) return this.reanalyseWithProfile();
    return null;
  }

  // ------------------------------------------------------------------ rendering

  enabledViews() {
    const wanted = (this.getAttribute('views') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return wanted.length ? VIEWS.filter((v) => wanted.includes(v.id)) : VIEWS;
  }

  /**
   * Rebuild tabs, controls and the current panel (a new report, or another tab). The focused
   * control keeps the focus (found again by its name), so changing a control never sends a
   * keyboard user back to the top.
   */
  render() {
    const focused = this.shadowRoot.activeElement;
    const focusName = focused?.getAttribute?.('name');
    this.renderAll();
    if (focusName) this.shadowRoot.querySelector(`[name="${CSS.escape(focusName)}"]`)?.focus();
  }

  renderAll() {
    const views = this.enabledViews();
    const $ = this.$;
    const current = views.find((v) => v.id === this._tab) ?? views[0];
    this._tab = current.id;
    $.toolbar.hidden = this.mode === 'public' || !this._report || this._report.public;
    this.syncSettingControls();
    this.showAsAt();
    const tabs = views.map((v) => {
      const selected = v.id === current.id;
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${v.id}`,
          'aria-selected': String(selected),
          'aria-controls': `panel-${v.id}`,
          tabindex: selected ? '0' : '-1',
          class: 'tab',
        },
        v.title,
      );
      tab.addEventListener('click', () => this.select(v.id));
      tab.addEventListener('keydown', (e) => this.tabKey(e, views, v.id));
      return tab;
    });
    replace($.tabs, tabs);
    this.renderControls(current);
    const suppressedLegend = this._report?.public;
    $.legend.hidden = !suppressedLegend;
    $.legend.textContent = suppressedLegend ? `[c] suppressed: fewer than ${this._k ?? 5} (or a rate whose count is suppressed); figures are published with disclosure control.` : '';
    this.renderPanel();
  }

  /** "Figures as at 30 Sep 2025 (the latest outcome date in the file) — change". */
  showAsAt() {
    const r = this._report;
    const show = Boolean(r && !r.public && r.extract_date);
    this.$.asAt.hidden = !show;
    if (show) this.$.asAtText.textContent = `Figures as at ${ukDate(r.extract_date)} (${DATE_SOURCES[r.extract_date_source ?? (r.settings?.extract_date ? 'user' : 'latest_outcome')]})`;
  }

  syncSettingControls() {
    const $ = this.$;
    const s = this._settings;
    if (this._report?.extract_date && this.shadowRoot.activeElement !== $.extractDate) $.extractDate.value = ukNumericDate(this._report.extract_date);
    $.refControl.querySelector('select').value = s.reference_group;
    $.unitControl.querySelector('select').value = s.custody_unit;
    $.cohortControl.querySelector('select').value = s.cohort_method;
    $.breaches.checked = !s.exclude_breaches;
  }

  availablePeriodTypes() {
    const r = this._report;
    if (this._periodTypesFor !== r) {
      this._periodTypesFor = r;
      const m = [Measure.ReoffendingBinaryRate, Measure.ThroughputChildren, Measure.CustodySentences];
      const found = new Set(m.flatMap((measure) => distinct(r, { measure, breakdown: Breakdown.All }, 'period_type')));
      this._periodTypes = Object.keys(PERIOD_TYPES).filter((t) => found.has(t));
      if (!this._periodTypes.length) this._periodTypes = Object.keys(PERIOD_TYPES);
    }
    return this._periodTypes;
  }

  renderControls(view) {
    const $ = this.$;
    const st = this._state;
    const set = (key) => (v) => {
      this._state[key] = v;
      this.renderPanel();
    };
    const out = [];
    for (const c of view.controls ?? []) {
      if (c === 'period') {
        const types = this.availablePeriodTypes();
        if (!types.includes(st.periodType)) st.periodType = types[0];
        out.push(this.selectControl('Period', Object.fromEntries(types.map((t) => [t, PERIOD_TYPES[t]])), st.periodType, set('periodType')));
      } else if (c === 'breakdown') {
        const measure = view.id === 'custody' ? Measure.CustodySentences : Measure.ReoffendingBinaryRate;
        const list = breakdownsOf(this._report, measure);
        if (!list.length) continue;
        if (!list.includes(st.breakdown)) st.breakdown = list[0];
        out.push(this.selectControl('Breakdown', Object.fromEntries(list.map((b) => [b, BREAKDOWNS[b]])), st.breakdown, set('breakdown')));
      } else if (c === 'service') {
        const services = servicesOf(this._report);
        if (services.length < 2) continue;
        out.push(this.selectControl('Service', { '': 'All services', ...Object.fromEntries(services.map((s) => [s, s])) }, st.service, set('service')));
      } else if (c === 'stage') {
        out.push(
          this.selectControl('Stage', STAGES, st.stage, set('stage')),
        );
      } else if (c === 'scope') {
        out.push(
          this.selectControl('Scope', SCOPES, st.scope, set('scope')),
        );
      } else if (c === 'count') {
        out.push(this.selectControl('Count', COUNTS, st.count, set('count')));
      }
    }
    if (view.id !== 'quality' && this._report) {
      const id = uid('rows');
      const box = h('input', { type: 'checkbox', id, name: 'one-per-row', checked: Boolean(st.onePerRow) });
      box.addEventListener('change', () => {
        st.onePerRow = box.checked;
        $.panels.classList.toggle('one-per-row', box.checked);
      });
      out.push(h('div', { class: 'layout-toggle check' }, box, h('label', { for: id }, 'Charts one per row')));
    }
    $.panels.classList.toggle('one-per-row', Boolean(st.onePerRow));
    replace($.controls, out);
    $.controls.hidden = out.length === 0;
  }

  /** Re-render only the current panel (a control changed). */
  renderPanel() {
    const $ = this.$;
    const view = VIEWS.find((v) => v.id === this._tab);
    for (const fig of $.panels.querySelectorAll('figure.chart')) fig.dispose?.();
    const panel = h('div', { role: 'tabpanel', id: `panel-${view.id}`, 'aria-labelledby': `tab-${view.id}`, tabindex: '0' });
    let content;
    try {
      // Many rows lost: one notice, before any figure, until the analyst has read it.
      if (this._alarm && !this._alarmAccepted && view.id !== 'quality') content = this.alarmNotice();
      else content = view.render({ report: this._report, state: this._state, element: this });
    } catch (e) {
      console.error(e);
      content = h('p', { class: 'error' }, `This view could not be shown (${e?.message ?? e}); the other views still work.`);
    }
    panel.append(content);
    this._pendingCharts = new Set(panel.querySelectorAll('figure.chart'));
    this._renderStarted = performance.now();
    replace($.panels, panel);
    if (!this._pendingCharts.size) this.allDrawn();
  }

  /** The blocking notice of a file that lost many rows (alarm.js). */
  alarmNotice() {
    const quality = h('button', { type: 'button', class: 'button' }, 'Open the data quality report');
    quality.addEventListener('click', () => this.select('quality', true));
    const anyway = h('button', { type: 'button', class: 'button secondary' }, 'Show the figures anyway');
    anyway.addEventListener('click', () => {
      this._alarmAccepted = true;
      this.renderPanel();
    });
    return h(
      'div',
      { class: 'alarm', role: 'alert' },
      h('h2', {}, 'Check the file before using these figures'),
      h('p', {}, this._alarm.sentence),
      h('p', { class: 'buttons' }, quality, anyway),
    );
  }

  chartDrawn(e) {
    const fig = e.target.closest?.('figure.chart') ?? e.target;
    if (!this._pendingCharts?.delete(fig)) return;
    if (!this._pendingCharts.size) this.allDrawn();
  }

  allDrawn() {
    const now = performance.now();
    this.emit('yj-drawn', {
      view: this._tab,
      charts: this.$.panels.querySelectorAll('figure.chart').length,
      render_ms: now - this._renderStarted,
      since_load_ms: this._loadStarted ? now - this._loadStarted : null,
    });
  }

  select(id, focus = false) {
    this._tab = id;
    this.render();
    if (focus) this.shadowRoot.getElementById(`tab-${id}`)?.focus();
  }

  /** ARIA tabs pattern: arrows move between tabs, Home/End jump to the ends. */
  tabKey(e, views, id) {
    const i = views.findIndex((v) => v.id === id);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: views.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.select(views[(to + views.length) % views.length].id, true);
  }
}

// Kept importable from the element's module, as before the panels had files of their own.
export { populationCsv } from './panels/population.js';

if (!customElements.get('yj-lens')) customElements.define('yj-lens', YjLens);
