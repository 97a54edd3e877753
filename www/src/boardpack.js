// The board pack: a standalone, printable HTML document (A4 print stylesheet) of the Overview
// and the chosen views, made in the browser — a cover (the analyst's title, service name and
// reporting quarter), charts as PNG data URLs each with only the figures it shows (a long
// time series cut to its latest periods, with a sentence saying so), the notes, and a
// data-quality section naming the analyst's own mappings. UK dates throughout. It is built
// with DOM APIs in a separate document (values from files stay text) and downloaded as a
// file; being its own document, it carries its own <style>.
import { loadDrawing, chartHeight } from './charts.js';
import { ukDates } from './exports.js';
import { LANG } from './catalogue.js';
import { t } from './messages/index.js';

/** A time-series table keeps at most this many (latest) periods in the pack. */
export const PACK_PERIODS = 8;
/** The sentence under a time-series table cut to its latest periods, in the language in use. */
export const cutNote = () => t('pack.cut', { n: PACK_PERIODS });

const PRINT_CSS = `
@page { size: A4; margin: 10mm 12mm; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; font-size: 9.5pt; color: #1b1b1b; line-height: 1.3; max-width: 182mm; margin: 0 auto; padding: 6mm 0; }
h1 { font-size: 20pt; margin: 0 0 2pt; }
.cover { border-bottom: 3px solid #1d70b8; padding-bottom: 6pt; margin-bottom: 8pt; }
.cover .service { font-size: 14pt; font-weight: 600; margin: 0 0 2pt; }
.cover .quarter { font-size: 12pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 12pt 0 4pt; border-bottom: 2px solid #1d70b8; padding-bottom: 2pt; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; }
.meta, .muted, .note { color: #505a5f; font-size: 8.5pt; margin: 2pt 0; }
.view { break-before: page; }
.view.first { break-before: auto; }
.quality-section { break-before: auto; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 5pt; }
.card { border: 1px solid #b1b4b6; border-left: 4px solid #1d70b8; padding: 3pt 6pt; break-inside: avoid; }
.card.wide { grid-column: 1 / -1; }
.card p { margin: 1pt 0; }
.card .big { font-size: 14pt; font-weight: 600; }
figure { margin: 2pt 0 6pt; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #d8dadb; break-inside: avoid; }
figure table caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cut { font-size: 8.5pt; color: #505a5f; margin: 1pt 0 0; }
table { border-collapse: collapse; font-size: 8pt; margin: 3pt 0 6pt; width: 100%; }
figure table { position: relative; width: auto; max-width: 100%; font-size: 7.5pt; line-height: 1.2; margin: 2pt 0 0; }
figure tbody th, figure td { white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: 1pt 0; }
th, td { border-bottom: 1px solid #d8dadb; padding: 1pt 3pt; text-align: left; vertical-align: top; }
figure th, figure td { padding: 0.5pt 6pt 0.5pt 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid #505a5f; }
tr { break-inside: avoid; }
.legend { border: 1px solid #b1b4b6; padding: 3pt 6pt; }
ul { margin: 2pt 0 6pt; padding-left: 16pt; }
@media screen { body { padding: 16px; } }
`;

/** A chart's height in print (CSS px at 760 wide). */
export function printHeight(chart) {
  return chartHeight(chart.spec, Math.max(190, Math.round((chart.height ?? 320) * 0.62)), 760, 13);
}

/** A chart spec as a PNG data URL (2× resolution). */
async function png(chart, fontFamily) {
  const { drawChart } = await loadDrawing();
  const c = document.createElement('canvas');
  // Flatter than on screen (the page is read, not explored): three charts to an A4 page.
  drawChart(c, chart.spec, 760, printHeight(chart), 2, fontFamily, 13);
  return c.toDataURL('image/png');
}

const NUMERIC = /^([−+±-]?[\d,.]+%?|\[c\]|–|[\d,.]+–[\d,.]+)$/;

/** Whether a chart's table is a time series (its rows are periods). */
function isTimeSeries(chart) {
  const head0 = String(chart?.table?.head?.[0] ?? '');
  return /^period$/i.test(head0) || ['trend', 'columns', 'line'].includes(chart?.spec?.kind);
}

/**
 * The figures a chart shows, for print: its own table, a time series cut to its latest
 * `PACK_PERIODS` periods (`cut`: the view then says where the full series is).
 */
export function packTable(chart) {
  const { head, rows } = chart.table;
  if (isTimeSeries(chart) && rows.length > PACK_PERIODS) {
    return { head, rows: rows.slice(-PACK_PERIODS), cut: true };
  }
  return { head, rows, cut: false };
}

function tableIn(doc, { head, rows }, caption) {
  const el = (tag, text, cls) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const table = el('table');
  table.append(el('caption', caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const c of head) tr.append(el('th', c));
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    r.forEach((c, i) => {
      const text = c !== null && typeof c === 'object' ? `${c.low ?? ''}–${c.high ?? ''}` : c;
      row.append(i === 0 ? el('th', text) : el('td', text, NUMERIC.test(String(text)) ? 'num' : undefined));
    });
    tbody.append(row);
  }
  table.append(thead, tbody);
  return table;
}

