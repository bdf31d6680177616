// `npm run bench -w @pt/bench-report [-- --sizes 10000,100000 --runs 3 --no-yaml --pt <bin/pt.js>]`
// Generates seeded fleets, then times `pt report` in every format (json, table, markdown, html) end to
// end against floors measured in the same run on the same files, and the start-up of a 10-service
// report and `pt demo` against `node -e 0`; reads every process's peak RSS. Prints the ratios of the
// performance issue's table; never fails on a time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFleet, type FleetFormat } from '@pt/fleet-gen';

const RSS_MARKER = '@@pt-bench-maxrss';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
let PT = here('../../../../apps/cli/bin/pt.js');
const FLOOR = here('./floor.js');
const RSS_HOOK = here('./rss.js');

interface Sample {
  readonly seconds: number;
  readonly rssBytes: number;
  /** User + system CPU time of all the process's threads. */
  readonly cpuSeconds: number;
}

/** Runs `node args…` with the RSS hook; stdout is discarded (counted, not kept). */
async function measure(args: readonly string[]): Promise<Sample> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', RSS_HOOK, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.resume();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const match = new RegExp(`${RSS_MARKER} (\\d+) (\\d+)`).exec(stderr);
  if (code !== 0 || match === null) {
    throw new Error(`node ${args.join(' ')} exited ${code}:\n${stderr.slice(0, 2000)}`);
  }
  return { seconds, rssBytes: Number(match[1]), cpuSeconds: Number(match[2]) / 1e6 };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Runs every case `runs` times, in turns (one run of each case, then the next round), so that a
 * noisy machine slows all cases alike. Median time and CPU, highest RSS, per case.
 */
async function rounds(runs: number, cases: readonly (readonly string[])[]): Promise<Sample[]> {
  const samples: Sample[][] = cases.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, args] of cases.entries()) samples[i]?.push(await measure(args));
  }
  return samples.map((s) => ({
    seconds: median(s.map((x) => x.seconds)),
    cpuSeconds: median(s.map((x) => x.cpuSeconds)),
    rssBytes: Math.max(...s.map((x) => x.rssBytes)),
  }));
}

async function generate(dir: string, services: number, format: FleetFormat): Promise<string> {
  const file = join(dir, `fleet-${services}.${format}`);
  const out = createWriteStream(file);
  await writeFleet(
    async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    },
    { services, seed: 1 },
    format,
  );
  out.end();
  await once(out, 'finish');
  return file;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const row = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(44) : c.padStart(9))).join(' ');

/** A case of the table: a `pt report` run against a baseline of the same run, and its target. */
interface Row {
  readonly name: string;
  readonly sample: Sample;
  readonly base: Sample;
  readonly target: number;
  /** Input size, for peak RSS ÷ file size; with its target when there is one. */
  readonly size?: number;
  readonly rssTarget?: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'no-yaml': { type: 'boolean' },
      pt: { type: 'string' },
    },
  });
  // Another build of the CLI (its bin/pt.js), e.g. a copy made before a change, to compare.
  if (values.pt !== undefined) PT = resolve(values.pt);
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number);
  const runs = Number(values.runs ?? '3');
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-report-'));
  const table: Row[] = [];
  try {
    // Start-up: a 10-service fleet and the demo against bare Node, in the same rounds.
    const small = await generate(dir, 10, 'json');
    const [bare, ptSmall, ptDemo] = (await rounds(runs, [
      ['-e', '0'],
      [PT, 'report', small],
      [PT, 'demo'],
    ])) as [Sample, Sample, Sample];
    console.log(`node -e 0: ${bare.seconds.toFixed(3)} s, ${mb(bare.rssBytes)} MB RSS (${runs} runs, median time)\n`);
    table.push(
      { name: 'pt report, 10 services, vs node -e 0', sample: ptSmall, base: bare, target: 2 },
      { name: 'pt demo, vs node -e 0', sample: ptDemo, base: bare, target: 2 },
    );
    for (const services of sizes) {
      const json = await generate(dir, services, 'json');
      const jsonSize = statSync(json).size;
      const formats = [
        ['json', [PT, 'report', json, '--format', 'json']],
        ['table', [PT, 'report', json]],
        ['markdown', [PT, 'report', json, '--format', 'markdown']],
        ['html', [PT, 'report', json, '--format', 'html']],
      ] as const;
      const [floor, ...measured] = await rounds(runs, [
        [FLOOR, 'json', json],
        ...formats.map(([, args]) => args),
        [PT, 'report', json, '--format', 'json', '--jobs', '1'],
      ]);
      if (floor === undefined) throw new Error('no floor');
      console.log(`${services} services: JSON ${mb(jsonSize)} MB`);
      console.log(row(['case', 'seconds', '× floor', 'CPU s', 'RSS MB', 'RSS/file']));
      const line = (name: string, s: Sample, base: Sample, size: number) =>
        console.log(
          row([
            name,
            s.seconds.toFixed(3),
            (s.seconds / base.seconds).toFixed(2),
            s.cpuSeconds.toFixed(2),
            mb(s.rssBytes),
            (s.rssBytes / size).toFixed(2),
          ]),
        );
      line('floor: JSON.parse+stringify', floor, floor, jsonSize);
      formats.forEach(([format], i) => {
        const sample = measured[i];
        if (sample === undefined) return;
        line(`pt report <json> --format ${format}`, sample, floor, jsonSize);
        table.push({
          name: `pt report ${services} services --format ${format}`,
          sample,
          base: floor,
          target: format === 'html' ? 2 : 1.5,
          size: jsonSize,
          ...(format === 'table' ? { rssTarget: 4 } : {}),
        });
      });
      const jobs1 = measured[formats.length];
      if (jobs1 !== undefined) line('  --format json --jobs 1', jobs1, floor, jsonSize);
      if (values['no-yaml'] !== true) {
        const yaml = await generate(dir, services, 'yaml');
        const yamlSize = statSync(yaml).size;
        const [yamlFloor, ptYaml] = (await rounds(runs, [
          [FLOOR, 'yaml', yaml],
          [PT, 'report', yaml, '--format', 'json'],
        ])) as [Sample, Sample];
        line(`YAML parse alone (${mb(yamlSize)} MB)`, yamlFloor, floor, yamlSize);
        line('pt report <yaml> --format json', ptYaml, floor, yamlSize);
        console.log(`YAML end to end ${(ptYaml.seconds / yamlFloor.seconds).toFixed(2)}× YAML parse`);
      }
      console.log('');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The table: each case against its baseline measured in the same rounds.
  console.log('Targets (× baseline: JSON.parse+stringify of the file, or node -e 0 for start-up)');
  console.log(row(['case', '× base', 'target', 'RSS/file', 'target', 'met']));
  for (const r of table) {
    const ratio = r.sample.seconds / r.base.seconds;
    const rss = r.size === undefined ? undefined : r.sample.rssBytes / r.size;
    const met = ratio <= r.target && (r.rssTarget === undefined || (rss ?? 0) <= r.rssTarget);
    console.log(
      row([
        r.name,
        ratio.toFixed(2),
        `≤ ${r.target}`,
        rss === undefined ? '-' : rss.toFixed(2),
        r.rssTarget === undefined ? '-' : `≤ ${r.rssTarget}`,
        met ? 'yes' : 'no',
      ]),
    );
  }
}

await main();
