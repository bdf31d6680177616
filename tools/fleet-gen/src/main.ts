import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { MAX_SERVICES } from './generate.js';
import { writeFleet } from './write.js';

const USAGE = `Usage: pt-fleet-gen --services <n> [--seed <n>] [--format json|yaml] [--no-boundaries] [--out <file>]

Writes a synthetic fleet file (default: JSON on stdout). Same seed, same file.
  --services <n>     0 to ${MAX_SERVICES}
  --seed <n>         integer seed (default 1)
  --format <f>       json (default) or yaml; --out ending in .yaml/.yml implies yaml
  --no-boundaries    leave out the services that sit on every rule boundary
  --out <file>       write here (atomically) instead of stdout
`;

function fail(message: string): never {
  process.stderr.write(`pt-fleet-gen: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) fail(`--${name} must be an integer; got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        services: { type: 'string' },
        seed: { type: 'string' },
        format: { type: 'string' },
        'no-boundaries': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.services === undefined) fail('--services is required');
  const services = integer('services', parsed.services, 0);
  if (services < 0 || services > MAX_SERVICES) fail(`--services must be from 0 to ${MAX_SERVICES}`);
  const seed = integer('seed', parsed.seed, 1);
  const format = parsed.format ?? (/\.ya?ml$/i.test(parsed.out ?? '') ? 'yaml' : 'json');
  if (format !== 'json' && format !== 'yaml') fail(`--format must be json or yaml; got "${format}"`);

  const temp = parsed.out === undefined ? undefined : `${parsed.out}.${process.pid}.tmp`;
  const stream: Writable = temp === undefined ? process.stdout : createWriteStream(temp);
  const sink = async (chunk: string) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  try {
    await writeFleet(sink, { services, seed, boundaries: !parsed['no-boundaries'] }, format);
    if (temp !== undefined && parsed.out !== undefined) {
      stream.end();
      await once(stream, 'finish');
      renameSync(temp, parsed.out);
    }
  } catch (error) {
    if (temp !== undefined) rmSync(temp, { force: true });
    throw error;
  }
}

await main();
