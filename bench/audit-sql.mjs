// Run bench/www/peers/headline.sql with DuckDB's Node build (same engine, no browser), to audit
// the SQL: `node bench/audit-sql.mjs bench/data/rows-50k.csv ["extra SQL query" …]`.
// Prints the headline table (and any extra queries) as JSON.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const dist = `${root}node_modules/@duckdb/duckdb-wasm/dist/`;
const db = await duckdb.createDuckDB(
  { mvp: { mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: `${dist}duckdb-node-mvp.worker.cjs` },
    eh: { mainModule: `${dist}duckdb-eh.wasm`, mainWorker: `${dist}duckdb-node-eh.worker.cjs` } },
  new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
await db.instantiate();
const conn = db.connect();
const [file, ...extra] = process.argv.slice(2);
conn.query(`CREATE TABLE raw AS SELECT row_number() OVER () AS rn, *
  FROM read_csv('${file}', all_varchar = true, header = true, delim = ',', quote = '"')`);
const sql = readFileSync(`${root}bench/www/peers/headline.sql`, 'utf8');
for (const s of sql.split(/^;;$/m).map((x) => x.trim()).filter(Boolean)) conn.query(s);
const json = (q) => JSON.stringify(conn.query(q).toArray().map((r) => r.toJSON()), (k, v) => (typeof v === 'bigint' ? Number(v) : v));
for (const q of ["SELECT measure, period_type, strftime(period_start, '%Y-%m-%d') AS period_start, breakdown, grp, stage, value FROM headline ORDER BY ALL", ...extra]) console.log(json(q));
