// `npm run bench -w @pt/bench-startup [-- --runs 30] [--compare other/bin/pt.js]`
// Start-up of the built `pt` against `node -e 0`, measured in the same run with hyperfine (Debian
// package `hyperfine`), which warms up, repeats and reports the spread: `--version`, `--help` and
// `report --help` (nothing but the entry chunk), then the small runs a user tries first, whose
// start-up is all their cost: `pt report` of the example fleet and of a seeded 10-service fleet, and
// `pt demo`. Prints each command's mean and its ratio to bare node, by wall time and by CPU time
// (user + system, steadier than wall time on a busy machine); never fails on a time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fleetText } from '@pt/fleet-gen';

const PT = fileURLToPath(new URL('../../../../apps/cli/bin/pt.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../../examples/fleet.yaml', import.meta.url));
/** The target of the issue that asked for lazy-loaded commands (`--version`, `--help`). */
const TARGET = 1.3;
/** The target for a small report (`pt report` of 10 services, `pt demo`). */
const SMALL_REPORT_TARGET = 2;

interface HyperfineResult {
  readonly command: string;
  readonly mean: number;
  readonly stddev: number;
  readonly user: number;
  readonly system: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, compare: { type: 'string' } } });
  const runs = values.runs ?? '30';
  const node = JSON.stringify(process.execPath);
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-startup-'));
  try {
    const seeded = join(dir, 'fleet-10.yaml');
    writeFileSync(seeded, await fleetText({ services: 10, seed: 1, boundaries: false }, 'yaml'));
    const small = (pt: string) => [
      `${node} ${JSON.stringify(pt)} report ${JSON.stringify(EXAMPLE)}`,
      `${node} ${JSON.stringify(pt)} report ${JSON.stringify(seeded)}`,
      `${node} ${JSON.stringify(pt)} demo`,
    ];
    const commands = [
      `${node} -e 0`,
      `${node} ${JSON.stringify(PT)} --version`,
      `${node} ${JSON.stringify(PT)} --help`,
      `${node} ${JSON.stringify(PT)} report --help`,
      ...small(PT),
      ...(values.compare === undefined ? [] : small(values.compare)),
    ];
    const json = join(dir, 'hyperfine.json');
    // -N: no shell in between, so the shell's own start-up is not counted.
    const run = spawnSync('hyperfine', ['-N', '--warmup', '5', '--runs', runs, '--export-json', json, ...commands], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (run.error !== undefined) {
      console.error(`hyperfine is needed for this benchmark (Debian: apt-get install hyperfine): ${run.error.message}`);
      process.exitCode = 2;
      return;
    }
    const { results } = JSON.parse(readFileSync(json, 'utf8')) as { results: HyperfineResult[] };
    const base = results[0];
    if (base === undefined || run.status !== 0) throw new Error(`hyperfine exited ${run.status}`);
    const cpu = (r: HyperfineResult) => r.user + r.system;
    const label = (command: string) =>
      command
        .replace(node, 'node')
        .replace(JSON.stringify(PT), 'pt.js')
        .replace(values.compare === undefined ? /$^/ : JSON.stringify(values.compare), 'compare:pt.js')
        .replace(JSON.stringify(EXAMPLE), 'examples/fleet.yaml')
        .replace(JSON.stringify(seeded), 'seeded 10-service fleet');
    console.log(`${'command'.padEnd(52)} ${'wall'.padStart(10)} ${'± σ'.padStart(8)}  ${'ratio'.padStart(6)}  ${'cpu'.padStart(8)}  ratio`);
    for (const r of results) {
      console.log(
        `${label(r.command).padEnd(52)} ${(r.mean * 1000).toFixed(1).padStart(7)} ms ${(r.stddev * 1000).toFixed(1).padStart(5)} ms  ${(r.mean / base.mean).toFixed(2).padStart(5)}×  ${(cpu(r) * 1000).toFixed(1).padStart(5)} ms  ${(cpu(r) / cpu(base)).toFixed(2)}×`,
      );
    }
    const worst = (from: number, to: number, of: (r: HyperfineResult) => number) =>
      Math.max(...results.slice(from, to).map((r) => of(r) / of(base)));
    console.log(
      `\npt --version / --help: ${worst(1, 3, (r) => r.mean).toFixed(2)}× bare node at worst (target ≤ ${TARGET})`,
    );
    console.log(
      `pt report (8 and 10 services) / pt demo: ${worst(4, 7, (r) => r.mean).toFixed(2)}× bare node at worst, ` +
        `${worst(4, 7, cpu).toFixed(2)}× by CPU time (target ≤ ${SMALL_REPORT_TARGET})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
