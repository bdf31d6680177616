// `npm run bench -w @pt/bench-startup [-- --runs 30]`
// Start-up of the built `pt` (`--version`, `--help`, `report --help`) against `node -e 0`, measured
// in the same run with hyperfine (Debian package `hyperfine`), which warms up, repeats and reports
// the spread. Prints each command's mean and its ratio to bare node; never fails on a time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PT = fileURLToPath(new URL('../../../../apps/cli/bin/pt.js', import.meta.url));
/** The target of the issue that asked for lazy-loaded commands. */
const TARGET = 1.3;

interface HyperfineResult {
  readonly command: string;
  readonly mean: number;
  readonly stddev: number;
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const runs = values.runs ?? '30';
  const node = JSON.stringify(process.execPath);
  const commands = [
    `${node} -e 0`,
    `${node} ${JSON.stringify(PT)} --version`,
    `${node} ${JSON.stringify(PT)} --help`,
    `${node} ${JSON.stringify(PT)} report --help`,
  ];
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-startup-'));
  try {
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
    const label = (command: string) => command.replace(node, 'node').replace(JSON.stringify(PT), 'pt.js');
    for (const r of results) {
      const ratio = r.mean / base.mean;
      console.log(
        `${label(r.command).padEnd(28)} ${(r.mean * 1000).toFixed(1).padStart(7)} ms ± ${(r.stddev * 1000).toFixed(1).padStart(5)}  ${ratio.toFixed(2)}× node -e 0`,
      );
    }
    const worst = Math.max(...results.slice(1, 3).map((r) => r.mean / base.mean));
    console.log(`\npt --version / --help: ${worst.toFixed(2)}× bare node at worst (target ≤ ${TARGET})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
