// `npm run bench -w @pt/bench-history [-- --services 100000 --history-services 10000 --days 365 --runs 3]`
// 1. What `pt report --record` adds to `pt report` on the same 100k-service fleet (a fresh history each run).
// 2. `pt history --service <s>` over 365 daily runs of a 10k-service fleet (3.65M service rows):
//    one run recorded by `pt report --record`, the other 364 generated from it in DuckDB.
// Prints seconds and ratios measured in this one run; never fails on a time.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFleet } from '@pt/fleet-gen';

const PT = fileURLToPath(new URL('../../../../apps/cli/bin/pt.js', import.meta.url));
// Both report cases take the whole (not the streamed) path, so only the recording differs.
const ENV = { ...process.env, PT_REPORT_STREAM_FROM_MB: '1000000' };

async function time(args: readonly string[]): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [PT, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: ENV });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`pt ${args.join(' ')} exited ${code}:\n${stderr.slice(0, 2000)}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function generate(dir: string, services: number): Promise<string> {
  const file = join(dir, `fleet-${services}.json`);
  const out = createWriteStream(file);
  await writeFleet(
    async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    },
    { services, seed: 1 },
    'json',
  );
  out.end();
  await once(out, 'close');
  return file;
}

/** Runs 2..days as copies of run 1, a day apart, with scores and costs moved a little. */
async function fillDays(file: string, days: number): Promise<{ rows: number; service: string }> {
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  try {
    await c.run('BEGIN TRANSACTION');
    await c.run(
      `INSERT INTO runs SELECT d + 2, evaluated_at - INTERVAL (d + 1) DAY, recorded_at, fleet_source, pt_version, inputs, team
       FROM runs, range(0, ${days - 1}) t(d) WHERE id = 1`,
    );
    await c.run(
      `INSERT INTO services SELECT d + 2, name, team, health, points,
         CASE WHEN reliability_score IS NULL THEN NULL ELSE greatest(0, least(100, reliability_score + (hash(name, d) % 11)::INTEGER - 5)) END,
         governance, scorecard_name, scorecard_level, scorecard_score, scorecard_next_level,
         round(monthly_cost * (1 + ((hash(d, name) % 21)::INTEGER - 10) / 100.0), 2), cost_trend, slos_met, slos_total, dora_level
       FROM services, range(0, ${days - 1}) t(d) WHERE run_id = 1`,
    );
    await c.run(
      `INSERT INTO reasons SELECT d + 2, service, ordinal, domain, points, message FROM reasons, range(0, ${days - 1}) t(d) WHERE run_id = 1`,
    );
    await c.run(
      `INSERT INTO summary SELECT d + 2, summary.* EXCLUDE (run_id) FROM summary, range(0, ${days - 1}) t(d) WHERE run_id = 1`,
    );
    await c.run('COMMIT');
    await c.run('CHECKPOINT');
    const rows = Number((await c.runAndReadAll('SELECT count(*) AS n FROM services')).getRowObjectsJS()[0]?.['n']);
    const name: unknown = (
      await c.runAndReadAll('SELECT name FROM services WHERE run_id = 1 ORDER BY name LIMIT 1 OFFSET 4321')
    ).getRowObjectsJS()[0]?.['name'];
    const service = typeof name === 'string' ? name : '';
    return { rows, service };
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      services: { type: 'string' },
      'history-services': { type: 'string' },
      days: { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const services = Number(values.services ?? '100000');
  const historyServices = Number(values['history-services'] ?? '10000');
  const days = Number(values.days ?? '365');
  const runs = Number(values.runs ?? '3');
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-history-'));
  try {
    if (services > 0) await recordOverhead(dir, services, runs);
    await historyQuery(dir, historyServices, days, runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pt report` with and without `--record` on the same fleet, in turns. */
async function recordOverhead(dir: string, services: number, runs: number): Promise<void> {
  {
    const fleet = await generate(dir, services);
    const plain: number[] = [];
    const recorded: number[] = [];
    for (let r = 0; r < runs; r++) {
      plain.push(await time(['report', fleet, '--format', 'json', '--out', join(dir, 'r.json')]));
      const history = join(dir, `record-${r}.duckdb`);
      recorded.push(
        await time([
          'report',
          fleet,
          '--format',
          'json',
          '--out',
          join(dir, 'r.json'),
          '--record',
          '--history',
          history,
        ]),
      );
    }
    const [p, w] = [median(plain), median(recorded)];
    console.log(`${services} services, ${runs} runs in turns, median seconds:`);
    console.log(`  pt report --format json           ${p.toFixed(3)}`);
    console.log(`  the same, --record (fresh file)   ${w.toFixed(3)}`);
    console.log(`  recording adds ${(((w - p) / p) * 100).toFixed(1)}% (ratio ${(w / p).toFixed(2)}; target ≤ 1.30)\n`);
  }
}

/** `pt history --service` over `days` daily runs of a `historyServices`-service fleet. */
async function historyQuery(dir: string, historyServices: number, days: number, runs: number): Promise<void> {
  {
    const small = await generate(dir, historyServices);
    const history = join(dir, 'year.duckdb');
    await time([
      'report',
      small,
      '--format',
      'json',
      '--out',
      join(dir, 's.json'),
      '--record',
      '--history',
      history,
      '--at',
      '2026-12-31',
    ]);
    const { rows, service } = await fillDays(history, days);
    const startup = median(await Promise.all([0].map(() => time(['--version']))));
    const query: number[] = [];
    for (let r = 0; r < runs; r++) {
      query.push(
        await time([
          'history',
          '--service',
          service,
          '--since',
          '1Y',
          '--at',
          '2026-12-31',
          '--history',
          history,
          '--format',
          'json',
        ]),
      );
    }
    const q = median(query);
    console.log(`${days} daily runs of ${historyServices} services: ${rows} service rows`);
    console.log(
      `  pt history --service ${service}: ${q.toFixed(3)} s (target < 1 s); pt --version: ${startup.toFixed(3)} s; ratio ${(q / startup).toFixed(2)}`,
    );
  }
}

await main();
