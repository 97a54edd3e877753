// <yj-lens>: the embeddable widget. A shadow root (the portal's CSS cannot break it, its CSS
// cannot leak), a Web Worker running the wasm core (no record leaves the page), tabs of views,
// controls, population, settings, mapping and exports. This module is the element shell: its
// API, attributes, lifecycle callbacks, layout and rendering. The session with the engine —
// the worker, the extract it holds, population, settings, and the order of loads and
// re-analyses — is session.js; each toolbar panel — population, settings, export — is a
// module of its own in panels/, a function taking the element.
//
//   <script type="module" src="/yjlens/yj-lens.js"></script>
//   <yj-lens></yj-lens>
//
// API: loadExtract(File|Blob|ArrayBuffer|typed array) → Promise<report>, loadPopulation(…), report,
// settings (read a copy; assign a partial object to re-analyse), exportAggregate(options) →
// Blob, events yj-progress, yj-loaded, yj-error, yj-drawn. Moved in the page it keeps its
// worker; taken off the page, the worker stops, and back on it a new one is given the file.
import { h, replace, uid } from './dom.js';
import { loadDrawing } from './charts.js';
import { VIEWS, breakdownsOf, servicesOf, viewsReady } from './views.js';
import { BREAKDOWNS, STAGES, PERIOD_LABELS, groupLabel } from './labels.js';
import { Breakdown, Measure, PeriodType, Stage, langOf, setLang } from './catalogue.js';
import { loadTable, hasTable, t } from './messages/index.js';
import { relabelBlocks } from './views/blocks.js';
import { distinct, has, periods } from './figures.js';
import { columnFix, publicSource } from './quality.js';
import { exportPanel } from './panels/export.js';
import { populationPanel, populationStatus } from './panels/population.js';
import { kpiPanel, kpiStatus } from './panels/kpi.js';
import { settingsPanel } from './panels/settings.js';
import { comparatorsPanel, comparatorStatus } from './panels/comparators.js';
import { sheetPicker, SPREADSHEET_ACCEPT } from './panels/sheet.js';
import { count, ukDate, ukNumericDate } from './format.js';
import { rowLossAlarm } from './alarm.js';
import { Session, SETTING_ATTRIBUTES } from './session.js';

const STYLESHEET = new URL('yj-lens.css', import.meta.url);
const PERIOD_TYPES = PERIOD_LABELS;
const COUNTS = () => ({ [Measure.ThroughputChildren]: t('control.count.children'), [Measure.ThroughputOccasions]: t('control.count.occasions'), [Measure.ThroughputOffences]: t('control.count.offences') });
const SCOPES = () => ({ substantive: t('control.scope.substantive'), all: t('control.scope.all') });

