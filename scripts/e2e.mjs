// The browser tests (`make test-e2e`): each file of tests/e2e run by node's test runner in turn,
// one at a time, as `node --test --test-concurrency=1 tests/e2e/` runs them (each file in a
// process of its own, with a Chromium of its own), its TAP output passed through as it comes.
//
// A file whose every failing test failed because Chromium itself went away under it
// (Playwright's "Target page, context or browser has been closed" or "Browser has been closed"
// while the test had not closed it: a crash of the browser, not of a page) is run once more,
// and the summary names it. Any other failure — an assertion, a timeout, a page that crashed —
// fails at once, and so does a file whose second run fails too.
//
// Usage: node scripts/e2e.mjs [FILE...]   (default: every tests/e2e/*.test.mjs)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'tests/e2e');
/** What Playwright says when the browser process went away under a test. */
const BROWSER_GONE = /Target page, context or browser has been closed|Browser has been closed|browser has disconnected/;

/** Run one file: `{ code, out }` (its exit code and its standard output). */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/**
 * The failed tests of a file's TAP output, each `{ name, browserGone }`: a top-level `not ok`
 * line and its block (up to the next top-level line).
 */
function failures(tap) {
  const found = [];
  let current = null;
  for (const line of tap.split('\n')) {
    if (/^(not ok|ok) \d+/.test(line) || line.startsWith('# ')) {
      current = null;
      if (line.startsWith('not ok')) {
        current = { name: line.replace(/^not ok \d+ - /, ''), browserGone: false };
        found.push(current);
      }
    } else if (current && BROWSER_GONE.test(line)) current.browserGone = true;
  }
  return found;
}

/** Counts of a file's TAP summary lines (`# pass N`, `# fail N`). */
function counts(tap) {
  const get = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { pass: get('pass'), fail: get('fail') };
}

const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(DIR).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(DIR, f));
const named = (file) => relative(ROOT, file);
const failed = [];
const runAgain = [];
let pass = 0;
for (const file of files) {
  let result = await run(file);
  const first = failures(result.out);
  if (result.code !== 0 && first.length > 0 && first.every((f) => f.browserGone)) {
    runAgain.push(`${named(file)} (${first.map((f) => f.name).join('; ')})`);
    console.log(`# e2e: Chromium went away under ${first.length} test(s) of ${named(file)}; running the file once more`);
    result = await run(file);
  }
  pass += counts(result.out).pass;
  if (result.code !== 0) failed.push(`${named(file)}: ${failures(result.out).map((f) => f.name).join('; ') || `exit code ${result.code}`}`);
}

console.log(`# e2e: ${files.length} files, ${pass} tests passed, ${failed.length} file(s) failed`);
for (const f of runAgain) console.log(`# e2e: run again after Chromium went away: ${f}`);
for (const f of failed) console.log(`# e2e: FAILED ${f}`);
process.exit(failed.length > 0 ? 1 : 0);
