// `npm run bench -w @pt/bench-report [-- --sizes 10000,100000 --runs 3]`
// Generates seeded fleets, then times `pt report --format json` end to end against floors measured in
// the same run on the same files, and reads every process's peak RSS. Prints ratios; never fails on a time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFleet, type FleetFormat } from '@pt/fleet-gen';

const RSS_MARKER = '@@pt-bench-maxrss';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const PT = here('../../../../apps/cli/bin/pt.js');
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
const row = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(36) : c.padStart(10))).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number);
  const runs = Number(values.runs ?? '3');
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-report-'));
  try {
    const [bare = { seconds: 0, rssBytes: 0, cpuSeconds: 0 }] = await rounds(runs, [['-e', '0']]);
    console.log(`node -e 0: ${bare.seconds.toFixed(3)} s, ${mb(bare.rssBytes)} MB RSS (${runs} runs, median time)\n`);
    for (const services of sizes) {
      const json = await generate(dir, services, 'json');
      const yaml = await generate(dir, services, 'yaml');
      const jsonSize = statSync(json).size;
      const yamlSize = statSync(yaml).size;
      const [floor, ptJson, ptJson1, yamlFloor, ptYaml] = (await rounds(runs, [
        [FLOOR, 'json', json],
        [PT, 'report', json, '--format', 'json'],
        [PT, 'report', json, '--format', 'json', '--jobs', '1'],
        [FLOOR, 'yaml', yaml],
        [PT, 'report', yaml, '--format', 'json'],
      ])) as [Sample, Sample, Sample, Sample, Sample];
      console.log(`${services} services: JSON ${mb(jsonSize)} MB, YAML ${mb(yamlSize)} MB`);
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
      line('pt report <json> --format json', ptJson, floor, jsonSize);
      line('  the same, --jobs 1', ptJson1, floor, jsonSize);
      line('YAML parse alone (js-yaml load)', yamlFloor, floor, yamlSize);
      line('pt report <yaml> --format json', ptYaml, floor, yamlSize);
      const e2e = ptJson.seconds / floor.seconds;
      const memory = ptJson.rssBytes / jsonSize;
      console.log(
        `targets (JSON input): end to end ${e2e.toFixed(2)}× floor (target ≤ 2), ` +
          `peak RSS ${memory.toFixed(2)}× file size (target ≤ 4); YAML end to end ${(ptYaml.seconds / yamlFloor.seconds).toFixed(2)}× YAML parse\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