/** Public mode opens on the period type with the most published periods. */
function mostPublished(report) {
  const counts = Object.keys(PERIOD_TYPES).map((t) => [t, periods(report, t).length]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : PeriodType.FinancialYear;
}

/** Where the extract date came from, in words (`as_at.title`, …). */
const dateSource = (source) => t(`as_at.${source}`);

export class YjLens extends HTMLElement {
  static observedAttributes = ['lang', 'views', 'mode', 'src', 'suppress-below', 'population-src', 'source-label', 'area', 'area-code', 'comparators-src', ...Object.keys(SETTING_ATTRIBUTES)];

  constructor() {
    super();
    this.session = new Session(this);
    this._mode = 'analyst';
    this._state = {
      periodType: PeriodType.Rolling12m,
      scope: 'substantive',
      breakdown: Breakdown.Ethnicity,
      service: '',
      stage: Stage.Substantive,
      count: Measure.ThroughputChildren,
    };
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
      this.failWith(t('public.no_files'));
    });
  }

  /** The report object of the last analysis (read-only), or null. */
  get report() {
    return this.session.report;
  }

  /** The mapping profile in use (columns, outcomes, ethnicities, sexes, month_first). */
  get profile() {
    return this.session.profile;
  }

  /** The engine client (the worker) while the element is on the page, else null. */
  get engine() {
    return this.session.engine;
  }

  /**
   * The language everything the widget shows is in: the element's `lang` ("cy" or "en"), else
   * the host page's (the nearest `lang` above it), else English.
   */
  get language() {
    return langOf(this.getAttribute('lang') ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  }

  /**
   * Issue 15: how many parse workers read a file (the `workers` attribute): 1 reads every file
   * in one go; null (the default) uses one per core, at most 8, for files of 8 MB and more.
   */
  get workers() {
    const n = Number(this.getAttribute('workers'));
    return Number.isInteger(n) && n >= 1 ? n : null;
  }

  set workers(n) {
    if (n === null || n === undefined) this.removeAttribute('workers');
    else this.setAttribute('workers', String(n));
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
    return { ...this.session.settings };
  }

  /**
   * Change settings: a partial object merges with those in use and the extract is analysed
   * again once. An object with any value that is not a setting is refused whole (yj-error).
   */
  set settings(patch) {
    this.session.applySettings(patch);
  }

  /** Check `patch` and apply all of it (re-analysing once), or none of it; true if applied. */
  applySettings(patch) {
    return this.session.applySettings(patch);
  }

  /**
   * Analyse a case-level extract. Resolves with the report; rejects with `{kind, message}`.
   * `population` (optional, with `populationLabel`): denominators that belong to this extract
   * (the demo's synthetic sample) and go when another extract is loaded.
   */
  loadExtract(source, options) {
    return this.session.loadExtract(source, options);
  }

  /** Add population denominators (a population file). It stays until replaced. */
  loadPopulation(source, options) {
    return this.session.loadPopulation(source, options);
  }

  /**
   * Issue 13: add comparator files (comparators.md): the published children table (CSV, or
   * the publication's ODS or zip), a population of areas (Nomis or with an `area` column),
   * aggregate files with `area_code, area`, headline figures. Resolves when the figures on
   * screen carry their comparison; a file that is not one is refused in one sentence.
   */
  loadComparators(files, names) {
    return this.session.loadComparators(files, names);
  }

  /** Drop every comparator file. */
  clearComparators() {
    return this.session.clearComparators();
  }

  /** Our family: `{ name, members: [area names] }` (its pooled figure and our rank in it). */
  get family() {
    return this.session.comparators.family;
  }

  set family(family) {
    this.session.setFamily(family).catch(() => {});
  }

  /** The comparator state changed: the panel's list and the area boxes say so. */
  showComparators() {
    comparatorStatus(this);
    const area = this.session.comparators.area;
    if (this.$.areaName && this.shadowRoot.activeElement !== this.$.areaName) this.$.areaName.value = area.name;
    if (this.$.areaCode && this.shadowRoot.activeElement !== this.$.areaCode) this.$.areaCode.value = area.code;
  }

  /** The comparison of the figures on screen (`{ rows, details, region, family }`), or null. */
  get comparison() {
    return this.report?.comparison?.comparison ?? null;
  }

  /**
   * Issue 14: the interventions extract the KPIs are computed from (one row per intervention;
   * `null` drops it). It stays until replaced. Resolves with its quality report.
   */
  loadInterventions(source) {
    return this.session.loadKpiFile('interventions', source);
  }

  /** Issue 14: the board attendance file of KPI 7 (`null` drops it). Resolves with its quality report. */
  loadBoard(source) {
    return this.session.loadKpiFile('board', source);
  }

  /**
   * The aggregate CSV of the current report as a Blob. Disclosure control applies unless
   * `{ suppress: false }` (then the file is for internal use only). Options:
   * `{ suppress = true, k = 5, round_to_5 = false, include_quarters = false }`.
   */
  exportAggregate(options) {
    return this.session.exportAggregate(options);
  }

  /** Recompute the report with the current settings (no re-reading). */
  reanalyse() {
    return this.session.reanalyse();
  }

  /** Read the last file again with the current mapping profile. */
  reanalyseWithProfile() {
    return this.session.reanalyseWithProfile();
  }

  saveProfile() {
    this.session.saveProfile();
  }

  loadProfile(file) {
    return this.session.loadProfile(file);
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
    this.session.connected();
    if (this.language !== this._lang) this.languageChanged();
    loadDrawing().catch(() => {});
    this.$.drop.hidden = this.mode === 'public';
    this.$.toolbar.hidden = this.mode === 'public' || !this.report;
    this.followSources();
  }

  disconnectedCallback() {
    // Stop the worker only if the element is not put back in this task: moving it (append it
    // elsewhere) disconnects then connects it, and keeps the worker with its extract.
    clearTimeout(this._closing);
    this._closing = setTimeout(() => {
      this._closing = null;
      if (!this.isConnected) this.session.stop();
    });
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (Object.hasOwn(SETTING_ATTRIBUTES, name)) {
      this.session.settingFromAttribute(name, after);
      return;
    }
    if (name === 'area' || name === 'area-code') {
      // Issue 13: our area, named by the host (comparators.md, "Our area").
      if (this.mode === 'public') {
        this.session.comparators = { ...this.session.comparators, area: { name: this.getAttribute('area') ?? '', code: this.getAttribute('area-code') ?? '' } };
        this.session.publicSrc = null;
        this.followSources();
      } else this.session.setArea(this.getAttribute('area'), this.getAttribute('area-code')).catch(() => {});
      return;
    }
    if (name === 'population-src' || name === 'suppress-below' || name === 'src' || name === 'comparators-src') {
      this.followSources();
      return;
    }
    if (name === 'lang') {
      if (this.isConnected && this.language !== this._lang) this.languageChanged();
      return;
    }
    if (name === 'mode') {
      if (this.mode !== this._mode) this.modeChanged();
      return;
    }
    if (this.report) this.render();
  }

  /**
   * Another language: every word the widget shows is rebuilt in it — the layout and its panels
   * at once, the figures' sentences (the core's notes, definitions, period labels) by analysing
   * the extract again in the worker (the file is not read again); public figures re-render.
   */
  languageChanged() {
    // Welsh words are fetched when first needed (an English page never fetches them): until
    // they are here the widget stays in the language it was in, then switches.
    if (!hasTable(this.language)) {
      loadTable(this.language).then(
        () => {
          if (this.isConnected && this.language !== this._lang) this.languageChanged();
        },
        () => {},
      );
      return;
    }
    this._lang = this.language;
    setLang(this._lang);
    const root = this.shadowRoot;
    const status = this.$.status?.textContent ?? '';
    const old = root.querySelector('div.yj');
    this.$ = {};
    old.replaceWith(this.layout());
    this.$.drop.hidden = this.mode === 'public';
    this.$.toolbar.hidden = this.mode === 'public' || !this.report;
    // What became of the file's rows, said again in the new language (the status line is the
    // only place a user sees it after the drop).
    const analysed = () => {
      const q = this.report?.public ? null : this.report?.quality;
      this.setStatus(q && this._sourceName ? t('status.analysed', { name: this._sourceName, used: count(q.rows_used), read: count(q.rows_read) }) : '');
    };
    if (status) analysed();
    const pop = this.report?.population;
    if (pop?.rows_rejected) this.setPopulationStatus(populationStatus(pop));
    else if (this.session.population) this.setPopulationStatus(t('population.in_use', { label: this.session.population.label }));
    if (!this.report) return;
    if (this.report.public) {
      this.report.source_label = publicSource(this.report, this);
      this.setSource(t('source', { name: this.report.source_label }));
      this.render();
    } else {
      if (this._sourceName) this.setSource(t('source', { name: this._sourceName }));
      this.render();
      // The figures' sentences again in the new language: nothing about them changed, so the
      // status line says again only what became of the rows.
      this.session.reanalyse().then(analysed, () => {});
    }
  }

  /**
   * Analyst ⇄ public. The screen is cleared first, so nothing of the other mode stays on it:
   * switched to public, the analysis (counts from 1 upwards) and the drop zone go, and only the
   * published file (`src`, disclosure control re-applied) is shown; switched to analyst, the
   * published figures go and the drop zone is back.
   */
  modeChanged() {
    this._mode = this.mode;
    this.session.modeChanged(this.mode);
    this.clearScreen();
    if (!this.isConnected) return;
    this.session.ensureEngine();
    this.followSources();
  }

  /** An empty widget: no figures, tabs, notices or messages (the drop zone in analyst mode). */
  clearScreen() {
    const $ = this.$;
    for (const fig of $.panels.querySelectorAll('figure.chart')) fig.dispose?.();
    replace($.tabs);
    replace($.controls);
    replace($.panels);
    $.controls.hidden = true;
    $.legend.hidden = true;
    $.legend.textContent = '';
    $.asAt.hidden = true;
    $.toolbar.hidden = true;
    $.drop.hidden = this.mode === 'public';
    $.language.hidden = this.mode === 'public';
    this.setProgress(null);
    this.setStatus('');
    this.setSource('');
    this.clearError();
    this._alarm = null;
    this._pendingCharts = null;
  }

  /**
   * Load what `src`, `suppress-below` and `population-src` name, if that is not what is
   * loaded (they may have changed while the element was off the page).
   */
  followSources() {
    if (!this.isConnected) return;
    const s = this.session;
    const src = this.getAttribute('src');
    if (this.mode === 'public') {
      const comparators = this.getAttribute('comparators-src') ?? '';
      if (src && (src !== s.publicSrc || this.suppressBelow() !== s.publicK || comparators !== s.publicComparators)) s.loadPublic(src, this.suppressBelow(), comparators).catch(() => {});
      return;
    }
    const pop = this.getAttribute('population-src');
    if (pop && pop !== s.populationSrc) s.loadPopulationFrom(pop).catch(() => {});
    else if (!pop && s.populationSrc) s.dropHostPopulation().catch(() => {});
  }

  /** The public mode threshold: `suppress-below`, never below the built-in minimum of 3. */
  suppressBelow() {
    return Math.max(3, Number(this.getAttribute('suppress-below')) || 5);
  }

  // ------------------------------------------------------------------ what the session shows

  /** Show a new report: render the views and tell the host page. */
  show(report, timing) {
    if (report.population?.rows_rejected) this.setPopulationStatus(populationStatus(report.population));
    if (this.$.kpiStatus && !report.public) this.$.kpiStatus.textContent = kpiStatus(report.kpi);
    comparatorStatus(this); // issue 13: the family in use and the area names that match nothing
    this.render();
    this.emit('yj-loaded', timing ? { report, timing } : { report });
    return report;
  }

  /** A file read and analysed: say what became of its rows, and the row-loss notice if due. */
  showExtract(report, timing, name) {
    const q = report.quality;
    this.setStatus(t('status.analysed', { name, used: count(q.rows_used), read: count(q.rows_read) }));
    this.setSource(t('source', { name }));
    this._sourceName = name;
    this._alarm = rowLossAlarm(q);
    this._alarmAccepted = false;
    return this.show(report, timing);
  }

  /** The public figures, on the period type with the most published periods. */
  showPublic(report) {
    this.setStatus('');
    report.source_label = publicSource(report, this);
    this.setSource(t('source', { name: report.source_label }));
    this._state.periodType = mostPublished(report);
    return this.show(report);
  }

  setStatus(text) {
    this.$.status.textContent = text;
  }

  /** The progress bar at `value` (0–100), or hidden (null). */
  setProgress(value) {
    this.$.progress.hidden = value === null;
    if (value !== null) this.$.progress.value = value;
  }

  setSource(text) {
    this.$.source.textContent = text;
  }

  /** The table read from a spreadsheet and a choice of the others (`info` null: not one). */
  showSheet(info, onPick) {
    this.$.sheet.replaceChildren(...[sheetPicker(info, onPick)].filter(Boolean));
  }

  setPopulationStatus(text) {
    this.$.popStatus.textContent = text;
  }

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

  // ------------------------------------------------------------------ layout

  layout() {
    const inputId = uid('file');
    const $ = this.$;
    $.input = h('input', { type: 'file', id: inputId, accept: SPREADSHEET_ACCEPT, class: 'visually-hidden' });
    $.input.addEventListener('change', () => {
      const file = $.input.files?.[0];
      if (file) this.loadExtract(file).catch(() => {});
      $.input.value = '';
    });
    $.drop = h(
      'div',
      { class: 'drop' },
      h('p', {}, t('drop.prompt')),
      h('label', { for: inputId, class: 'button' }, t('drop.choose')),
      $.input,
      h('p', { class: 'muted small' }, t('drop.private')),
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
    $.progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': t('progress.reading') });
    $.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    $.error = h('p', { class: 'error', role: 'alert', hidden: true });
    $.fix = h('div', { class: 'fix-area' });
    $.source = h('p', { class: 'source muted' });
    $.sheet = h('div', { class: 'sheet' });
    $.asAtText = h('span', {});
    $.asAtChange = h('button', { type: 'button', class: 'link', 'aria-label': t('as_at.change.label') }, t('as_at.change'));
    $.asAtChange.addEventListener('click', () => {
      const panel = $.toolbar.querySelector('details.settings');
      panel.open = true;
      $.extractDate.focus();
    });
    $.asAt = h('p', { class: 'as-at', hidden: true }, $.asAtText, ' — ', $.asAtChange);
    $.toolbar = h('div', { class: 'toolbar', hidden: true }, populationPanel(this), comparatorsPanel(this), kpiPanel(this), settingsPanel(this), exportPanel(this));
    $.tabs = h('div', { role: 'tablist', 'aria-label': t('tabs.label'), class: 'tabs' });
    $.controls = h('div', { class: 'controls', role: 'group', 'aria-label': t('controls.label') });
    $.legend = h('p', { class: 'legend small', hidden: true });
    $.panels = h('div', { class: 'panels' });
    $.panels.addEventListener('yj-chart-drawn', (e) => this.chartDrawn(e));
    $.language = this.languageSwitch();
    return h('div', { class: 'yj', part: 'root', lang: this._lang ?? 'en' }, $.language, $.drop, $.progress, $.status, $.error, $.fix, $.source, $.sheet, $.asAt, $.toolbar, $.tabs, $.controls, $.legend, $.panels);
  }

  /**
   * The analyst's language switch (English / Cymraeg): it sets the element's `lang`, so the
   * host page can read and set the same thing. Public mode follows the page's language only.
   */
  languageSwitch() {
    const lang = this._lang ?? 'en';
    const control = this.selectControl(t('language.label'), { en: t('language.en'), cy: t('language.cy') }, lang, (v) => this.setAttribute('lang', v), { name: 'language' });
    control.classList.add('language');
    control.hidden = this.mode === 'public';
    return control;
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

  // ------------------------------------------------------------------ rendering

  enabledViews() {
    const wanted = (this.getAttribute('views') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    // Issue 14: the KPIs tab only when there are KPI figures (an interventions extract or a
    // board file was loaded, or a published file has them). Issue 13: a view with
    // `available` (Compare) only when the report has what it shows.
    const report = this.session.report;
    const kpis = [Measure.Kpi1AccommodationSuitable, Measure.Kpi7BoardAttendance, Measure.Kpi10VictimsEngaged].some((m) => has(report, m));
    const views = VIEWS.filter((v) => (v.id !== 'kpis' || kpis) && (!v.available || v.available(this.report)));
    const chosen = wanted.length ? views.filter((v) => wanted.includes(v.id)) : views;
    return chosen.length ? chosen : views;
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
    setLang(this._lang ?? 'en');
    relabelBlocks();
    const views = this.enabledViews();
    // The tabs offered: their modules fetched now (the KPIs and Compare views load lazily).
    viewsReady(views).catch(() => {});
    const $ = this.$;
    const current = views.find((v) => v.id === this._tab) ?? views[0];
    this._tab = current.id;
    $.toolbar.hidden = this.mode === 'public' || !this.report || this.report.public;
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
    const suppressedLegend = this.report?.public;
    $.legend.hidden = !suppressedLegend;
    $.legend.textContent = suppressedLegend ? t('legend.suppressed', { k: this.session.k ?? 5 }) : '';
    this.renderPanel();
  }

  /** "Figures as at 30 Sep 2025 (the latest outcome date in the file) — change". */
  showAsAt() {
    const r = this.report;
    const show = Boolean(r && !r.public && r.extract_date);
    this.$.asAt.hidden = !show;
    if (show) this.$.asAtText.textContent = t('as_at', { date: ukDate(r.extract_date), source: dateSource(r.extract_date_source ?? (r.settings?.extract_date ? 'user' : 'latest_outcome')) });
  }

  syncSettingControls() {
    const $ = this.$;
    const s = this.session.settings;
    if (this.report?.extract_date && this.shadowRoot.activeElement !== $.extractDate) $.extractDate.value = ukNumericDate(this.report.extract_date);
    $.refControl.querySelector('select').value = s.reference_group;
    $.unitControl.querySelector('select').value = s.custody_unit;
    $.cohortControl.querySelector('select').value = s.cohort_method;
    $.breaches.checked = !s.exclude_breaches;
  }

  availablePeriodTypes() {
    const r = this.report;
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
        out.push(this.selectControl(t('control.period'), Object.fromEntries(types.map((p) => [p, PERIOD_TYPES[p]])), st.periodType, set('periodType'), { name: 'period' }));
      } else if (c === 'breakdown') {
        const measure = view.id === 'custody' ? Measure.CustodySentences : Measure.ReoffendingBinaryRate;
        const list = breakdownsOf(this.report, measure);
        if (!list.length) continue;
        if (!list.includes(st.breakdown)) st.breakdown = list[0];
        out.push(this.selectControl(t('control.breakdown'), Object.fromEntries(list.map((b) => [b, BREAKDOWNS[b]])), st.breakdown, set('breakdown'), { name: 'breakdown' }));
      } else if (c === 'service') {
        const services = servicesOf(this.report);
        if (services.length < 2) continue;
        out.push(this.selectControl(t('control.service'), { '': t('control.service.all'), ...Object.fromEntries(services.map((s) => [s, groupLabel(Breakdown.Service, s)])) }, st.service, set('service'), { name: 'service' }));
      } else if (c === 'stage') {
        out.push(
          this.selectControl(t('control.stage'), STAGES, st.stage, set('stage'), { name: 'stage' }),
        );
      } else if (c === 'scope') {
        out.push(
          this.selectControl(t('control.scope'), SCOPES(), st.scope, set('scope'), { name: 'scope' }),
        );
      } else if (c === 'count') {
        out.push(this.selectControl(t('control.count'), COUNTS(), st.count, set('count'), { name: 'count' }));
      }
    }
    if (view.id !== 'quality' && this.report) {
      const id = uid('rows');
      const box = h('input', { type: 'checkbox', id, name: 'one-per-row', checked: Boolean(st.onePerRow) });
      box.addEventListener('change', () => {
        st.onePerRow = box.checked;
        $.panels.classList.toggle('one-per-row', box.checked);
      });
      out.push(h('div', { class: 'layout-toggle check' }, box, h('label', { for: id }, t('control.one_per_row'))));
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
    let fetching = false;
    try {
      // Many rows lost: one notice, before any figure, until the analyst has read it.
      if (this._alarm && !this._alarmAccepted && view.id !== 'quality') content = this.alarmNotice();
      else if (view.render.loaded?.() === false) {
        // Issue 15: its module is still being fetched; drawn once it arrives.
        fetching = true;
        content = h('p', { class: 'muted' }, t('view.loading'));
        view.render.ready().then(
          () => this._tab === view.id && this.renderPanel(),
          (e) => this._tab === view.id && replace(panel, h('p', { class: 'error' }, t('view.failed', { why: e?.message ?? e }))),
        );
      } else content = view.render({ report: this.report, state: this._state, element: this });
    } catch (e) {
      console.error(e);
      content = h('p', { class: 'error' }, t('view.failed', { why: e?.message ?? e }));
    }
    panel.append(content);
    this._pendingCharts = new Set(panel.querySelectorAll('figure.chart'));
    this._renderStarted = performance.now();
    replace($.panels, panel);
    if (!this._pendingCharts.size && !fetching) this.allDrawn();
  }

  /** The blocking notice of a file that lost many rows (alarm.js). */
  alarmNotice() {
    const quality = h('button', { type: 'button', class: 'button' }, t('alarm.open_quality'));
    quality.addEventListener('click', () => this.select('quality', true));
    const anyway = h('button', { type: 'button', class: 'button secondary' }, t('alarm.show_anyway'));
    anyway.addEventListener('click', () => {
      this._alarmAccepted = true;
      this.renderPanel();
    });
    return h(
      'div',
      { class: 'alarm', role: 'alert' },
      h('h2', {}, t('alarm.title')),
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
      since_load_ms: this.session.loadStarted ? now - this.session.loadStarted : null,
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
