/**
 * One measured run in its own process, so its peak RSS is its own: `node run.mjs <what> <file>`.
 * Prints `{"ms":…,"cpuMs":…,"maxRssMb":…,"rows":…}` as the last line on stderr. `what`: `read` (stream the
 * file, count lines), `pt` (the built CLI's `pt cost summary FILE --by service`), `pt-duckdb`
 * (the same with `--engine duckdb`), `duckdb` (the same aggregation as plain DuckDB SQL, every
 * column read as text, the amount cast with TRY_CAST), `duckdb-decimal` (DuckDB reading the amount
 * column as `DECIMAL(38,12)` itself, the other columns as it detects them, grouped by currency ×
 * `Tags.service`: the baseline).
 */
import { createReadStream } from 'node:fs';

const [what, file] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
if (what === 'read') {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  }
  rows--;
} else if (what === 'pt' || what === 'pt-duckdb') {
  const { main } = await import('@pt/cli');
  const args = ['cost', 'summary', file, '--by', 'service', '--format', 'json'];
  // Two parts, one per core (the default from 64 MiB), also for the tenth-size file: like with like.
  if (what === 'pt-duckdb') args.push('--engine', 'duckdb');
  else args.push('--jobs', '2');
  let out = '';
  const stdout = { write: (text, cb) => ((out += text), cb?.(), true), isTTY: false };
  const code = await main(args, { stdout, stderr: process.stderr, stdin: process.stdin, env: {} });
  if (code !== 0) process.exit(code);
  rows = JSON.parse(out).stats.rows;
} else if (what === 'duckdb-decimal') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const path = file.replaceAll("'", "''");
  const result = await connection.runAndReadAll(`
    SELECT BillingCurrency, json_extract_string(Tags, '$.service') AS service,
           sum(BilledCost) AS cost, count(*) AS n
    FROM read_csv('${path}', header = true, nullstr = 'NULL', types = {'BilledCost': 'DECIMAL(38,12)'})
    GROUP BY ALL`);
  rows = result.getRowObjectsJS().reduce((a, r) => a + Number(r.n), 0);
  connection.closeSync();
  instance.closeSync();
} else if (what === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const path = file.replaceAll("'", "''");
  const result = await connection.runAndReadAll(`
    SELECT BillingCurrency,
           CASE WHEN json_valid(Tags) THEN coalesce(json_extract_string(Tags, '$.service'), '') ELSE '' END AS service,
           sum(TRY_CAST(BilledCost AS DECIMAL(38,12))) AS cost, count(*) AS n
    FROM read_csv('${path}', header = true, all_varchar = true)
    GROUP BY ALL`);
  rows = result.getRowObjectsJS().reduce((a, r) => a + Number(r.n), 0);
  connection.closeSync();
  instance.closeSync();
} else {
  throw new Error(`unknown measurement ${what}`);
}
const ms = performance.now() - started;
const cpu = process.cpuUsage();
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stderr.write(`\n${JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, rows })}\n`);
