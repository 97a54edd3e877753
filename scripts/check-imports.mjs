// Every name imported from a module of www/src is exported by it (eslint checks the rest).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'www/src');
const files = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.js') ? [join(d, f)] : []));
let bad = 0;
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'/g)) {
    const target = resolve(dirname(file), m[2]);
    let src;
    try {
      src = readFileSync(target, 'utf8');
    } catch {
      if (!target.endsWith('yjlens.js')) { console.error(`${file}: cannot read ${m[2]}`); bad++; }
      continue;
    }
    for (const name of m[1].split(',').map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean)) {
      const re = new RegExp(`export\\s+(async\\s+)?(function|const|class|let)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`);
      if (!re.test(src)) { console.error(`${file}: ${name} is not exported by ${m[2]}`); bad++; }
    }
  }
}
process.exit(bad ? 1 : 0);
