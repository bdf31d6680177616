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
  const match = new RegExp(`${RSS_MARKER} (\\d+)`).exec(stderr);
  if (code !== 0 || match === null) {
    throw new Error(`node ${args.join(' ')} exited ${code}:\n${stderr.slice(0, 2000)}`);
  }
  return { seconds, rssBytes: Number(match[1]) };
}

/** Median time and highest RSS over `runs` runs. */
async function repeat(runs: number, args: readonly string[]): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(args));
  const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
  return {
    seconds: times[Math.floor(times.length / 2)] ?? 0,
    rssBytes: Math.max(...samples.map((s) => s.rssBytes)),
  };
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
const row = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(10))).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number);
  const runs = Number(values.runs ?? '3');
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-report-'));
  try {
    const bare = await repeat(runs, ['-e', '0']);
    console.log(`node -e 0: ${bare.seconds.toFixed(3)} s, ${mb(bare.rssBytes)} MB RSS (${runs} runs, median time)\n`);
    for (const services of sizes) {
      const json = await generate(dir, services, 'json');
      const yaml = await generate(dir, services, 'yaml');
      const jsonSize = statSync(json).size;
      const yamlSize = statSync(yaml).size;
      const floor = await repeat(runs, [FLOOR, 'json', json]);
      const yamlFloor = await repeat(runs, [FLOOR, 'yaml', yaml]);
      const ptJson = await repeat(runs, [PT, 'report', json, '--format', 'json']);
      const ptYaml = await repeat(runs, [PT, 'report', yaml, '--format', 'json']);
      console.log(`${services} services: JSON ${mb(jsonSize)} MB, YAML ${mb(yamlSize)} MB`);
      console.log(row(['case', 'seconds', '× floor', 'RSS MB', 'RSS/file']));
      const line = (name: string, s: Sample, base: Sample, size: number) =>
        console.log(
          row([
            name,
            s.seconds.toFixed(3),
            (s.seconds / base.seconds).toFixed(2),
            mb(s.rssBytes),
            (s.rssBytes / size).toFixed(2),
          ]),
        );
      line('floor: JSON.parse+stringify', floor, floor, jsonSize);
      line('pt report <json> --format json', ptJson, floor, jsonSize);
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
