// The board pack: a standalone, printable HTML document (A4 print stylesheet) of the Overview
// and the chosen views, made in the browser — charts as PNG data URLs, every table, the notes.
// It is built with DOM APIs in a separate document (values from files stay text) and
// downloaded as a file; being its own document, it carries its own <style>.
import { drawChart } from './yjlens.js';
import { loadDrawing } from './charts.js';

const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11pt; color: #1b1b1b; line-height: 1.4; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 15pt; margin: 18pt 0 6pt; border-bottom: 2px solid #1d70b8; padding-bottom: 2pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
.meta, .muted, .note { color: #505a5f; font-size: 9.5pt; }
.view { break-before: page; }
.view:first-of-type { break-before: auto; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6pt; }
.card { border: 1px solid #b1b4b6; border-left: 4px solid #1d70b8; padding: 4pt 8pt; break-inside: avoid; }
.card.wide { grid-column: 1 / -1; }
.card p { margin: 2pt 0; }
.card .big { font-size: 16pt; font-weight: 600; }
figure { margin: 8pt 0 12pt; break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid #d8dadb; }
table { border-collapse: collapse; font-size: 9pt; margin: 4pt 0 10pt; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 2pt 0; }
th, td { border-bottom: 1px solid #d8dadb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid #505a5f; }
tr { break-inside: avoid; }
.pair { display: block; }
.legend { border: 1px solid #b1b4b6; padding: 4pt 8pt; }
@media screen { body { padding: 16px; } }
`;

/** A chart spec as a PNG data URL (2× resolution). */
async function png(chart, fontFamily) {
  await loadDrawing();
  const c = document.createElement('canvas');
  drawChart(c, chart.spec, 760, chart.height ?? 320, 2, fontFamily, 13);
  return c.toDataURL('image/png');
}

/**
 * Build the board pack. `sections` = [{ title, node }] where node is a rendered view (detached
 * DOM from views.js); `meta` = lines for the cover. Returns a Blob (text/html).
 */
export async function boardPack({ title, meta, sections, legend, fontFamily = 'system-ui, sans-serif' }) {
  const doc = document.implementation.createHTMLDocument(title);
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  doc.head.prepend(charset);
  doc.documentElement.setAttribute('lang', 'en');
  // The stylesheet (a constant, no file data) goes in as text at serialisation: a <style>
  // element created here would be checked against the page's own CSP.
  const h1 = doc.createElement('h1');
  h1.textContent = title;
  doc.body.append(h1);
  for (const line of meta) {
    const p = doc.createElement('p');
    p.className = 'meta';
    p.textContent = line;
    doc.body.append(p);
  }
  if (legend) {
    const p = doc.createElement('p');
    p.className = 'legend';
    p.textContent = legend;
    doc.body.append(p);
  }
  for (const { node } of sections) {
    // Charts first, from the live nodes (their specs), then the copy for the document.
    const figures = [...node.querySelectorAll('figure.chart')];
    const images = [];
    for (const f of figures) images.push(f.chart ? await png(f.chart, fontFamily) : null);
    const copy = doc.importNode(node, true);
    copy.querySelectorAll('figure.chart').forEach((fig, i) => {
      const chart = figures[i]?.chart;
      const out = doc.createElement('figure');
      if (images[i]) {
        const img = doc.createElement('img');
        img.src = images[i];
        img.alt = chart?.label ?? '';
        out.append(img);
      }
      const table = fig.querySelector('.table-wrap');
      if (table) {
        table.removeAttribute('hidden');
        out.append(table);
      }
      fig.replaceWith(out);
    });
    copy.querySelectorAll('button, select, input, .chart-tools, .visually-hidden, .buttons, canvas').forEach((e) => e.remove());
    copy.querySelectorAll('[hidden]').forEach((e) => e.removeAttribute('hidden'));
    for (const e of [copy, ...copy.querySelectorAll('*')]) {
      for (const a of [...e.attributes]) if (a.name === 'id' || a.name.startsWith('aria-') || a.name === 'role' || a.name === 'tabindex') e.removeAttribute(a.name);
    }
    doc.body.append(copy);
  }
  const html = `<!doctype html>\n${doc.documentElement.outerHTML.replace('</head>', `<style>${PRINT_CSS}</style></head>`)}\n`;
  return new Blob([html], { type: 'text/html' });
}
