// Charts on the page: a chart spec drawn by the wasm core (plotters on a canvas) at the
// device pixel ratio, redrawn on resize and text-size change, with an accessible name that
// states the chart's message, a "Show as table" toggle, and PNG / SVG / CSV exports.
import { pageWasm } from './page-wasm.js';
import { h, uid } from './dom.js';
import { t } from './messages/index.js';
import { toCsv, download } from './exports.js';

/**
 * The page's wasm module, started (page-wasm.js): `{ drawChart, chartSvg }` draw a chart spec
 * on a canvas and as SVG. Idempotent.
 */
export function loadDrawing() {
  return pageWasm();
}

function fontOf(el) {
  const cs = getComputedStyle(el);
  return { family: cs.fontFamily || 'sans-serif', size: parseFloat(cs.fontSize) || 13 };
}

const measureCanvas = () => document.createElement('canvas');

/**
 * The canvas height for a chart of `height` (its marks' share: height − 120) at `width` CSS px:
 * the marks' height plus the wrapped lines of its words (estimated from the font size).
 */
export function chartHeight(spec, height, width, fontSize) {
  const perLine = Math.max(16, Math.floor(width / (fontSize * 0.55)));
  const lines = (text, scale = 1) => Math.ceil(((text ?? '').length * scale) / perLine);
  const legend = spec.series.length > 1 || spec.provisional?.some(Boolean) || spec.series.some((s) => s.small?.some(Boolean)) ? 2 : 0;
  const words = lines(spec.title, 1.35) + lines(spec.subtitle) + lines(spec.footnote, 0.9) + legend + 3;
  return Math.round(height - 120 + words * fontSize * 1.4);
}

const lowerFirst = (t) => (/^[A-Z][a-z]/.test(t) ? t[0].toLowerCase() + t.slice(1) : t);

// Charts are drawn in turn, a few per task: seven charts drawn in one frame's callbacks were one
// main-thread task of 40–65 ms (issue 15: no task over 50 ms). Each waits its turn; a chart
// drawn again before its turn is drawn once.
const queue = new Set();
let draining = false;
function inTurn(draw) {
  queue.add(draw);
  if (draining) return;
  draining = true;
  setTimeout(drain, 0);
}
async function drain() {
  const start = performance.now();
  while (queue.size && performance.now() - start < 20) {
    const draw = queue.values().next().value;
    queue.delete(draw);
    // A chart that fails to draw is reported as before (an uncaught error) and the rest still draw.
    await draw().catch((e) => queueMicrotask(() => { throw e; }));
  }
  if (queue.size) setTimeout(drain, 0);
  else draining = false;
}

/**
 * A chart with its table. `spec` is a ChartSpec (src/charts/spec.rs); `table` is
 * `{ head: [..], rows: [[..]] }` of display strings; `label` is the aria-label sentence;
 * `name` is the file name stem for exports.
 */
