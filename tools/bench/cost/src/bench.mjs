/**
 * `npm run bench -w @pt/bench-cost`: generates a synthetic FOCUS file (ROWS, default 1,000,000,
 * ~300 MB) in a temporary directory, then measures in separate processes: a plain read of the
 * file, `pt cost summary --by service` (streaming engine), the same with `--engine duckdb`, and
 * the same aggregation as plain DuckDB SQL, twice: every column as text with the amount cast, and
 * the amount read as `DECIMAL(38,12)` by DuckDB itself. Prints rows/s, peak RSS and ratios against DuckDB and
 * the plain read measured in the same run. Never fails on a time. Build the CLI first
 * (`npx nx run @pt/cli:build`). The file is deleted afterwards.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFocus } from './generate.mjs';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNNER = fileURLToPath(new URL('./run.mjs', import.meta.url));

function measure(what, file) {
  const r = spawnSync(process.execPath, [RUNNER, what, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(last);
}

const dir = mkdtempSync(join(tmpdir(), 'pt-bench-cost-'));
try {
  const file = join(dir, 'focus.csv');
  const t0 = performance.now();
  const bytes = await generateFocus(file, ROWS);
  console.log(
    `generated ${ROWS.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const results = {};
  for (const what of ['read', 'pt', 'duckdb', 'duckdb-decimal', 'pt-duckdb']) {
    results[what] = measure(what, file);
    const m = results[what];
    console.log(
      `${what.padEnd(14)} ${(m.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(m.rows / (m.ms / 1000))
        .toLocaleString('en-US')
        .padStart(11)} rows/s  ` +
        `${(bytes / 1e6 / (m.ms / 1000)).toFixed(0).padStart(5)} MB/s  CPU ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s  peak RSS ${m.maxRssMb.toFixed(0).padStart(5)} MB  rows ${m.rows}`,
    );
  }
  const small = join(dir, 'focus-small.csv');
  await generateFocus(small, Math.max(1, Math.floor(ROWS / 10)));
  results['pt-small'] = measure('pt', small);
  console.log(
    `pt on ${(ROWS / 10).toLocaleString('en-US')} rows: peak RSS ${results['pt-small'].maxRssMb.toFixed(0)} MB (memory does not grow with rows if this is close to the full run's)`,
  );
  const { read, pt, duckdb } = results;
  const decimal = results['duckdb-decimal'];
  console.log('');
  console.log(`pt stream throughput / DuckDB throughput: ${(duckdb.ms / pt.ms).toFixed(2)} (all_varchar, TRY_CAST)`);
  console.log(`pt stream throughput / DuckDB DECIMAL:    ${(decimal.ms / pt.ms).toFixed(2)} (target >= 1)`);
  console.log(
    `pt stream CPU time / DuckDB CPU time:      ${(pt.cpuMs / duckdb.cpuMs).toFixed(2)} (DuckDB uses every core)`,
  );
  console.log(`pt stream time / plain read time:         ${(pt.ms / read.ms).toFixed(2)}`);
  console.log(`pt stream peak RSS / DuckDB peak RSS:     ${(pt.maxRssMb / duckdb.maxRssMb).toFixed(2)}`);
  console.log(`pt peak RSS, full / tenth of the rows:    ${(pt.maxRssMb / results['pt-small'].maxRssMb).toFixed(2)}`);
  console.log(`pt --engine duckdb time / DuckDB time:    ${(results['pt-duckdb'].ms / duckdb.ms).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
