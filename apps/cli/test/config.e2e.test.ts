/**
 * The project config file (`pt.config.yaml`), through the built binary: a repository whose config
 * file names every input of `pt report` gives, with `pt report` alone, the bytes of the long-flag
 * command; flags override it; bad files are located; `pt config` says where each value came from.
 * Inputs are the repository's examples (fleet, OpenSLO files and SLI data, events, scorecard).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoCrash, makeTempDir, runPt, type TempDir } from './run-cli.js';

const EXAMPLES = new URL('../../../examples/', import.meta.url);

/** Billing rows of two of the example fleet's services, and shared cost (FOCUS columns). */
function focusCsv(): string {
  const rows = ['BilledCost,BillingCurrency,ChargePeriodStart,Tags'];
  for (let d = 1; d <= 20; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push(
      `150,USD,${day},"{""service"":""api-gateway""}"`,
      `${200 + d},USD,${day},"{""service"":""payments""}"`,
      `8,USD,${day},"{""shared"":""true""}"`,
    );
  }
  return `${rows.join('\n')}\n`;
}

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api-gateway
  annotations: { pagerduty.com/service-id: P123 }
  links: [{ url: "https://runbooks.example/api-gateway", title: Runbook }]
spec: { type: service, lifecycle: production, owner: platform }
`;

/** Every input of `pt report` as long flags, and the config file naming the same ones. */
const FLAGS = [
  'fleet.yaml',
  '--slo',
  'slo/api-gateway.yaml,slo/checkout.yaml',
  '--slo-data',
  'slo/data/api-gateway-availability.csv,slo/data/checkout-success.json',
  '--events',
  'events/events.jsonl',
  '--events',
  'events/incidents.csv',
  '--window',
  '30d',
  '--cost',
  'billing/focus.csv',
  '--cost-config',
  'cost.yaml',
  '--scorecard',
  'scorecard.yaml',
  '--catalog',
  'catalog',
  '--at',
  '2026-11-28T00:00:00Z',
  '--format',
  'markdown',
];

const CONFIG = `# Every input of pt report, written once.
fleet: fleet.yaml
at: 2026-11-28T00:00:00Z
slo:
  files: [slo/api-gateway.yaml, slo/checkout.yaml]
  data:
    - slo/data/api-gateway-availability.csv
    - slo/data/checkout-success.json
reliability:
  events: [events/events.jsonl, events/incidents.csv]
  window: 30d
cost:
  focus: [billing/focus.csv]
  config: cost.yaml
governance:
  scorecard: scorecard.yaml
  catalog: [catalog]
commands:
  report:
    format: markdown
