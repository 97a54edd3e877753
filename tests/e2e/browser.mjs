// Shared set-up of the browser tests: the demo server (with the widget's CSP), Debian's
// Chromium driven by playwright-core, and recorders for what a user must never see:
// Content-Security-Policy violations, page errors, and network requests after load.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WWW = join(ROOT, 'www');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Start the server and the browser. Returns { base, browser, close }. */
export async function start({ root = WWW } = {}) {
  const server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  // playwright-core starts Chromium with a fresh, empty profile of its own each launch.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * A page that records CSP violations (from inside the page, shadow roots included), page
 * errors, console errors and every request.
 */
export async function openPage(browser, url, { viewport = { width: 1200, height: 900 }, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, acceptDownloads: true });
  const page = await context.newPage();
  const log = { requests: [], errors: [], console: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && log.console.push(m.text()));
  // Every request of the context: the page's, its workers' and any other.
  context.on('request', (r) => log.requests.push({ url: r.url(), at: Date.now() }));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
    });
  });
  await page.goto(url);
  return { page, context, log };
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

/** Wait until `<yj-lens>` (by selector) has a report whose figures include `measure`. */
export async function waitForReport(page, selector = 'yj-lens') {
  await page.waitForFunction((sel) => document.querySelector(sel)?.report?.figures !== undefined, selector, { timeout: 60_000 });
}

/** Count canvas pixels that are not white (the chart has been drawn). */
export async function inkedPixels(page, canvasHandle) {
  return canvasHandle.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
    return n;
  });
}
