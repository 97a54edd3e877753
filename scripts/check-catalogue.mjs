// The catalogue is the only source of ids (issue 11): no JavaScript file of the page names a
// measure id, a decision point (`<later>_vs_<base>`), an outcome code or a measure-id prefix
// ('disp_') in a string literal. The ids are read from the Rust catalogue's source
// (src/catalogue/measure.rs, stage.rs; src/codes/outcome.rs), so a new measure is checked too.
// Usage: node scripts/check-catalogue.mjs [www/src]; exits 1 listing every literal found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The ids of an `id_enum!` in a Rust file: `Variant = "id",` inside `pub enum <name>`. */
function enumIds(file, name) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(`pub enum ${name} {`);
  if (start < 0) throw new Error(`${file}: no enum ${name}`);
  const body = text.slice(start, text.indexOf('\n    }', start));
  return [...body.matchAll(/^\s*\w+ = "([^"]+)",/gm)].map((m) => m[1]);
}

/** The labels of the outcome codes (`Variant => "Label",` in `Outcome::label`). */
function outcomeLabels() {
  const text = readFileSync(join(ROOT, 'src/codes/outcome.rs'), 'utf8');
  const start = text.indexOf('pub fn label(self)');
  const body = text.slice(start, text.indexOf('\n    }', start));
  return [...body.matchAll(/=> "([^"]+)",/g)].map((m) => m[1]).filter((l) => l !== 'Unknown');
}

/** What no page file may spell out, and why. */
export function forbidden() {
  const measures = enumIds('src/catalogue/measure.rs', 'Measure');
  const stages = enumIds('src/catalogue/stage.rs', 'Stage');
  const out = new Map();
  for (const m of measures) out.set(m, 'a measure id');
  for (const m of measures) {
    const prefix = `${m.split('_')[0]}_`;
    out.set(prefix, 'a measure-id prefix');
  }
  for (const a of stages) for (const b of stages) out.set(`${a}_vs_${b}`, 'a decision point');
  for (const l of outcomeLabels()) out.set(l, 'an outcome code');
  return out;
}

const files = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.js') ? [join(d, f)] : []));

/** Every string literal of the page's files that spells out an id: `{ file, line, literal, why }`. */
export function findLiterals(dir = join(ROOT, 'www/src')) {
  const bad = forbidden();
  const found = [];
  for (const file of files(resolve(dir))) {
    const text = readFileSync(file, 'utf8');
    // Quoted strings, and the literal parts of template strings.
    for (const m of text.matchAll(/'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"|`((?:\\.|[^`\\])*)`/g)) {
      const parts = m[3] !== undefined ? m[3].split(/\$\{[^}]*\}/) : [m[1] ?? m[2]];
      for (const literal of parts) {
        if (!bad.has(literal)) continue;
        const line = text.slice(0, m.index).split('\n').length;
        found.push({ file, line, literal, why: bad.get(literal) });
      }
    }
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findLiterals(process.argv[2]);
  for (const f of found) console.error(`${f.file}:${f.line}: '${f.literal}' is ${f.why}: name it through the catalogue (catalogue.js)`);
  process.exit(found.length ? 1 : 0);
}
