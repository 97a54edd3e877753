// Dev helper (not a test): screenshots of every view, analyst and public, at desktop and phone
// widths. node bench/screenshots.mjs [width...]  → tests/e2e/out/<page>-<view>-<width>.png
import { start, openPage, cspViolations } from '../tests/e2e/browser.mjs';
const widths = process.argv.slice(2).map(Number).filter(Boolean);
const env = await start();
try {
  for (const [kind, path, ready] of [
    ['analyst', '/', () => document.documentElement.dataset.sampleLoaded === 'true'],
    ['public', '/public.html', () => document.querySelector('yj-lens')?.report?.public === true],
  ])
  for (const width of widths.length ? widths : [1280, 390]) {
    const { page, context, log } = await openPage(env.browser, `${env.base}${path}`, { viewport: { width, height: 900 } });
    await page.waitForFunction(ready, null, { timeout: 60_000 });
    const tabs = page.locator('yj-lens [role="tab"]');
    const n = await tabs.count();
    for (let i = 0; i < n; i++) {
      const name = (await tabs.nth(i).textContent()).replace(/[^a-z]+/gi, '-').toLowerCase();
      await tabs.nth(i).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `tests/e2e/out/${kind}-${name}-${width}.png`, fullPage: true });
    }
    console.log(kind, width, 'errors', log.errors, log.console, 'csp', await cspViolations(page));
    await context.close();
  }
} finally {
  await env.close();
}