/**
 * Build the board pack. `sections` = [{ title, node }] where node is a rendered view (detached
 * DOM from views.js); `cover` = { service, quarter } typed by the analyst; `meta` = lines for
 * the cover; `quality` = { summary: [lines], mappings: [sentences] } (optional). Returns a
 * Blob (text/html).
 */
export async function boardPack({ title, cover = {}, meta = [], sections, legend, quality, fontFamily = 'system-ui, sans-serif' }) {
  const doc = document.implementation.createHTMLDocument(title);
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  doc.head.prepend(charset);
  doc.documentElement.setAttribute('lang', LANG === 'cy' ? 'cy' : 'en-GB');
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // The stylesheet (a constant, no file data) goes in as text at serialisation: a <style>
  // element created here would be checked against the page's own CSP.
  const head = el('header', 'cover');
  head.append(el('h1', null, title));
  if (cover.service) head.append(el('p', 'service', cover.service));
  if (cover.quarter) head.append(el('p', 'quarter', t('pack.quarter', { quarter: cover.quarter })));
  for (const line of meta) head.append(el('p', 'meta', line));
  doc.body.append(head);
  if (legend) doc.body.append(el('p', 'legend', legend));
  let first = true;
  for (const { node } of sections) {
    // What is on screen only (the Overview's trend charts repeat the views' own) stays out.
    node.querySelectorAll('.screen-only').forEach((e) => e.remove());
    // Charts first, from the live nodes (their specs), then the copy for the document.
    const figures = [...node.querySelectorAll('figure.chart')];
    const images = [];
    for (const f of figures) images.push(f.chart ? await png(f.chart, fontFamily) : null);
    const copy = doc.importNode(node, true);
    if (first) copy.classList.add('first');
    first = false;
    let cut = 0;
    copy.querySelectorAll('figure.chart').forEach((fig, i) => {
      const chart = figures[i]?.chart;
      const out = doc.createElement('figure');
      if (images[i]) {
        const img = doc.createElement('img');
        img.src = images[i];
        img.alt = chart?.label ?? '';
        out.append(img);
      }
      if (chart?.table) {
        const t = packTable(chart);
        out.append(tableIn(doc, t, chart.spec?.title ?? ''));
        if (t.cut) cut += 1;
      }
      fig.replaceWith(out);
    });
    // A long time-series table beside the charts keeps its latest periods too.
    copy.querySelectorAll('table').forEach((t) => {
      if (t.closest('figure') || !/^period$/i.test(t.tHead?.rows[0]?.cells[0]?.textContent?.trim() ?? '')) return;
      const rows = [...(t.tBodies[0]?.rows ?? [])];
      if (rows.length <= PACK_PERIODS) return;
      rows.slice(0, rows.length - PACK_PERIODS).forEach((r) => r.remove());
      cut += 1;
    });
    // One sentence per view, under its heading, for every table cut to its latest periods.
    if (cut) {
      const at = copy.querySelector('h2');
      const p = el('p', 'cut', cutNote());
      if (at) at.after(p);
      else copy.prepend(p);
    }
    // What is hidden on screen is not what the charts show: it stays out of print.
    copy.querySelectorAll('[hidden]').forEach((e) => e.remove());
    copy.querySelectorAll('button, select, input, label, .chart-tools, .visually-hidden, .buttons, canvas, .controls').forEach((e) => e.remove());
    for (const e of [copy, ...copy.querySelectorAll('*')]) {
      for (const a of [...e.attributes]) if (a.name === 'id' || a.name.startsWith('aria-') || a.name === 'role' || a.name === 'tabindex' || a.name.startsWith('data-')) e.removeAttribute(a.name);
    }
    doc.body.append(copy);
  }
  if (quality) {
    const q = el('section', 'quality-section');
    q.append(el('h2', null, t('view.quality')));
    for (const line of quality.summary ?? []) q.append(el('p', null, line));
    q.append(el('h3', null, t('pack.mappings')));
    if (quality.mappings?.length) {
      const ul = el('ul', 'mappings');
      for (const m of quality.mappings) ul.append(el('li', null, `${m}.`));
      q.append(ul);
    } else {
      q.append(el('p', null, t('pack.mappings.none')));
    }
    doc.body.append(q);
  }
  // UK dates everywhere: any ISO date left in a text (a note, a definition) is rewritten.
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = ukDates(n.nodeValue);
    if (text !== n.nodeValue) n.nodeValue = text;
  }
  const html = `<!doctype html>\n${doc.documentElement.outerHTML.replace('</head>', `<style>${PRINT_CSS}</style></head>`)}\n`;
  return new Blob([html], { type: 'text/html' });
}