export function chartFigure({ spec, table, label, name, height = 320, short, csv }) {
  const tableId = uid('table');
  const canvas = h('canvas', { role: 'img', 'aria-label': label, class: 'chart-canvas' });
  const tableEl = dataTable(table, table.caption ?? spec.title, tableId);
  tableEl.hidden = true;
  // Every button names its chart: seven charts' "PNG" buttons are otherwise 28 identical stops.
  const what = t('chart.what', { chart: lowerFirst(short ?? spec.title) });
  // The visible words come first in the accessible name (WCAG 2.5.3, label in name).
  const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': tableId, 'aria-label': `${t('chart.show_table')}: ${what}` }, t('chart.show_table'));
  toggle.addEventListener('click', () => {
    tableEl.hidden = !tableEl.hidden;
    toggle.setAttribute('aria-expanded', String(!tableEl.hidden));
    toggle.textContent = tableEl.hidden ? t('chart.show_table') : t('chart.hide_table');
    toggle.setAttribute('aria-label', `${toggle.textContent}: ${what}`);
  });
  const box = h('div', { class: 'chart-box' }, canvas);
  const exportPng = h('button', { type: 'button', class: 'link', 'aria-label': t('chart.download.png', { what }) }, 'PNG');
  const exportSvg = h('button', { type: 'button', class: 'link', 'aria-label': t('chart.download.svg', { what }) }, 'SVG');
  const exportCsv = h('button', { type: 'button', class: 'link', 'aria-label': t('chart.download.csv', { what }) }, 'CSV');
  const fig = h(
    'figure',
    { class: 'chart' },
    box,
    h('div', { class: 'chart-tools' }, toggle, h('span', { class: 'muted' }, t('chart.download')), exportPng, exportSvg, exportCsv),
    tableEl,
  );

  let lastKey = '';
  const draw = async (force = false) => {
    const { drawChart } = await loadDrawing();
    const width = Math.floor(box.clientWidth);
    if (width < 10) return;
    const font = fontOf(fig);
    const dpr = window.devicePixelRatio || 1;
    // The title, subtitle, legend and footnote wrap onto more lines on a narrow chart: the
    // canvas grows by their lines, so the marks keep their own height at any width.
    const tall = chartHeight(spec, height, width, font.size);
    const key = `${width}x${tall}@${dpr}:${font.family}:${font.size}`;
    if (!force && key === lastKey) return;
    lastKey = key;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${tall}px`;
    drawChart(canvas, spec, width, tall, dpr, font.family, font.size);
    fig.dispatchEvent(new CustomEvent('yj-chart-drawn', { bubbles: true, composed: true }));
  };
  // Redrawn in the next frame, never inside the observer's callback: drawing sets the canvas
  // height, which resizes the box being observed, and a size change during the callback makes
  // the browser report "ResizeObserver loop completed with undelivered notifications" to the
  // host page's error handler. One redraw per frame, however many notifications.
  let frame = 0;
  const observer = new ResizeObserver(() => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      inTurn(draw);
    });
  });
  observer.observe(box);
  // Redraw when the device pixel ratio changes (zoom, moving between screens).
  const watchDpr = () => {
    const mq = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    mq.addEventListener('change', () => { draw(true); watchDpr(); }, { once: true });
  };
  watchDpr();

  exportPng.addEventListener('click', async () => {
    const { drawChart } = await loadDrawing();
    const c = document.createElement('canvas');
    const font = fontOf(fig);
    const w = Math.floor(box.clientWidth) || 640;
    drawChart(c, spec, w, chartHeight(spec, height, w, font.size), 2, font.family, font.size);
    c.toBlob((blob) => download(blob, `${name}.png`), 'image/png');
  });
  exportSvg.addEventListener('click', async () => {
    const { chartSvg } = await loadDrawing();
    const font = fontOf(fig);
    const w = Math.floor(box.clientWidth) || 640;
    const svg = chartSvg(measureCanvas(), spec, w, chartHeight(spec, height, w, font.size), font.family, font.size);
    download(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`);
  });
  exportCsv.addEventListener('click', () => {
    download(new Blob([toCsv([table.head, ...table.rows], csv)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
  });
  fig.chart = { spec, table, label, name, height };
  fig.redraw = () => draw(true);
  fig.dispose = () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
  };
  return fig;
}

/** A cell as shown: a node as is, anything else (an interval `{ low, high }` too) as text. */
const cellText = (c) => (c instanceof Node ? c : String(c ?? ''));

const NUMERIC = /^([−+±-]?[\d,.]+%?|\[c\]|–|[\d,.]+–[\d,.]+)$/;

/** An accessible table: caption, column headers, first column as row headers. */
export function dataTable(table, caption, id) {
  return h(
    'div',
    // A region that may scroll sideways: focusable, so a keyboard can scroll it too.
    { class: 'table-wrap', id, role: 'region', 'aria-label': caption, tabindex: '0' },
    h(
      'table',
      {},
      // The caption's text in a block that stays in view and wraps at the visible width when the
      // table is wider than a phone and scrolls sideways (yj-lens.css).
      h('caption', {}, h('span', {}, caption)),
      h('thead', {}, h('tr', {}, table.head.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        table.rows.map((r) =>
          h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, cellText(c)) : h('td', { class: NUMERIC.test(String(c)) ? 'num' : undefined }, cellText(c))))),
        ),
      ),
    ),
  );
}
