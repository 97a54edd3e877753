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
// A file still running 15 minutes after it started is ended and failed (FILE_LIMIT_MS).
//
// Usage: node scripts/e2e.mjs [FILE...]   (default: every tests/e2e/*.test.mjs)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'tests/e2e');
/** What Playwright says when the browser process went away under a test. */
const BROWSER_GONE = /Target page, context or browser has been closed|Browser has been closed|browser has disconnected/;

/**
 * A file still running after this long is ended and failed: its tests passed or failed long
 * before (the longest file takes under 2 minutes here), so something it opened — a server, a
 * browser — keeps its process alive, and CI would wait for it until its own limit.
 * `E2E_FILE_LIMIT_MS` sets another limit.
 */
const FILE_LIMIT_MS = Number(process.env.E2E_FILE_LIMIT_MS ?? 15 * 60 * 1000);

/** The file running now (its process group is ended with this script: Ctrl-C, CI's limit). */
let running = null;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    if (running) process.kill(-running.pid, 'SIGKILL');
    process.exit(code);
  });
}

/** Run one file: `{ code, out, late }` (its exit code, its standard output, whether it was ended). */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      // A process group of its own: ended late, the file's own process (node's runner starts
      // one per file) and its Chromium go with it.
      detached: true,
    });
    running = child;
    let out = '';
    let late = false;
    const limit = setTimeout(() => {
      late = true;
      process.kill(-child.pid, 'SIGKILL');
    }, FILE_LIMIT_MS);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      running = null;
      resolve({ code: code ?? (signal ? 1 : 0), out, late });
    });
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

/** How many tests of a file passed (its TAP summary's `# pass N`). */
const passed = (tap) => Number(tap.match(/^# pass (\d+)$/m)?.[1] ?? 0);

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : readdirSync(DIR).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(DIR, f));
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
  pass += passed(result.out);
  if (result.late) failed.push(`${named(file)}: still running after ${Math.round(FILE_LIMIT_MS / 1000)} s; ended`);
  else if (result.code !== 0) failed.push(`${named(file)}: ${failures(result.out).map((f) => f.name).join('; ') || `exit code ${result.code}`}`);
}

console.log(`# e2e: ${files.length} files, ${pass} tests passed, ${failed.length} file(s) failed`);
for (const f of runAgain) console.log(`# e2e: run again after Chromium went away: ${f}`);
for (const f of failed) console.log(`# e2e: FAILED ${f}`);
process.exit(failed.length > 0 ? 1 : 0);
