// <yj-lens>: the embeddable widget. A shadow root (the portal's CSS cannot break it, its CSS
// cannot leak), a Web Worker running the wasm core (no record leaves the page), tabs of views.
//
//   <script type="module" src="/yjlens/yj-lens.js"></script>
//   <yj-lens></yj-lens>
//
// API: loadExtract(File|Blob|ArrayBuffer) → Promise<report>, loadPopulation(…), report,
// events yj-progress, yj-loaded, yj-error.
import { h, replace, uid } from './dom.js';
import { EngineClient } from './client.js';
import { loadDrawing } from './charts.js';
import { VIEWS } from './views.js';
import { count } from './format.js';

const STYLESHEET = new URL('yj-lens.css', import.meta.url);

function isBytes(x) {
  return x instanceof Blob || x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

export class YjLens extends HTMLElement {
  static observedAttributes = ['views', 'mode', 'src'];

  constructor() {
    super();
    this._report = null;
    this._busy = false;
    this._settings = undefined;
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

  /** `analyst` (default) or `public`. */
  get mode() {
    return this.getAttribute('mode') === 'public' ? 'public' : 'analyst';
  }

  connectedCallback() {
    // Preload the worker and the wasm now, so dropping a file causes no request at all.
    this.engine ??= new EngineClient();
    loadDrawing().catch(() => {});
    this.$.drop.hidden = this.mode === 'public';
    if (this.mode === 'public' && this.getAttribute('src') && !this._publicLoaded) {
      this._publicLoaded = true;
      this.loadPublic(this.getAttribute('src')).catch(() => {});
    }
  }

  disconnectedCallback() {
    this.engine?.close();
    this.engine = null;
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (this.isConnected && name === 'src' && this.mode === 'public' && after) {
      this._publicLoaded = true;
      this.loadPublic(after).catch(() => {});
    } else if (this._report) this.render();
  }

  /**
   * Public mode: fetch a same-origin aggregate file and show it with disclosure control
   * re-applied (threshold `suppress-below`, never below the built-in minimum of 3).
   */
  async loadPublic(src) {
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) {
      throw this.failWith(`The figures file must be on this site (${location.origin}); ${url.origin} is not, so it was not loaded.`);
    }
    this.engine ??= new EngineClient();
    this.$.error.hidden = true;
    this.$.status.textContent = 'Loading published figures…';
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw { kind: 'fetch', message: `The figures file could not be loaded (HTTP ${response.status}).` };
      const k = Math.max(3, Number(this.getAttribute('suppress-below')) || 5);
      const msg = await this.engine.request({ type: 'public', source: await response.blob(), k });
      this._report = { ...msg.report, public: true };
      this.$.status.textContent = '';
      this.$.source.textContent = `Source: ${msg.report.provenance.source || url.pathname.split('/').pop()}`;
      this.render();
      this.emit('yj-loaded', { report: this._report });
      return this._report;
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  /**
   * The aggregate CSV of the current report as a Blob. Disclosure control applies unless
   * `{ suppress: false }` (then the file is for internal use only). Options:
   * `{ suppress = true, k = 5, round_to_5 = false, include_quarters = false }`.
   */
  async exportAggregate(options = {}) {
    if (!this._report || this._report.public) throw this.failWith('Load an extract first: there are no figures to export.');
    const choice = { suppress: true, k: 5, round_to_5: false, include_quarters: false, ...options };
    const msg = await this.engine.request({ type: 'aggregate', choice, source: this._sourceName ?? 'extract' });
    return new Blob([msg.csv], { type: 'text/csv' });
  }

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
    $.source = h('p', { class: 'source muted' });
    $.tabs = h('div', { role: 'tablist', 'aria-label': 'Views', class: 'tabs' });
    $.panels = h('div', { class: 'panels' });
    return h('div', { class: 'yj', part: 'root' }, $.drop, $.progress, $.status, $.error, $.source, $.tabs, $.panels);
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
    this.emit('yj-error', { message, kind: error?.kind ?? 'error', detail: error?.detail ?? null });
  }

  /** Analyse a case-level extract. Resolves with the report; rejects with `{kind, message}`. */
  async loadExtract(source, { label } = {}) {
    if (this.mode === 'public') throw this.failWith('This is a public dashboard: it shows published figures and does not take files.');
    if (!isBytes(source)) throw this.failWith('Give loadExtract a File, Blob or ArrayBuffer.');
    this.engine ??= new EngineClient();
    const $ = this.$;
    $.error.hidden = true;
    $.progress.hidden = false;
    $.progress.value = 0;
    const name = label ?? source.name ?? 'extract';
    $.status.textContent = `Reading ${name}…`;
    this._busy = true;
    try {
      const msg = await this.engine.request(
        { type: 'load', source, settings: this._settings },
        (p) => {
          const pct = p.total ? Math.round((p.loaded / p.total) * 100) : 0;
          $.progress.value = pct;
          $.status.textContent = p.note ?? `Reading ${name}… ${pct}%`;
          this.emit('yj-progress', { loaded: p.loaded, total: p.total });
        },
      );
      this._report = msg.report;
      this._timing = msg.timing;
      this._sourceName = source.name ?? 'extract.csv';
      $.progress.hidden = true;
      const q = msg.report.quality;
      $.status.textContent = `Analysed ${name}: ${count(q.rows_used)} rows used of ${count(q.rows_read)} read.`;
      $.source.textContent = `Source: ${name}`;
      this.render();
      this.emit('yj-loaded', { report: this._report, timing: this._timing });
      return this._report;
    } catch (e) {
      this.fail(e);
      throw e;
    } finally {
      this._busy = false;
    }
  }

  failWith(message) {
    const e = { kind: 'bad_input', message };
    this.fail(e);
    return e;
  }

  /** Add population denominators (a population file). */
  async loadPopulation(source) {
    if (!isBytes(source)) throw this.failWith('Give loadPopulation a File, Blob or ArrayBuffer.');
    this.engine ??= new EngineClient();
    try {
      await this.engine.request({ type: 'population', source });
      if (this._report) {
        const msg = await this.engine.request({ type: 'analyse', settings: this._settings });
        this._report = msg.report;
        this.render();
        this.emit('yj-loaded', { report: this._report });
      }
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  enabledViews() {
    const wanted = (this.getAttribute('views') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return wanted.length ? VIEWS.filter((v) => wanted.includes(v.id)) : VIEWS;
  }

  render() {
    const views = this.enabledViews();
    const $ = this.$;
    const current = views.find((v) => v.id === this._tab) ?? views[0];
    this._tab = current.id;
    const tabs = views.map((v) => {
      const selected = v.id === current.id;
      const tab = h('button', {
        type: 'button',
        role: 'tab',
        id: `tab-${v.id}`,
        'aria-selected': String(selected),
        'aria-controls': `panel-${v.id}`,
        tabindex: selected ? '0' : '-1',
        class: 'tab',
      }, v.title);
      tab.addEventListener('click', () => this.select(v.id));
      tab.addEventListener('keydown', (e) => this.tabKey(e, views, v.id));
      return tab;
    });
    replace($.tabs, tabs);
    const panel = h('div', { role: 'tabpanel', id: `panel-${current.id}`, 'aria-labelledby': `tab-${current.id}`, tabindex: '0' });
    panel.append(current.render({ report: this._report, element: this }));
    replace($.panels, panel);
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

if (!customElements.get('yj-lens')) customElements.define('yj-lens', YjLens);
