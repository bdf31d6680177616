/**
 * One `--at` for every command: a date, an ISO 8601 time with an offset or epoch seconds name the
 * same instant everywhere, and a value in none of these forms gets the same usage error.
 */
import { describe, expect, it } from 'vitest';
import { asText, EXAMPLE_YAML, runPt } from './run-cli.js';

const EVENTS = '../../examples/events/events.jsonl';
const API = '../../examples/slo/api-gateway.yaml';
const API_DATA = '../../examples/slo/data/api-gateway-availability.csv';

/** Each command with `--at`, and one instant in three forms: a date, ISO 8601 with an offset, epoch seconds. */
const COMMANDS: [string, string[], [string, string, string]][] = [
  [
    'report --events',
    ['report', EXAMPLE_YAML, '--events', EVENTS, '-f', 'json'],
    ['2026-11-28', '2026-11-28T01:00:00+01:00', '1795824000'],
  ],
  ['dora', ['dora', EVENTS, '-f', 'json'], ['2026-11-28', '2026-11-27T19:00:00-05:00', '1795824000']],
  [
    'governance check',
    ['governance', 'check', EXAMPLE_YAML, '-f', 'json'],
    ['2026-11-28', '2026-11-28T00:00:00Z', '1795824000'],
  ],
  [
    'slo budget',
    ['slo', 'budget', API, '--data', API_DATA, '-f', 'json'],
    ['2026-11-07', '2026-11-07T00:00:00Z', '1794009600'],
  ],
  [
    'slo alerts',
    ['slo', 'alerts', API, '--data', API_DATA, '-f', 'json'],
    ['2026-11-07', '2026-11-07T00:00:00Z', '1794009600'],
  ],
];

const MESSAGE =
  'pt: --at must be a date (2026-11-28), an ISO 8601 time with an offset (2026-11-28T12:00:00Z) or epoch seconds (1795824000); got';

describe('--at', () => {
  it.each(COMMANDS)(
    'pt %s: a date, a time with an offset and epoch seconds give the same result',
    async (_name, args, forms) => {
      const results = [];
      for (const at of forms) results.push(await runPt([...args, '--at', at]));
      const [date, iso, epoch] = results;
      expect(date?.status).toBe(0);
      expect(iso?.stderr).toBe(date?.stderr);
      expect(date?.stdout.length).toBeGreaterThan(0);
      expect(iso?.stdout).toBe(date?.stdout);
      expect(epoch?.stdout).toBe(date?.stdout);
    },
  );

  it.each(
    COMMANDS.flatMap(([name, args]) =>
      ['2026-11-28T00:00:00', '2026-02-30', 'yesterday'].map((bad) => [name, args, bad] as const),
    ),
  )('pt %s --at %s: the one usage error', async (_name, args, bad) => {
    const r = asText(await runPt([...args, '--at', bad]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${MESSAGE} "${bad}"\n`);
  });

  it('the date moves the result: the day before is another window', async () => {
    const a = await runPt(['dora', EVENTS, '-f', 'json', '--at', '2026-11-28']);
    const b = await runPt(['dora', EVENTS, '-f', 'json', '--at', '2026-11-27']);
    expect(a?.stdout).not.toBe(b?.stdout);
  });
});

describe('pt slo budget and alerts without SLI data', () => {
  it.each(['budget', 'alerts'])('pt slo %s x.yaml says the SLI data is missing', async (sub) => {
    const r = await runPt(['slo', sub, API]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `pt: pt slo ${sub}: missing SLI data: give --data <sli file> or --prometheus <url>\nRun 'pt slo --help' for usage.\n`,
    );
  });

  it('--data and --prometheus together: one source, please', async () => {
    const r = await runPt(['slo', 'alerts', API, '--data', API_DATA, '--prometheus', 'http://127.0.0.1:9']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('pt: --data and --prometheus are two sources of SLI data: give one');
  });
});