`;

let repo: TempDir;
/** `pt report` with every long flag, run before the config file existed. */
let longFlags: Awaited<ReturnType<typeof runPt>>;
let longFlagsJson: Awaited<ReturnType<typeof runPt>>;

beforeAll(async () => {
  repo = makeTempDir();
  mkdirSync(join(repo.path, '.git'));
  for (const name of ['fleet.yaml', 'scorecard.yaml', 'slo', 'events']) {
    cpSync(new URL(name, EXAMPLES), join(repo.path, name), { recursive: true });
  }
  mkdirSync(join(repo.path, 'billing'));
  repo.file('billing/focus.csv', focusCsv());
  repo.file('cost.yaml', 'allocation:\n  split: even\n');
  mkdirSync(join(repo.path, 'catalog'));
  repo.file('catalog/api-gateway.yaml', CATALOG);
  mkdirSync(join(repo.path, 'services', 'api'), { recursive: true });
  [longFlags, longFlagsJson] = await Promise.all([
    runPt(['report', ...FLAGS], { cwd: repo.path }),
    runPt(['report', ...FLAGS.slice(0, -1), 'json'], { cwd: repo.path }),
  ]);
  repo.file('pt.config.yaml', CONFIG);
});
afterAll(() => repo.cleanup());

describe('a repository with pt.config.yaml', () => {
  it('the long-flag command works on these inputs, and each of them moves the report', () => {
    expect(longFlags.stderr).toBe('pt: warning: 1 event not counted (service not in the fleet): billing (1)\n');
    expect(longFlags.status).toBe(0);
    const report = JSON.parse(longFlagsJson.stdout) as {
      services: { name: string; monthlyCost: number; scorecard?: unknown; billing?: unknown }[];
    };
    const api = report.services.find((s) => s.name === 'api-gateway');
    expect(api?.billing).toBeDefined();
    expect(api?.scorecard).toBeDefined();
    expect(longFlags.stdout).toContain('# Fleet health report');
  });

  it('pt report alone equals the long-flag command, byte for byte', async () => {
    const r = await runPt(['report'], { cwd: repo.path });
    expect(r.status).toBe(longFlags.status);
    expect(r.stdout).toBe(longFlags.stdout);
    expect(r.stderr).toBe(longFlags.stderr);
  });

  it('is found from a subdirectory, its paths read from its own directory', async () => {
    const r = await runPt(['report'], { cwd: join(repo.path, 'services', 'api') });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(longFlags.stdout);
  });

  it('a flag overrides the file, and a note says which value was not used', async () => {
    const r = await runPt(['report', '--format', 'json'], { cwd: repo.path });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(longFlagsJson.stdout);
    expect(r.stderr).toBe(
      'pt: note: pt.config.yaml:20 commands.report.format: not used: --format is given\n' + longFlags.stderr,
    );
  });

  it('an argument overrides the file: another fleet', async () => {
    repo.file('small.yaml', 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - { name: api-gateway, team: platform }\n');
    const r = await runPt(['report', 'small.yaml', '--format', 'json'], { cwd: repo.path });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { services: unknown[] }).services).toHaveLength(1);
    expect(r.stderr).toContain('pt: note: pt.config.yaml:2 fleet: not used: the command line gives the arguments\n');
  });

  it('other commands take what they use from it: pt dora gets the events, the window and --at', async () => {
    const [fromConfig, fromFlags] = await Promise.all([
      runPt(['dora', '--by', 'team'], { cwd: repo.path }),
      runPt(
        [
          'dora',
          'events/events.jsonl',
          'events/incidents.csv',
          '--by',
          'team',
          '--fleet',
          'fleet.yaml',
          '--window',
          '30d',
          '--at',
          '2026-11-28T00:00:00Z',
        ],
        { cwd: repo.path },
      ),
    ]);
    expect(fromConfig.status).toBe(0);
    expect(fromConfig.stdout).toContain('platform');
    expect(fromConfig.stdout).toBe(fromFlags.stdout);
  });
});

describe('pt config', () => {
  it('prints what pt report gets and where each value came from', async () => {
    const r = await runPt(['config', 'report', '--team', 'payments'], { cwd: repo.path });
    expect(r.status).toBe(0);
    expectNoCrash(r);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('pt report with the config file pt.config.yaml:');
    const row = (option: string) =>
      lines
        .find((l) => l.trimStart().startsWith(`${option} `))
        ?.trim()
        .split(/\s{2,}/);
    expect(row('<fleet.yaml|fleet.json|->')).toEqual([
      '<fleet.yaml|fleet.json|->',
      'fleet.yaml',
      'pt.config.yaml:2 fleet',
    ]);
    expect(row('--format')).toEqual(['--format', 'markdown', 'pt.config.yaml:20 commands.report.format']);
    expect(row('--team')).toEqual(['--team', 'payments', 'flag']);
    expect(row('--slo-data')).toEqual([
      '--slo-data',
      'slo/data/api-gateway-availability.csv,slo/data/checkout-success.json',
      'pt.config.yaml:6 slo.data',
    ]);
    expect(row('--events')).toEqual([
      '--events',
      'events/events.jsonl events/incidents.csv',
      'pt.config.yaml:10 reliability.events',
    ]);
    expect(row('--catalog')).toEqual(['--catalog', 'catalog', 'pt.config.yaml:17 governance.catalog']);
    expect(row('--window')).toEqual(['--window', '30d', 'pt.config.yaml:11 reliability.window']);
    expect(row('--split')).toEqual(['--split', 'proportional', 'default']);
    expect(row('--fail-on')).toEqual(['--fail-on', '-', 'default']);
  });

  it('from a subdirectory: the paths as seen from there', async () => {
    const r = await runPt(['config', 'slo', 'validate'], { cwd: join(repo.path, 'services') });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('pt slo validate with the config file ../pt.config.yaml:');
    expect(r.stdout).toMatch(
      /\n {2}<file…> +\.\.\/slo\/api-gateway\.yaml \.\.\/slo\/checkout\.yaml +\.\.\/pt\.config\.yaml:5 slo\.files\n/,
    );
  });

  it('alone: the file and every value in it, by line', async () => {
    const r = await runPt(['config'], { cwd: repo.path });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Config file: pt.config.yaml');
    expect(lines.slice(2, 5).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['key', 'value'],
      ['pt.config.yaml:2 fleet', 'fleet.yaml'],
      ['pt.config.yaml:3 at', '2026-11-28T00:00:00Z'],
    ]);
    expect(lines.at(-2)).toBe("Run 'pt config <command>' for what a command gets from it.");
  });

  it('without a config file says so', async () => {
    const dir = makeTempDir();
    try {
      mkdirSync(join(dir.path, '.git'));
      const r = await runPt(['config', 'demo'], { cwd: dir.path });
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('pt demo (no config file: none found from the working directory upwards):');
    } finally {
      dir.cleanup();
    }
  });
});

describe.concurrent('--config and bad config files', () => {
  it('--config names the file, before the command or among its options', async () => {
    const other = makeTempDir();
    try {
      writeFileSync(join(other.path, 'ci.yaml'), `fleet: ${join(repo.path, 'fleet.yaml')}\nformat: json\n`);
      const before = await runPt(['--config', join(other.path, 'ci.yaml'), 'report'], { cwd: other.path });
      const after = await runPt(['report', '--config', 'ci.yaml'], { cwd: other.path });
      expect(before.status).toBe(0);
      expect(before.stderr).toBe('');
      expect((JSON.parse(before.stdout) as { services: unknown[] }).services).toHaveLength(8);
      expect(after.stdout).toBe(before.stdout);
      // The one found upwards is not read when another is named.
      const inRepo = await runPt(['--config', join(other.path, 'ci.yaml'), 'config', 'report'], { cwd: repo.path });
      expect(inRepo.stdout).toMatch(/\n {2}--format +json +.*ci\.yaml:2 format\n/);
    } finally {
      other.cleanup();
    }
  });

  it.each([
    [
      'a value of the wrong type and an unknown key, located by line and path',
      'fleet: fleet.yaml\nslo:\n  timeout: soon\nreliabilty:\n  window: 30d\n',
      [
        'bad.yaml:3 slo.timeout: must be a number, got "soon"',
        'bad.yaml:4 reliabilty: unknown key',
        'pt: bad.yaml is not a valid pt config file (2 problems)',
      ],
    ],
    [
      'an unknown command in the commands section',
      'commands:\n  report: { format: json }\n  reprot: { format: json }\n',
      ['bad.yaml:3 commands.reprot: unknown key', 'pt: bad.yaml is not a valid pt config file (1 problem)'],
    ],
    [
      'a credential, without echoing it',
      'slo:\n  prometheus: https://prom.example\n  token: s3cr3t-value\n',
      [
        'bad.yaml:3 slo.token: looks like a credential: credentials never go in the config file; set them in the environment (PT_PROMETHEUS_TOKEN, or PT_PROMETHEUS_USER and PT_PROMETHEUS_PASSWORD)',
        'pt: bad.yaml is not a valid pt config file (1 problem)',
      ],
    ],
    [
      'a YAML syntax error',
      'fleet: [fleet.yaml\n',
      [/^bad\.yaml:2:1: YAML syntax error: /, 'pt: bad.yaml is not a valid pt config file (1 problem)'],
    ],
  ])('refuses %s (exit 2, nothing on stdout)', async (_what, text, expected) => {
    const dir = makeTempDir();
    try {
      dir.file('bad.yaml', text);
      const r = await runPt(['--config', 'bad.yaml', 'report'], { cwd: dir.path });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expectNoCrash(r);
      const lines = r.stderr.split('\n').slice(0, -1);
      expect(lines).toHaveLength(expected.length);
      expected.forEach((line, i) => {
        if (typeof line === 'string') expect(lines[i]).toBe(line);
        else expect(lines[i]).toMatch(line);
      });
      expect(r.stderr).not.toContain('s3cr3t');
    } finally {
      dir.cleanup();
    }
  });

  it('a format the command does not have, in its own section, is an error located in the file', async () => {
    const dir = makeTempDir();
    try {
      mkdirSync(join(dir.path, '.git'));
      dir.file('pt.config.yaml', 'commands:\n  dora:\n    format: html\n');
      const r = await runPt(['dora', join(repo.path, 'events', 'events.jsonl')], { cwd: dir.path });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        'pt: pt.config.yaml:3 commands.dora.format: must be one of table, json, markdown for pt dora, got "html"\n' +
          "Run 'pt dora --help' for its options.\n",
      );
    } finally {
      dir.cleanup();
    }
  });

  it('a key the command cannot use in its own section is noted, the run goes on', async () => {
    const dir = makeTempDir();
    try {
      mkdirSync(join(dir.path, '.git'));
      dir.file('pt.config.yaml', 'commands:\n  demo:\n    by: team\n    failOn: critical\n');
      const r = await runPt(['demo'], { cwd: dir.path });
      expect(r.status).toBe(1); // --fail-on critical from the file: payments is critical
      expect(r.stderr).toBe(
        'pt: note: pt.config.yaml:3 commands.demo.by: not used: pt demo has no --by\n' +
          'pt: --fail-on critical: 1 service(s) matched: payments\n',
      );
    } finally {
      dir.cleanup();
    }
  });

  it('pt.config.json is read too; both names in one directory are refused', async () => {
    const dir = makeTempDir();
    try {
      mkdirSync(join(dir.path, '.git'));
      dir.file('pt.config.json', JSON.stringify({ commands: { demo: { format: 'json' } } }));
      const json = await runPt(['demo'], { cwd: dir.path });
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toHaveProperty('schemaVersion', 1);
      dir.file('pt.config.yaml', 'format: json\n');
      const both = await runPt(['demo'], { cwd: dir.path });
      expect(both.status).toBe(2);
      expect(both.stderr).toMatch(/^pt: both .*pt\.config\.yaml and .*pt\.config\.json exist: keep one\n/);
    } finally {
      dir.cleanup();
    }
  });

  it('pt schema config prints the JSON Schema of the file, which refuses unknown keys', async () => {
    const r = await runPt(['schema', 'config']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      title: string;
      additionalProperties: boolean;
      properties: Record<string, { additionalProperties?: boolean }>;
    };
    expect(schema.title).toBe('pt project config file');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['fleet', 'at', 'format', 'slo', 'reliability', 'cost', 'governance', 'commands']),
    );
    expect(schema.properties['slo']?.additionalProperties).toBe(false);
  });
});
